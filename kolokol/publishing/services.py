"""Publishing: which URLs an editorial event changes, and bringing them up to date.

Called from the explicit hooks in ``kolokol.publishing.signals``; nothing
here runs from a model's ``save()``. Re-rendering happens after the
database transaction commits, on a background thread, so an editor's
publish returns at once and readers get new pages within a second.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import connections, transaction
from django.utils import timezone

from kolokol.core import clock
from kolokol.core.pages import service_slug
from kolokol.publishing import fanout, servicefacts
from kolokol.publishing.freshness import Transitions
from kolokol.publishing.store import INDEX, DiskStore, StoredFile, UnsafePath

logger = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kolokol-publish")
# Feeds, sitemaps and robots.txt (addresses not ending in "/") on a thread of
# their own: in a burst of publishes, the next story's pages would otherwise
# wait behind the last story's machine copies.
_machine_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kolokol-publish-files")
_pending: list[Future] = []
# Addresses of jobs waiting their turn. A job that only re-renders (a like,
# an approved comment) leaves out what a waiting job will render anyway:
# that job reads the database when it runs, after this change. A flood of
# likes across the archive then queues each article once, not once a like.
_queued: set[str] = set()
_lock = threading.Lock()


@cache
def store() -> DiskStore:
    if settings.KOLOKOL_STORE_S3_BUCKET:
        # Imported only when used: boto3 is slow to import.
        from kolokol.publishing.objectstore import MirroredStore, bucket_from_settings

        return MirroredStore(settings.KOLOKOL_STORE_DIR, bucket_from_settings())
    return DiskStore(settings.KOLOKOL_STORE_DIR)


@cache
def transitions() -> Transitions:
    return Transitions()


def is_stale(url_path: str, stored: StoredFile, now: float) -> bool:
    """Rendered before its service's latest breaking-news change that has passed."""
    return stored.mtime < transitions().latest(service_slug(url_path), now)


def store_response(url_path: str, body: bytes, *, started: float) -> None:
    """Keep a rendered page; its time is when rendering *started*.

    Dating the file from the start means a page whose rendering overlapped
    a breaking-news change counts as older than the change, so it is
    rendered again rather than kept with the old banner.
    """
    try:
        target = store().file_for(url_path)
    except UnsafePath:
        return
    # A slow render that began before the publisher replaced, deleted or
    # purged the page must not put the old content back: asked here (no
    # need to compress it) and again inside put, just before the rename.
    if store().superseded(target, started):
        return
    # Begun before a breaking-news change that has passed: its banner is
    # out of date. The app would render it again anyway (is_stale), but
    # nginx serves whatever is on disk, and the worker's sweep for that
    # change may already have run.
    if transitions().latest(service_slug(url_path)) > started:
        return
    # Dated inside put, before the rename: a purge of the tree in between
    # (another publish) cannot leave us touching files that are gone.
    store().put(url_path, body, mtime=started, if_newer=True)


@cache
def _handler() -> BaseHandler:
    handler = BaseHandler()
    handler.load_middleware()
    return handler


