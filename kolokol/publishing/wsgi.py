"""The store front: fresh stored pages answered before Django is entered.

Wraps the Django WSGI application. For a reader's plain GET it costs a
``stat`` and (usually) a dictionary lookup; anything unusual — a query
parameter the page reads, a cookie, a miss, a stale page — goes to Django,
where ``RenderedStoreMiddleware`` deals with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.conf import settings

from kolokol.core.pages import service_slug
from kolokol.publishing import render, servicemap
from kolokol.publishing.fastpath import (
    DYNAMIC_PREFIXES,
    bodies,
    hsts_header,
    onion_headers,
    page_query,
    security_headers,
)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class StoreFront:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        if environ.get("QUERY_STRING") and method in {"GET", "HEAD"}:
            # ?utm_source=…, ?fbclid=…: the page is the same, so is the answer.
            environ["QUERY_STRING"] = page_query(path, environ["QUERY_STRING"])
        if (
            not settings.KOLOKOL_STORE_ENABLED
            or method not in {"GET", "HEAD"}
            or environ.get("QUERY_STRING")
            # Readers send no cookies; anyone who does (an editor, a chosen
            # text size) is better served by Django.
            or environ.get("HTTP_COOKIE")
        ):
            return self.app(environ, start_response)
        https = environ.get("wsgi.url_scheme") == "https" or (
            environ.get("HTTP_X_FORWARDED_PROTO") == "https"
            and getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        )
        if getattr(settings, "SECURE_SSL_REDIRECT", False) and not https:
            return self.app(environ, start_response)
        if path.startswith(DYNAMIC_PREFIXES):
            return self.app(environ, start_response)
        stored = render.store().get(path, environ.get("HTTP_ACCEPT_ENCODING", ""))
        if stored is None:
            return self.app(environ, start_response)
        # One look at the service's shared state: its banner changes, its onion address.
        service = servicemap.state(service_slug(path))
        if stored.mtime < service.latest(time.time()):
            return self.app(environ, start_response)  # stale: rendered again by Django

        validator = environ.get("HTTP_IF_NONE_MATCH")
        if validator and validator.strip() == stored.etag:
            start_response("304 Not Modified", [("ETag", stored.etag), *security_headers()])
            return []
        try:
            body, headers = bodies.entry(stored)
        except FileNotFoundError:
            # Purged or replaced between the look and the read (a publish,
            # another server's event): Django renders it, the reader never knows.
            return self.app(environ, start_response)
        extra = onion_headers(path, service.onion)
        if https and settings.SECURE_HSTS_SECONDS:
            extra.append(("Strict-Transport-Security", hsts_header()))
        if extra:
            headers = [*headers, *extra]
        start_response("200 OK", headers)
        return [] if method == "HEAD" else [body]
