"""Rendering pages for the store: through the whole Django stack, as a reader gets them.

The store itself (this server's disk folder), the
breaking-news transitions that date its pages, and ``refresh``, which
renders addresses and stores them or takes them out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from functools import cache
from io import BytesIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse

from kolokol.core import clock
from kolokol.core.pages import service_slug
from kolokol.publishing import freshness, metrics
from kolokol.publishing.store import DiskStore, StoredFile, UnsafePath

logger = logging.getLogger(__name__)


@cache
def store() -> DiskStore:
    """This server's store (a bucket, when configured, is kept by the tasks)."""
    return DiskStore(settings.KOLOKOL_STORE_DIR)


def is_stale(url_path: str, stored: StoredFile, now: float) -> bool:
    """Rendered before its service's latest breaking-news change that has passed."""
    return stored.mtime < freshness.latest(service_slug(url_path), now)


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
    if freshness.latest(service_slug(url_path)) > started:
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
    # A streamed response (which no page is today) is read to its end.
    body = response.content if isinstance(response, HttpResponse) else b"".join(response)
    return response.status_code, body, getattr(response, "kolokol_storable", False)


def refresh(urls: Iterable[str]) -> dict[str, int]:
    """Render each URL now and store it, or drop it from the store if it is gone."""
    results = {}
    # What another server published a moment ago must be in these pages.
    clock.sync()
    for url in dict.fromkeys(u for u in urls if u):
        started, timer = time.time(), time.perf_counter()
        try:
            status, body, storable = render(url)
        except Exception:  # one broken page must not stop the others
            logger.exception("rendering %s failed", url)
            results[url] = 500
            continue
        took = time.perf_counter() - timer
        try:
            if status == 200 and storable:
                store_response(url, body, started=started)
                metrics.RENDER_SECONDS.labels(by="publisher").observe(took)
            elif status < 500:
                # Gone, moved, made private (a redirect to the login): not for
                # readers any more. A server error keeps the last good copy.
                store().delete(url, seen_gone_at=started)
        except OSError:  # a full disk, a store folder gone: the others may still go
            logger.exception("storing %s failed", url)
            status = 500
        results[url] = status
    return results