def internal_request(url_path: str) -> WSGIRequest:
    """A reader's GET of ``url_path`` at KOLOKOL_BASE_URL, made inside the app."""
    base = urlsplit(settings.KOLOKOL_BASE_URL)
    environ = {
        "REQUEST_METHOD": "GET",
        # WSGI carries the path as UTF-8 bytes spelled in latin-1.
        "PATH_INFO": unquote(url_path).encode().decode("latin-1"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": base.hostname or "127.0.0.1",
        "SERVER_PORT": str(base.port or (443 if base.scheme == "https" else 80)),
        "HTTP_HOST": base.netloc or "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": base.scheme or "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "kolokol.render": True,
    }
    return WSGIRequest(environ)


def render(url_path: str) -> tuple[int, bytes, bool]:
    """Render ``url_path`` through the whole Django stack, as a reader would get it."""
    response = _handler().get_response(internal_request(url_path))
    return response.status_code, response.content, getattr(response, "kolokol_storable", False)


def refresh(urls: Iterable[str]) -> dict[str, int]:
    """Render each URL now and store it, or drop it from the store if it is gone."""
    results = {}
    # What another server published a moment ago must be in these pages.
    clock.sync()
    for url in dict.fromkeys(u for u in urls if u):
        started = time.time()
        try:
            status, body, storable = render(url)
        except Exception:  # one broken page must not stop the others
            logger.exception("rendering %s failed", url)
            results[url] = 500
            continue
        try:
            if status == 200 and storable:
                store_response(url, body, started=started)
            elif status < 500:
                # Gone, moved, made private (a redirect to the login): not for
                # readers any more. A server error keeps the last good copy.
                store().delete(url, seen_gone_at=started)
        except OSError:  # a full disk, a store folder gone: the others may still go
            logger.exception("storing %s failed", url)
            status = 500
        results[url] = status
    return results


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
    # The trees go before anything is rendered, or they could take fresh files with them.
    purged = threading.Event()

    def work(urls: list[str], purge: list[str], after_purge: bool) -> None:
        with _lock:
            _queued.difference_update(urls)  # from now on, a change needs a new render
        try:
            if after_purge:
                purged.wait(timeout=120)
            for prefix in purge:
                with contextlib.suppress(UnsafePath):
                    store().delete_tree(prefix)
            purged.set()
            refresh(urls)
            purge_cdn([*urls, *purge])
        finally:
            purged.set()  # whatever happened, never hold up the other job
            # This thread's own connection: hold none between jobs, so a
            # database restart or a test teardown never waits on us.
            connections.close_all()

    def submit() -> None:
        if not (pages or purge):
            purged.set()
        jobs = [(_executor, pages, purge, False), (_machine_executor, files, [], True)]
        for executor, urls, trees, after_purge in jobs:
            with _lock:
                if not trees:
                    urls = [url for url in urls if url not in _queued]
                if not (urls or trees):
                    if not after_purge:
                        purged.set()  # the machine copies' job must not wait for it
                    continue
                _queued.update(urls)
            try:
                with _lock:
                    future = executor.submit(work, urls, trees, after_purge)
                    _pending.append(future)
                future.add_done_callback(_finished)
            except RuntimeError:  # the interpreter is shutting down: finish here
                work(urls, trees, after_purge)

    transaction.on_commit(submit)


def _finished(future: Future) -> None:
    with _lock:
        if future in _pending:
            _pending.remove(future)
    if future.exception() is not None:
        logger.error("publishing job failed", exc_info=future.exception())


def wait(timeout: float = 30) -> None:
    """Block until scheduled work is done (tests, commands that must finish it)."""
    with _lock:
        pending, _pending[:] = list(_pending), []
    for future in pending:
        future.result(timeout=timeout)
    if settings.KOLOKOL_STORE_S3_BUCKET:
        from kolokol.publishing import objectstore

        objectstore.wait(timeout)


# What changes when --------------------------------------------------------------


def archive_urls(base_url: str, items, article, key: tuple) -> list[str]:
    """The front of a listing, its newest archive page and the one holding ``article``.

    ``key`` names the listing as its pages do (``newest_ids``), so the order
    read here is the one the pages render from.
    """
    from kolokol.core.pages import archive_page_of, newest_ids

    ids = newest_ids(items, key)
    newest = archive_page_of(max(len(ids) - 1, 0))
    if article.pk in ids:
        position = len(ids) - 1 - ids.index(article.pk)
    else:  # withdrawn: where it was
        position = items.filter(first_published_at__lt=article.first_published_at).count()
    # The page before the newest links "newer" to the front or to a page
    # this publish may just have started.
    pages = {newest, max(newest - 1, 1), archive_page_of(position)}
    return [base_url, *(f"{base_url}page/{n}/" for n in sorted(pages))]


def listing_urls(page) -> list[str]:
    """The pages that list or link ``page`` (an article) in its service."""
    from kolokol.articles.models import ArticlePage, tagged
    from kolokol.feeds.addresses import article_feed_urls
    from kolokol.sections.models import topic_key
    from kolokol.seo.publishing import article_urls

    article = page.specific
    service = article.service
    if service is None:
        return []
    section = article.get_parent().specific
    urls = [service.url]
    if not isinstance(article, ArticlePage):
        return [*urls, section.url]
    urls += archive_urls(section.url, section.articles(), article, section.listing_key)
    # Its corrections and updates (or their removal) and its headline show there.
    urls.append(service.corrections_url())
    topic_index = service.topic_index_page()
    if topic_index is not None:
        urls.append(topic_index.url)
        for tag in article.tags.all():
            listed = service.articles().filter(pk__in=tagged([tag.pk]))
            key = topic_key(service, tag.pk)
            urls += archive_urls(topic_index.topic_url(tag), listed, article, key)
    for author in article.authors():
        urls += archive_urls(author.url, author.articles(), article, author.listing_key)
    # Machines' copies last: readers' pages are rendered first.
    return urls + article_feed_urls(article) + article_urls(article)


def related_listers(page, service=None) -> list[str]:
    """Articles whose "related" list may show ``page`` (an article that just left).

    ``service``: where it was listed, when not where it is now (a move).

    An article lists the newest few of each topic it shares
    (ArticlePage.related_articles). The one that left was in a topic's window
    if fewer than that many of the topic's articles are newer; then any
    article of the topic may show it, and they are all due.
    """
    from kolokol.articles.models import RELATED_LIMIT, ArticlePage, tagged

    article = page.specific
    service = service or getattr(article, "service", None)
    if (
        service is None
        or not isinstance(article, ArticlePage)
        or article.first_published_at is None
    ):
        return []
    urls: list[str] = []
    for tag in article.tags.all():
        listed = service.articles().filter(pk__in=tagged([tag.pk])).exclude(pk=article.pk)
        newer = listed.filter(first_published_at__gte=article.first_published_at)
        if newer.count() <= RELATED_LIMIT:
            urls += [found.url for found in listed.only("url_path")]
    return list(dict.fromkeys(urls))


def unlisted_trees(page, *, shifted: bool) -> list[str]:
    """Listing pages to drop from the store rather than re-render.

    Topic and author listings the article may just have left (a topic or a
    name taken off) cannot be told from here, so the service's topic and
    author pages go and are rendered again on demand. When an article leaves
    (``shifted``), every archive page after it moves up by one: its
    section's archive goes too.
    """
    from kolokol.people.models import AuthorIndexPage

    article = page.specific
    service = getattr(article, "service", None)
    if service is None:
        return []
    trees = []
    topic_index = service.topic_index_page()
    if topic_index is not None:
        trees.append(topic_index.url)
    trees += [index.url for index in AuthorIndexPage.objects.child_of(service).live()]
    # Which archive page of the corrections list holds the article's notes is
    # not known here; those pages go and render again on demand.
    if service.corrections_url():
        trees.append(service.corrections_url() + "page/")
    if shifted:
        trees.append(article.get_parent().url + "page/")
    return trees


def page_published(page) -> None:
    from kolokol.articles.models import ArticlePage

    specific = page.specific
    if isinstance(specific, ArticlePage):
        schedule(
            urls=[specific.url, *listing_urls(specific)],
            purge=unlisted_trees(specific, shifted=False),
        )
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
        # Other articles' "related" lists showing it are dropped from the
        # store and render again when next asked for: a withdrawn story
        # must not stay linked (and its title shown) anywhere.
        schedule(
            urls=listing_urls(specific),
            purge=purge + unlisted_trees(specific, shifted=True) + related_listers(specific),
        )
    else:
        service_purge(specific, extra=[], purge=purge)


def image_changed(image) -> None:
    """An image was edited: the articles showing it, and where they are listed, are due.

    Wagtail's reference index knows every page that uses the image, as lead
    picture or in the body.
    """
    from wagtail.models import ReferenceIndex

    from kolokol.articles.models import ArticlePage

    if not settings.KOLOKOL_STORE_ENABLED:
        return
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(image).values_list("object_id", flat=True)
        if object_id.isdigit()
    }
    urls: list[str] = []
    for article in ArticlePage.objects.live().filter(pk__in=ids).specific():
        urls += [article.url, *listing_urls(article)]
    schedule(urls=urls)


