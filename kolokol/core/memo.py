"""A small per-process memory for answers that only publishing changes.

Callers key each answer by everything that would change it (an image's
file and focal point, the cache clock every publish moves on), so an
entry is never wrong, only unused; the oldest go first when it is full.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache

T = TypeVar("T")


class Memo(Generic[T]):
    _all: list[Memo] = []

    def __init__(self, size: int) -> None:
        self._entries: LRUCache[Hashable, T] = LRUCache(maxsize=size)
        self._lock = threading.Lock()
        Memo._all.append(self)

    @classmethod
    def clear_all(cls) -> None:
        """Forget everything (tests start each database afresh)."""
        for memo in cls._all:
            memo.clear()

    def get(self, key: Hashable, make: Callable[[], tuple[T, bool]]) -> T:
        """The answer for ``key``; ``make()`` gives it and whether it may be kept."""
        with self._lock:
            if key in self._entries:
                return self._entries[key]
        value, keep = make()
        if keep:
            with self._lock:
                self._entries[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
