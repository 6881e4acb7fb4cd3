"""The publisher: after an editorial event commits, the store follows.

Called from the explicit hooks in ``kolokol.publishing.signals``; nothing
here runs from a model's ``save()``. What an event changes comes from
``kolokol.publishing.affected``; the re-rendering is a task
(``kolokol.publishing.tasks``) enqueued when the database transaction
commits, so an editor's publish returns at once and a worker gives readers
the new pages within a second.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from kolokol.core.pages import service_slug
from kolokol.live.models import LiveBlogPage
from kolokol.publishing import fanout, freshness, runner, servicemap, tasks
from kolokol.publishing.affected import (
    hot_urls,
    listing_urls,
    related_listers,
    text_copy_tree,
    unlisted_trees,
)

logger = logging.getLogger(__name__)


_suspended = threading.local()


@contextmanager
def suspended() -> Iterator[None]:
    """Publish without re-rendering (bulk loads that refill the store afterwards)."""
    _suspended.active = True
    try:
        yield
    finally:
        _suspended.active = False


def purge_cdn(urls: list[str]) -> None:
    """Tell the CDN (Wagtail's frontend cache backends, when configured) to drop ``urls``.

    A purged tree (``/en/science/page/``) is sent as its root address: CDNs
    that purge by prefix drop the whole tree, the others fall back on the
    one-minute max-age the store sends.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not urls:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache([settings.KOLOKOL_BASE_URL + url for url in dict.fromkeys(urls)])


def schedule(urls: Iterable[str] = (), purge: Iterable[str] = ()) -> None:
    """After the current transaction commits: drop ``purge`` trees, re-render ``urls``."""
    urls, purge = [u for u in urls if u], [p for p in purge if p]
    if not settings.KOLOKOL_STORE_ENABLED or not (urls or purge):
        return
    if getattr(_suspended, "active", False):
        return

    # The other servers' stores (and this one's, should these jobs be lost).
    fanout.record(urls, purge)
    pages = [url for url in urls if url.endswith("/")]
    files = [url for url in urls if not url.endswith("/")]

    def enqueue() -> None:
        # After the commit: a render that starts later reads the new state.
        since = time.time()
        if pages or purge:
            tasks.refresh_pages.enqueue(urls=pages, since=since, purge=purge)
        if files:
            tasks.refresh_files.enqueue(urls=files, since=since)
        runner.ring()

    transaction.on_commit(enqueue)


def page_published(page) -> None:
    from kolokol.articles.models import ArticlePage

    specific = page.specific
    if isinstance(specific, ArticlePage):
        purge = unlisted_trees(specific, shifted=False)
        if isinstance(specific, LiveBlogPage):
            # Its posts' archive pages show its title: they render again when asked for.
            purge.append(specific.url + "page/")
            # Its teasers' LIVE badge comes and goes at the ends of its period.
            live_period_changed(specific.service)
        schedule(urls=[specific.url, *listing_urls(specific)], purge=purge)
    else:
        # A section, home, author or index page: its title or place appears in
        # the navigation of every page of its service.
        service_purge(specific, extra=[specific.url])


def page_removed(page, url: str | None) -> None:
    """Unpublished, deleted or moved away from ``url``."""
    from kolokol.articles.models import ArticlePage

    specific = page.specific
    purge = [url] if url else []
    if isinstance(specific, ArticlePage):
        # Its text-only copy was made from the address it leaves.
        purge.append(text_copy_tree(url))
        # Other articles' "related" lists showing it are dropped from the
        # store and render again when next asked for: a withdrawn story
        # must not stay linked (and its title shown) anywhere.
        schedule(
            urls=listing_urls(specific),
            purge=purge + unlisted_trees(specific, shifted=True) + related_listers(specific),
        )
    else:
        service_purge(specific, extra=[], purge=purge)


def media_changed(item) -> None:
    """An image, audio or video was edited or transcoded: the articles showing
    it, and where they are listed, are due.

    Wagtail's reference index knows every page that uses the item, as lead
    picture or clip or in the body.
    """
    from wagtail.models import ReferenceIndex

    from kolokol.articles.models import ArticlePage

    if not settings.KOLOKOL_STORE_ENABLED:
        return
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(item).values_list("object_id", flat=True)
        if object_id.isdigit()
    }
    urls: list[str] = []
    for article in ArticlePage.objects.live().filter(pk__in=ids).specific():
        urls += [article.url, *listing_urls(article)]
    schedule(urls=urls)


def service_purge(page, extra: list[str], purge: Sequence[str] = ()) -> None:
    from kolokol.services.models import ServiceHomePage

    service = getattr(page, "service", None)
    if service is None or isinstance(page, ServiceHomePage):
        # The portal or a whole service: its name is in every service's
        # language menu and on the portal, so the whole store goes. Its
        # language or onion address may have changed too.
        if settings.KOLOKOL_STORE_ENABLED:
            transaction.on_commit(servicemap.write)
        homes = ServiceHomePage.objects.live()
        schedule(urls=["/", *extra, *(u for h in homes for u in hot_urls(h))], purge=["/"])
        return
    schedule(urls=[*hot_urls(service), *extra], purge=[*purge, service.url])


def service_changed(service) -> None:
    """Something every page of the service shows changed: all its pages are due.

    Breaking news set, changed or cleared; the comment policy (its notice and
    share links are under every article). The pages are not re-rendered
    here: the change is a transition, and each stored page older than it is
    rendered again when next asked for (the hot pages at once).
    """
    times = _transitions(service)
    slug = service_slug(service.url)

    def record() -> None:
        # "Now" is taken after the commit: a page that began rendering
        # before the change was visible counts as older than it.
        freshness.record(slug, [time.time(), *times])

    if settings.KOLOKOL_STORE_ENABLED:
        transaction.on_commit(record)
    schedule(urls=hot_urls(service))


def live_period_changed(service) -> None:
    """A live blog published or its period changed: its start and end become transitions.

    Every page of the service listing it shows the LIVE badge from its
    start to its end; a stored page rendered before either is rendered
    again once it has passed. The pages listing it now are re-rendered by
    the publish itself, so "now" is no transition here, but the latest
    one already passed is kept.
    """
    if service is None or not settings.KOLOKOL_STORE_ENABLED:
        return
    times = _transitions(service)
    slug = service_slug(service.url)
    transaction.on_commit(lambda: freshness.record(slug, [freshness.latest(slug), *times]))


def _transitions(service) -> list[float]:
    """The times ahead at which every page of the service changes by itself."""
    from kolokol.breaking.models import BreakingNews

    now = timezone.now()
    times = []
    for item in BreakingNews.objects.filter(service=service, expires_at__gt=now):
        times += [item.starts_at.timestamp(), item.expires_at.timestamp()]
    for period in (
        LiveBlogPage.objects.live()
        .descendant_of(service)
        .filter(models.Q(live_until__isnull=True) | models.Q(live_until__gt=now))
    ):
        times += [period.live_from.timestamp()]
        if period.live_until is not None:
            times.append(period.live_until.timestamp())
    return times
