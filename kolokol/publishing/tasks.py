"""The publisher's background work, as django-tasks tasks.

An editorial event enqueues its work when its transaction commits
(``publisher.schedule``); with the database backend (the default) a row
waits in the database until a worker (``kolokol worker``, any number, on any
machine) takes it, so a restart loses nothing and any server can do it.

The tasks are idempotent: each carries the moment its event committed
(``since``) and skips pages this server stored after it (rendered since,
from newer data), which also makes a flood of the same work (likes on one
article) cost one render. Pages that fail to render are tried again later,
with growing pauses; after the last attempt the task is marked failed, for
administrators to see and run again.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from kolokol.publishing.render import refresh, store
from kolokol.publishing.store import UnsafePath

# Markers of renders under way (a dot folder: never served, kept by purges).
RENDERING = ".rendering"

logger = logging.getLogger(__name__)

# Seconds before each further attempt at pages that failed to render.
RETRY_DELAYS = (2, 10, 60, 300, 1800)


class PagesFailed(RuntimeError):
    """Some pages could not be rendered after every attempt."""


def rendered_since(url: str, since: float) -> bool:
    with contextlib.suppress(UnsafePath):
        stored = store().get(url)
        return stored is not None and stored.mtime >= since
    return False


def _render(urls: list[str], since: float) -> list[str]:
    """Render what this server has not rendered since ``since``; the addresses that failed."""
    failed = []
    for url in dict.fromkeys(urls):
        # Page by page, just before its render: on a burst, two workers
        # reach the listing pages many publishes share at the same moment,
        # and one render begun after this event serves them both (they
        # rendered a fifth more pages when each task decided at its start).
        with rendering(url, since) as due:
            if due and refresh([url])[url] >= 500:
                failed.append(url)
    return failed


LEASE_SECONDS = 60  # a render marker older than this is a dead worker's


def _alive(pid: int) -> bool:
    """Whether the process that wrote a marker still runs (markers are per machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def rendering(url: str, since: float) -> Iterator[bool]:
    """Whether ``url`` is due here; while it renders, a dated marker says so to other workers.

    Not due: stored after ``since``, or being rendered by a render that
    began after it (which will show this event too).
    """
    if rendered_since(url, since):
        yield False
        return
    folder = store().root / RENDERING
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()
    now = time.time()
    try:
        descriptor = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        try:
            begun, owner = marker.stat().st_mtime, int(marker.read_text() or 0)
        except (FileNotFoundError, ValueError):  # its render just ended, or is starting
            begun, owner = 0.0, 0
        if since <= begun and now - begun < LEASE_SECONDS and _alive(owner):
            yield False
            return
        # Older than this event, or a dead worker's (killed mid-render): ours now.
        marker.write_text(str(os.getpid()))
    else:
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
    os.utime(marker, (now, now))
    try:
        yield True
    finally:
        marker.unlink(missing_ok=True)


def _again(which, failed: list[str], since: float, attempt: int, **extra) -> None:
    if attempt > len(RETRY_DELAYS) or not which.get_backend().supports_defer:
        raise PagesFailed(f"{len(failed)} pages not rendered: {', '.join(failed[:10])}")
    delay = RETRY_DELAYS[attempt - 1]
    logger.warning("%d pages not rendered; trying again in %d s", len(failed), delay)
    later = which.using(run_after=timezone.now() + timedelta(seconds=delay))
    later.enqueue(urls=failed, since=since, attempt=attempt + 1, **extra)


@task(queue_name="pages", priority=10)
def refresh_pages(
    urls: list[str], since: float, purge: list[str] | None = None, attempt: int = 1
) -> int:
    """Drop the ``purge`` trees (what was stored before ``since``), then render ``urls``."""
    from kolokol.publishing.publisher import purge_cdn

    purge = purge or []
    for prefix in purge:
        with contextlib.suppress(UnsafePath):
            store().delete_tree(prefix, before=since)
    failed = _render(urls, since)
    if attempt == 1:
        purge_cdn([*urls, *purge])
    if failed:
        _again(refresh_pages, failed, since, attempt, purge=[])
    return len(urls) - len(failed)


@task(queue_name="files", priority=0)
def refresh_files(urls: list[str], since: float, attempt: int = 1) -> int:
    """Feeds, sitemaps and robots.txt: after the readers' pages (a lower priority)."""
    failed = _render(urls, since)
    if failed:
        _again(refresh_files, failed, since, attempt)
    return len(urls) - len(failed)
