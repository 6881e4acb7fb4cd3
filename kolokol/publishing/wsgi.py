"""The store front: fresh stored pages answered before Django is entered.

Wraps the Django WSGI application. For a reader's plain GET it costs a
``stat`` and a few dictionary lookups; anything unusual — a query parameter
the page reads, a cookie, a miss, a stale page — goes to Django, where
``RenderedStoreMiddleware`` deals with it.

Every reader's request passes here, so the per-request work is kept to what
must be asked each time (is the file there, is it newer than the service's
last breaking-news change); what follows from the address alone is worked
out once per address (``_route``) and the settings once per change.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.encoding import escape_uri_path

from kolokol.core.pages import service_slug
from kolokol.publishing import metrics, render, servicemap
from kolokol.publishing.fastpath import (
    DYNAMIC_PREFIXES,
    bodies,
    hsts_header,
    page_query,
    security_headers,
)
from kolokol.publishing.metrics import HIT_NOT_MODIFIED, HIT_OK, SETTLE_EVERY
from kolokol.publishing.store import StoredFile, accepted_encodings, etag

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]

# The hits' counts (kolokol.publishing.metrics): one C call each.
_hits_ok, _hits_not_modified = HIT_OK.count, HIT_NOT_MODIFIED.count
_SETTLE = SETTLE_EVERY - 1


@dataclass(frozen=True, slots=True)
class _Route:
    """What the store front needs of one address, worked out once."""

    slug: str  # the service
    content_type: str
    files: tuple[tuple[str | None, str], ...]  # (encoding, file name), best first
    escaped: str  # the path as it goes into an Onion-Location


def _decoded(path_info: str) -> str:
    # WSGI gives the path's bytes as latin-1; addresses are UTF-8.
    return path_info.encode("latin-1").decode("utf-8", "replace")


@lru_cache(maxsize=8192)
def _route(root: Path, path_info: str) -> _Route | None:
    path = _decoded(path_info)
    if path.startswith(DYNAMIC_PREFIXES):
        return None
    found = render.store().files(path)
    if found is None:
        return None
    content_type, files = found
    return _Route(service_slug(path), content_type, files, escape_uri_path(path))


@cache
def _switches() -> tuple[bool, bool, bool, bool]:
    """Store on, HTTPS redirect, proxy's HTTPS header trusted, HSTS: read once."""
    return (
        bool(settings.KOLOKOL_STORE_ENABLED),
        bool(getattr(settings, "SECURE_SSL_REDIRECT", False)),
        bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None)),
        bool(settings.SECURE_HSTS_SECONDS),
    )


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    _switches.cache_clear()
    _route.cache_clear()


class StoreFront:
    def __init__(self, app: WSGIApp) -> None:
        # What goes on to Django is counted there, by status (a miss).
        self.app = metrics.counting(app)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method != "GET" and method != "HEAD":
            return self.app(environ, start_response)
        if environ.get("QUERY_STRING"):
            # ?utm_source=…, ?fbclid=…: the page is the same, so is the answer.
            query = page_query(_decoded(environ.get("PATH_INFO", "/")), environ["QUERY_STRING"])
            environ["QUERY_STRING"] = query
            if query:
                return self.app(environ, start_response)
        # Readers send no cookies; anyone who does (an editor, a chosen text
        # size) is better served by Django.
        if environ.get("HTTP_COOKIE"):
            return self.app(environ, start_response)
        enabled, ssl_redirect, proxy_https, hsts = _switches()
        if not enabled:
            return self.app(environ, start_response)
        https = environ.get("wsgi.url_scheme") == "https" or (
            proxy_https and environ.get("HTTP_X_FORWARDED_PROTO") == "https"
        )
        if ssl_redirect and not https:
            return self.app(environ, start_response)
        route = _route(render.store().root, environ.get("PATH_INFO", "/"))
        if route is None:
            return self.app(environ, start_response)

        accepted = accepted_encodings(environ.get("HTTP_ACCEPT_ENCODING", ""))
        for encoding, name in route.files:
            if encoding is None or encoding in accepted:
                try:
                    info = os.stat(name)
                except (FileNotFoundError, NotADirectoryError):
                    continue
                break
        else:
            return self.app(environ, start_response)  # not stored
        mtime, size = info.st_mtime, info.st_size
        # One look at the service's shared state: its banner changes, its onion address.
        service = servicemap.state(route.slug)
        if mtime < service.latest(time.time()):
            return self.app(environ, start_response)  # stale: rendered again by Django

        validator = environ.get("HTTP_IF_NONE_MATCH")
        if validator and validator.strip() == etag(mtime, size):
            if not next(_hits_not_modified) & _SETTLE:
                HIT_NOT_MODIFIED.settle()
            start_response("304 Not Modified", [("ETag", etag(mtime, size)), *security_headers()])
            return []
        found = bodies.hit(name, mtime, size)
        if found is None:
            stored = StoredFile(Path(name), encoding, route.content_type, size, mtime)
            try:
                found = bodies.entry(stored)
            except FileNotFoundError:
                # Purged or replaced between the look and the read (a publish,
                # another server's event): Django renders it, the reader never knows.
                return self.app(environ, start_response)
        body, headers = found
        if service.onion or (https and hsts):
            headers = [*headers]
            if service.onion:
                headers.append(("Onion-Location", service.onion.rstrip("/") + route.escaped))
            if https and hsts:
                headers.append(("Strict-Transport-Security", hsts_header()))
        if not next(_hits_ok) & _SETTLE:
            HIT_OK.settle()
        start_response("200 OK", headers)
        return [] if method == "HEAD" else [body]
