"""Every server's rendered store follows what was published through any server.

Each app server has a store of its own (a local disk, nginx reading it). The
server where an editor publishes brings its own store up to date; so that
the others do too, every publishing event is also written down as an
``Invalidation`` row (the pages it re-renders, the trees it purges, and
when), and each server's worker (``kolokol worker``) applies the rows its
store has not seen, several times a second: it removes its copies of those
pages and, under those trees, every page stored before the event. They are
rendered again on their next request. A page this server stored after the
event (its own publisher's fresh render) stays.

The last row a store has seen is noted in the store itself (``.fanout``).
Rows are kept for a day; a store that was away longer (a server switched
off for a week) cannot know what it missed, and is emptied.
"""

from __future__ import annotations

import contextlib
import logging
import time

from django.db import transaction

from kolokol.publishing import shared
from kolokol.publishing.store import DiskStore, UnsafePath, _write_atomic

logger = logging.getLogger(__name__)

MARKER = ".fanout"
KEEP_SECONDS = 24 * 3600
PRUNED = "fanout:pruned-through"  # a shared fact: the last row id deleted


def record(paths: list[str], trees: list[str]) -> None:
    """After the current transaction commits, write the event down for the other servers."""
    from kolokol.publishing.models import Invalidation

    def write() -> None:
        # Dated after the commit: a render that began before it may have
        # read the old state, and its page must go.
        Invalidation.objects.create(at=time.time(), paths=paths, trees=trees)

    transaction.on_commit(write)


def _seen(store: DiskStore) -> int | None:
    try:
        return int((store.root / MARKER).read_text())
    except (OSError, ValueError):
        return None


def _note(store: DiskStore, last: int) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    _write_atomic(store.root / MARKER, str(last).encode())


def apply(store: DiskStore) -> int:
    """Apply the events ``store`` has not seen; returns how many were applied.

    Only this server's disk: a shared bucket (``MirroredStore``) is kept by
    the task that handled the event, and removing its objects again here
    would take fresh uploads from other servers with them.
    """
    from kolokol.publishing.models import Invalidation

    store = DiskStore(store.root)
    seen = _seen(store)
    if seen is None or seen < (shared.get(PRUNED) or 0):
        newest = Invalidation.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if seen is not None:
            logger.warning("store %s missed publishing events: emptied", store.root)
            store.delete_tree("/")
        # Otherwise a store that never followed: new, or kept up to date by
        # the only server there was (an upgrade). It follows from here on.
        _note(store, newest)
        return 0
    applied = 0
    for event in Invalidation.objects.filter(id__gt=seen).order_by("id")[:500]:
        for path in event.paths:
            with contextlib.suppress(UnsafePath):
                store.delete(path, seen_gone_at=event.at)
        for tree in event.trees:
            with contextlib.suppress(UnsafePath):
                store.delete_tree(tree, before=event.at)
        _note(store, event.id)
        applied += 1
    return applied


def prune(now: float | None = None) -> int:
    """Forget events older than KEEP_SECONDS (any worker may do it)."""
    from kolokol.publishing.models import Invalidation

    now = time.time() if now is None else now
    old = Invalidation.objects.filter(at__lt=now - KEEP_SECONDS)
    last = old.order_by("-id").values_list("id", flat=True).first()
    if last is None:
        return 0
    deleted, _ = Invalidation.objects.filter(id__lte=last).delete()
    shared.put(PRUNED, max(last, shared.get(PRUNED) or 0))
    return deleted
