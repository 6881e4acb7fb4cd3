"""The site-wide cache clock: it moves on every publishing event, on every server.

Every process keeps answers that only publishing changes (the chrome, the
site facts, listings, feed items) under the clock's current value, so moving
the clock retires them all at once. The value lives in one database row
(``CacheClock``), the only thing all app servers and workers of an
installation share even in its embedded form: each process reads it every
``RECHECK_SECONDS`` (one row by its key), and
``sync()`` reads it at once where an answer will be kept (a render for the
store), so no server keeps a page made from facts another server changed.

A process that moves the clock sees its own move at once, before the
transaction commits (its own renders must not use the old answers); the
others see it after the commit.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import nullcontext

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

logger = logging.getLogger(__name__)

RECHECK_SECONDS = 0.25

_lock = threading.Lock()
_stored = 0  # the database's value when last read
_local = 0  # this process's own moves, not yet (or never: a rolled-back test) committed
_read_at = float("-inf")  # monotonic time of the last read


_poller: threading.Thread | None = None


def version() -> int:
    """The clock's value as this process knows it, at most RECHECK_SECONDS old.

    A server process reads it on a thread of its own (``start_polling``), so
    that a reader's request never waits for the database; anywhere else
    (commands, the worker) the first call after RECHECK_SECONDS reads it.
    """
    if _poller is None and time.monotonic() - _read_at > RECHECK_SECONDS:
        sync()
    return max(_stored, _local)


def start_polling() -> None:
    """Read the clock every RECHECK_SECONDS on a background thread (app server processes)."""
    global _poller

    def poll() -> None:
        while True:
            try:
                sync()
            except Exception:
                # Never end: the process would go on with an old clock for good.
                logger.exception("cache clock: reading it failed; trying again")
            time.sleep(RECHECK_SECONDS)

    with _lock:
        if _poller is None:
            _poller = threading.Thread(target=poll, name="kolokol-clock", daemon=True)
            _poller.start()


def sync() -> int:
    """Read the clock now. With the database away, the last value read stands."""
    global _stored, _read_at
    from kolokol.core.models import CacheClock

    try:
        # In a transaction (an editor's save), a failed read must not spoil it.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            ticks = CacheClock.objects.filter(pk=1).values_list("ticks", flat=True).first()
    except DatabaseError:
        # Stored pages are served in an outage with the clock last read. A
        # broken connection is dropped so the next read reconnects.
        if not connection.in_atomic_block:
            connection.close()
        ticks = None
    with _lock:
        if ticks is not None:
            _stored = max(_stored, ticks)
        _read_at = time.monotonic()
    return max(_stored, _local)


def bump() -> None:
    """Something that pages show may have changed: here now, everywhere at commit."""
    global _local
    with _lock:
        _local = max(_local + 1, _stored + 1, time.time_ns())
    transaction.on_commit(advance)


def advance() -> None:
    """Move the shared clock on now (outside any transaction: after a commit)."""
    global _local
    from kolokol.core.models import CacheClock

    ticks = time.time_ns()
    # Greatest: a server whose clock runs behind still moves it forward.
    updated = CacheClock.objects.filter(pk=1).update(ticks=Greatest(F("ticks") + 1, Value(ticks)))
    if not updated:
        CacheClock.objects.get_or_create(pk=1, defaults={"ticks": ticks})
    with _lock:
        _local = max(_local, ticks)
    sync()


def forget() -> None:
    """Start from nothing (tests that begin a new database)."""
    global _stored, _local, _read_at
    with _lock:
        _stored, _local, _read_at = 0, 0, float("-inf")
