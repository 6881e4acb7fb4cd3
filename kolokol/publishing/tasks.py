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
from collections.abc import Iterator, Sequence
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from kolokol.core.pages import service_slug
from kolokol.core.processes import alive
from kolokol.publishing import metrics
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


def _render(urls: list[str], since: float, *, pages: bool = False) -> tuple[list[str], list[str]]:
    """Render what this server has not rendered since ``since``.

    Returns the addresses rendered (stored, or found gone) and those that
    failed. For ``pages`` (readers' pages, not feeds) it measures how long
    after the event each stored page went live.
    """
    done: list[str] = []
    failed: list[str] = []
    for url in dict.fromkeys(urls):
        # Page by page, just before its render: on a burst, two workers
        # reach the listing pages many publishes share at the same moment,
        # and one render begun after this event serves them both (they
        # rendered a fifth more pages when each task decided at its start).
        with rendering(url, since) as due:
            if due:
                (failed if refresh([url])[url] >= 500 else done).append(url)
                if pages and rendered_since(url, since):
                    metrics.PUBLISH_TO_LIVE_SECONDS.labels(service=service_slug(url)).observe(
                        max(time.time() - since, 0.0)
                    )
    return done, failed


def _to_bucket(urls: list[str], since: float, purge: Sequence[str] = ()) -> None:
    """Send what was rendered to the bucket, if any; what fails goes to a task of its own.

    Pages this task skipped were rendered since by another render, which
    sends them itself.
    """
    if not settings.KOLOKOL_STORE_S3_BUCKET:
        return
    from kolokol.publishing import objectstore

    unsent, purge = objectstore.sync(urls, since, purge)
    # Without deferral (the immediate backend) it was logged; nothing waits to retry it.
    if (unsent or purge) and sync_bucket.get_backend().supports_defer:
        _later(sync_bucket, 1).enqueue(urls=unsent, since=since, purge=list(purge), attempt=2)


def send_to_bucket(
    urls: list[str], since: float, purge: Sequence[str] = (), *, pages_only: bool = False
) -> None:
    """When a bucket is configured, have a worker bring it up to an event of ``since``."""
    if not settings.KOLOKOL_STORE_S3_BUCKET:
        return
    from kolokol.publishing import runner

    sync_bucket.enqueue(urls=urls, since=since, purge=list(purge), pages_only=pages_only)
    runner.ring()


LEASE_SECONDS = 60  # a render marker older than this is a dead worker's


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
        if since <= begun and now - begun < LEASE_SECONDS and alive(owner):
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


def clear_dead_markers() -> int:
    """Remove render markers of workers that died mid-render (kill -9); how many.

    A later render takes such a page over anyway (the lease); this only
    keeps the folder from filling up on a machine where workers are killed.
    """
    folder = store().root / RENDERING
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        for marker in folder.iterdir():
            try:
                begun, owner = marker.stat().st_mtime, int(marker.read_text() or 0)
            except (FileNotFoundError, ValueError):
                continue
            if time.time() - begun >= LEASE_SECONDS and not alive(owner):
                marker.unlink(missing_ok=True)
                removed += 1
    return removed


def _later(which, attempt: int):
    """``which``, to run after the pause for its ``attempt``-th try (at once without deferral)."""
    if not which.get_backend().supports_defer:
        return which
    delay = RETRY_DELAYS[attempt - 1]
    return which.using(run_after=timezone.now() + timedelta(seconds=delay))


def _again(which, failed: list[str], since: float, attempt: int, gave_up=None, **extra) -> None:
    """Enqueue ``which`` again for ``failed`` after a pause; past the last, raise ``gave_up``."""
    if attempt > len(RETRY_DELAYS) or not which.get_backend().supports_defer:
        raise gave_up or PagesFailed(f"{len(failed)} pages not rendered: {', '.join(failed[:10])}")
    logger.warning(
        "%s: %d pages not done; trying again in %d s",
        which.name,
        len(failed),
        RETRY_DELAYS[attempt - 1],
    )
    _later(which, attempt).enqueue(urls=failed, since=since, attempt=attempt + 1, **extra)


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
    done, failed = _render(urls, since, pages=True)
    _to_bucket(done, since, purge)
    if attempt == 1:
        purge_cdn([*urls, *purge])
    if failed:
        _again(refresh_pages, failed, since, attempt, purge=[])
    return len(urls) - len(failed)


@task(queue_name="files", priority=0)
def refresh_files(urls: list[str], since: float, attempt: int = 1) -> int:
    """Feeds, sitemaps and robots.txt: after the readers' pages (a lower priority)."""
    done, failed = _render(urls, since)
    _to_bucket(done, since)
    if failed:
        _again(refresh_files, failed, since, attempt)
    return len(urls) - len(failed)


class BucketBehind(RuntimeError):
    """Object storage could not be brought up to date after every attempt."""


@task(queue_name="pages", priority=5)
def sync_bucket(
    urls: list[str],
    since: float,
    purge: list[str] | None = None,
    pages_only: bool = False,
    attempt: int = 1,
) -> int:
    """Bring the bucket up to an event of ``since`` (``objectstore.sync``), with retries.

    Enqueued for a page a reader's request rendered on a miss, after a
    breaking-news change (with its service's tree to empty of older pages),
    and again for whatever the bucket refused.
    """
    from kolokol.publishing import objectstore

    if not settings.KOLOKOL_STORE_S3_BUCKET:
        return 0  # the bucket was switched off since: nothing to keep up to date
    unsent, purge = objectstore.sync(urls, since, purge or [], pages_only=pages_only)
    if unsent or purge:
        behind = BucketBehind(
            f"{len(unsent)} pages, {len(purge)} trees not sent: {', '.join(unsent[:10])}"
        )
        _again(sync_bucket, unsent, since, attempt, behind, purge=purge, pages_only=pages_only)
    return len(urls) - len(unsent)
