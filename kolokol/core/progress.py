"""A terminal progress bar for long commands, with no dependency."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
WIDTH = 30


class Output(Protocol):
    """Where the bar is drawn: a terminal's stream, or a management command's ``stdout``."""

    def write(self, text: str, /) -> object: ...
    def flush(self) -> object: ...
    def isatty(self) -> bool: ...


def progress(items: Iterable[T], total: int, label: str, out: Output = sys.stderr) -> Iterator[T]:
    """Yield ``items`` while drawing ``label [#####     ] 12/40 3.1/s`` on ``out``.

    On a terminal the bar redraws in place; into a file or pipe it prints a
    line every tenth of the way so logs stay readable.
    """
    interactive = out.isatty()
    started = time.monotonic()
    step = max(1, total // 10)
    done = 0
    for done, item in enumerate(items, start=1):
        yield item
        if interactive or done % step == 0 or done == total:
            elapsed = max(time.monotonic() - started, 1e-6)
            filled = WIDTH * done // max(total, 1)
            bar = "#" * filled + " " * (WIDTH - filled)
            line = f"{label} [{bar}] {done}/{total} {done / elapsed:.1f}/s"
            out.write(("\r" + line) if interactive else (line + "\n"))
            out.flush()
    if interactive:
        out.write("\n")
    if not done and total:
        out.write(f"{label}: nothing to do\n")
