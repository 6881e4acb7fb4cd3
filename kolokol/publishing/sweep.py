"""The worker's sweep: stored pages that a breaking-news transition made stale."""

from __future__ import annotations

import time

from kolokol.publishing import freshness, tasks
from kolokol.publishing.affected import hot_urls
from kolokol.publishing.render import refresh, store

_swept: dict[str, float] = {}


def sweep(now: float | None = None) -> dict[str, int]:
    """Delete stored pages that a passed breaking-news transition made stale.

    The app's fast path already refuses such pages; a web server reading the
    store directly (nginx) cannot, so the worker runs this every second and
    the hot pages are rendered again straight away. Returns pages deleted
    per service.
    """
    from kolokol.services.models import ServiceHomePage

    now = time.time() if now is None else now
    root = store().root
    deleted: dict[str, int] = {}
    if not root.is_dir():
        return deleted
    for directory in root.iterdir():
        slug = directory.name
        if not directory.is_dir() or slug.startswith("."):
            continue
        latest = freshness.latest(slug, now)
        if latest <= _swept.get(slug, 0.0):
            continue
        # Pages only: feeds and sitemaps carry no banner.
        count = store().discard_older(directory, latest, pages_only=True)
        _swept[slug] = latest
        deleted[slug] = count
        service = ServiceHomePage.objects.live().filter(slug=slug).first()
        if service is not None:
            hot = hot_urls(service)
            refresh(hot)
            # The bucket's copies from before the change go too (whichever
            # server's sweep sees it first; the others find nothing left).
            tasks.send_to_bucket(hot, since=latest, purge=[f"/{slug}/"], pages_only=True)
    return deleted