def service_purge(page, extra: list[str], purge: list[str] = ()) -> None:
    from kolokol.services.models import ServiceHomePage

    service = getattr(page, "service", None)
    if service is None or isinstance(page, ServiceHomePage):
        # The portal or a whole service: its name is in every service's
        # language menu and on the portal, so the whole store goes. Its
        # language or onion address may have changed too.
        if settings.KOLOKOL_STORE_ENABLED:
            transaction.on_commit(servicefacts.write)
        homes = ServiceHomePage.objects.live()
        schedule(urls=["/", *extra, *(u for h in homes for u in hot_urls(h))], purge=["/"])
        return
    schedule(urls=[*hot_urls(service), *extra], purge=[*purge, service.url])


def hot_urls(service) -> list[str]:
    """The pages most readers land on: home, sections and the topic index."""
    urls = [service.url, *(section.url for section in service.section_pages())]
    topic_index = service.topic_index_page()
    if topic_index is not None:
        urls.append(topic_index.url)
    return urls


def service_changed(service) -> None:
    """Something every page of the service shows changed: all its pages are due.

    Breaking news set, changed or cleared; the comment policy (its notice and
    share links are under every article). The pages are not re-rendered
    here: the change is a transition, and each stored page older than it is
    rendered again when next asked for (the hot pages at once).
    """
    from kolokol.breaking.models import BreakingNews

    now = timezone.now()
    times = []
    for item in BreakingNews.objects.filter(service=service, expires_at__gt=now):
        times += [item.starts_at.timestamp(), item.expires_at.timestamp()]
    slug = service_slug(service.url)

    def record() -> None:
        # "Now" is taken after the commit: a page that began rendering
        # before the change was visible counts as older than it.
        transitions().write(slug, [time.time(), *times])

    if settings.KOLOKOL_STORE_ENABLED:
        transaction.on_commit(record)
    schedule(urls=hot_urls(service))


# The worker's sweep --------------------------------------------------------------

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
        latest = transitions().latest(slug, now)
        if latest <= _swept.get(slug, 0.0):
            continue
        count = 0
        # os.walk, not rglob: a folder a publish removes meanwhile is skipped.
        for folder, _subfolders, names in os.walk(directory):
            if INDEX not in names:
                continue
            page = Path(folder) / INDEX
            try:
                stale = page.stat().st_mtime < latest
            except FileNotFoundError:
                continue
            if stale:
                store().discard(page)
                count += 1
        _swept[slug] = latest
        deleted[slug] = count
        service = ServiceHomePage.objects.live().filter(slug=slug).first()
        if service is not None:
            refresh(hot_urls(service))
    return deleted
