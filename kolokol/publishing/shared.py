"""Facts every app server reads on its fast path, shared through the database.

A stored page is answered without a query, yet whether it is still fresh
(breaking-news transitions) and which headers go with it (a service's onion
address) depend on what editors did, perhaps through another server. Those
facts are ``SharedFact`` rows. Each process keeps all of them in memory
under the cache clock's value and reads them again when the clock moves, so
a change made on any server is seen by every other within
``clock.RECHECK_SECONDS``, at the cost of one small query per change.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import DatabaseError, connection

from kolokol.core import clock

_lock = threading.Lock()
_snapshot: tuple[int, dict[str, Any]] | None = None


def facts() -> dict[str, Any]:
    """Every shared fact by name, as of the clock's current value."""
    global _snapshot
    version = clock.version()
    current = _snapshot
    if current is not None and current[0] == version:
        return current[1]
    from kolokol.publishing.models import SharedFact

    try:
        rows = dict(SharedFact.objects.values_list("name", "value"))
    except DatabaseError:
        # The database is away: what was read last stands (the store front
        # goes on serving), and the next call tries again.
        if not connection.in_atomic_block:
            connection.close()
        return current[1] if current is not None else {}
    with _lock:
        _snapshot = (version, rows)
    return rows


def get(name: str, default: Any = None) -> Any:
    return facts().get(name, default)


def put(name: str, value: Any) -> None:
    """Record a fact and move the clock, so that every server reads it again."""
    from kolokol.publishing.models import SharedFact

    SharedFact.objects.update_or_create(name=name, defaults={"value": value})
    # After the write: a server that sees the new clock value finds the new fact.
    clock.bump()


def forget() -> None:
    """Start from nothing (tests that begin a new database)."""
    global _snapshot
    with _lock:
        _snapshot = None
