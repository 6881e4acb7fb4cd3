"""What both halves of the fast path share.

The front (``kolokol.publishing.wsgi``) answers fresh stored pages before
Django is entered at all; the middleware (``middleware.py``) handles what
the front passes on: misses, stale pages, readers with a text size.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import cache
from threading import Lock

from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date

from kolokol.core.middleware import PERMISSIONS_POLICY, PUBLIC_CSP
from kolokol.core.pages import service_slug
from kolokol.publishing import servicemap
from kolokol.publishing.store import StoredFile

# Readers may be served a stored page for a minute before checking again; a
# cache may keep serving it for five more minutes while it refetches, and for
# a day if the origin is failing (RFC 5861).
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400"
# The API (/api/) answers from the database every time: it is never stored.
DYNAMIC_PREFIXES = (
    "/admin/", "/documents/", "/text-size/", "/static/", "/media/", "/api/", "/healthz", "/readyz",
    "/metrics",
)  # fmt: skip
# The query parameters public pages read: search's words, filters and page,
# the comment form's reply, the notice an article shows after a comment or a
# like, a sitemap's page. Any other (utm_*, fbclid, a cache buster) changes
# nothing on the page: it is dropped before the store is asked, so a shared
# link is answered from the store, not rendered once per reader. nginx keeps
# the same list (deploy/nginx/kolokol.conf, $kolokol_page_args).
PAGE_PARAMETERS = frozenset(
    {"q", "page", "section", "since", "until", "reply", "comment", "liked", "p"}
)
# Wagtail's own public views (a private page's password form) keep theirs.
KEEPS_QUERY = (*DYNAMIC_PREFIXES, "/_util/")
# Bytes of stored pages kept in each app process: enough for every hot page
# several times over, small beside the process itself.
CACHED_BYTES = 16 * 1024 * 1024


def page_query(path: str, query: str) -> str:
    """``query`` without the parameters the page at ``path`` does not read."""
    if not query or path.startswith(KEEPS_QUERY):
        return query
    return "&".join(part for part in query.split("&") if part.split("=", 1)[0] in PAGE_PARAMETERS)


@cache
def security_headers() -> tuple[tuple[str, str], ...]:
    """The headers Django's middleware would add to a public page."""
    headers = [
        ("Content-Security-Policy", PUBLIC_CSP),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
    ]
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return tuple(headers)


@cache
def hsts_header() -> str:
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def stored_headers(stored: StoredFile, length: int, *, etag: bool = True) -> list[tuple[str, str]]:
    headers = [
        ("Content-Type", stored.content_type),
        ("Content-Length", str(length)),
        ("Vary", "Accept-Encoding, Cookie"),
        ("Cache-Control", CACHE_CONTROL),
        ("Last-Modified", http_date(stored.mtime)),
        ("X-Kolokol-Store", "hit"),
    ]
    if stored.encoding:
        headers.append(("Content-Encoding", stored.encoding))
    if etag:
        headers.append(("ETag", stored.etag))
    return headers


def onion_headers(path: str, onion: str | None = None) -> list[tuple[str, str]]:
    """Onion-Location for a page of a service with an onion address (``onion``, when known)."""
    if onion is None:
        onion = servicemap.onion(service_slug(path))
    return [("Onion-Location", onion.rstrip("/") + escape_uri_path(path))] if onion else []


class StoredFileCache:
    """The stored files read last, up to ``limit`` bytes, checked against their mtime and size.

    Each entry keeps the bytes and the response headers made for them, so a
    hit costs a ``stat`` and a dictionary lookup, without a lock: the oldest
    entry written goes first. (cachetools' LRUCache needs a lock around every
    read to keep its order: a hit took 6.75 µs instead of 6.2 in one thread.)
    """

    def __init__(self, limit: int = CACHED_BYTES) -> None:
        self.limit = limit
        self.used = 0
        # By file name (a str: hashed once, unlike a Path).
        self.items: OrderedDict[str, tuple[float, int, bytes, list]] = OrderedDict()
        self.lock = Lock()

    def hit(self, name: str, mtime: float, size: int) -> tuple[bytes, list[tuple[str, str]]] | None:
        """The bytes and headers kept for file ``name`` if it is unchanged since."""
        cached = self.items.get(name)
        if cached and cached[0] == mtime and cached[1] == size:
            return cached[2], cached[3]
        return None

    def entry(self, stored: StoredFile) -> tuple[bytes, list[tuple[str, str]]]:
        key = os.fspath(stored.path)
        cached = self.hit(key, stored.mtime, stored.size)
        if cached:
            return cached
        body = stored.path.read_bytes()
        headers = [*stored_headers(stored, len(body)), *security_headers()]
        with self.lock:
            old = self.items.pop(key, None)
            self.used += len(body) - (len(old[2]) if old else 0)
            self.items[key] = (stored.mtime, stored.size, body, headers)
            while self.used > self.limit and len(self.items) > 1:
                _, evicted = self.items.popitem(last=False)
                self.used -= len(evicted[2])
        return body, headers

    def read(self, stored: StoredFile) -> bytes:
        return self.entry(stored)[0]


bodies = StoredFileCache()
