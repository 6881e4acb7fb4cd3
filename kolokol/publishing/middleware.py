"""The fast path: answer readers from the rendered store before any routing.

A stored page costs a stat and a file read: no URL resolution, no template,
no database. That is what keeps a service up when breaking news multiplies
its traffic, and what keeps published pages readable when the database is
down. Everything the store cannot answer falls through to Django, and a
page Django renders for a reader is stored on the way out.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date

from kolokol.core import textsize
from kolokol.publishing import services
from kolokol.publishing.outage import known_onions
from kolokol.publishing.store import StoredFile

# Readers may be served a stored page for a minute before checking again; a
# cache may keep serving it for five more minutes while it refetches, and for
# a day if the origin is failing (RFC 5861).
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400"
DYNAMIC_PREFIXES = ("/admin/", "/documents/", "/text-size/", "/static/", "/media/")
RENDER_MARK = "kolokol.render"


def storable_request(request: HttpRequest) -> bool:
    """A reader's plain GET of a public page: no query, no editor session."""
    return (
        request.method in {"GET", "HEAD"}
        and not request.META.get("QUERY_STRING")
        and not request.path.startswith(DYNAMIC_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.META.get(RENDER_MARK)
    )


class RenderedStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.KOLOKOL_STORE_ENABLED or not storable_request(request):
            return self.get_response(request)
        request._kolokol_started = time.time()
        store = services.store()
        stored = store.get(request.path, request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if stored is not None and not self._stale(request, stored):
            return self._serve(request, stored)

        try:
            response = self.get_response(request)
        except Exception:
            if stored is not None:  # stale-if-error: an old page beats no page
                return self._serve(request, stored)
            raise
        if response.status_code >= 500 and stored is not None:
            return self._serve(request, stored)
        if self._should_store(request, response):
            services.store_response(
                request.path, response.content, started=request._kolokol_started
            )
        return response

    def _stale(self, request: HttpRequest, stored: StoredFile) -> bool:
        service = request.path.strip("/").split("/", 1)[0]
        return stored.mtime < services.transitions().latest(service, request._kolokol_started)

    def _should_store(self, request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and getattr(response, "kolokol_storable", False)
            and textsize.current(request) == textsize.DEFAULT
            and not response.cookies
            and not getattr(response, "streaming", False)
        )

    def _serve(self, request: HttpRequest, stored: StoredFile) -> HttpResponse:
        if request.META.get("HTTP_IF_NONE_MATCH", "").strip() == stored.etag and not self._resized(
            request
        ):
            response = HttpResponseNotModified()
            response["ETag"] = stored.etag
            return response
        body = stored.path.read_bytes()
        encoding = stored.encoding
        size = textsize.current(request)
        if size != textsize.DEFAULT:
            # The chosen size is part of the page; readers who picked one
            # (few) get the plain variant adjusted, the rest the stored bytes.
            if encoding is not None:
                body = services.store().get(request.path).path.read_bytes()
                encoding = None
            body = textsize.apply(body, size)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        response["Content-Type"] = stored.content_type
        response["Content-Length"] = str(len(body))
        if encoding:
            response["Content-Encoding"] = encoding
        response["Vary"] = "Accept-Encoding, Cookie"
        response["Cache-Control"] = CACHE_CONTROL
        if size == textsize.DEFAULT:
            response["ETag"] = stored.etag
        response["Last-Modified"] = http_date(stored.mtime)
        response["X-Kolokol-Store"] = "hit"
        onion = known_onions.get(request.path.strip("/").split("/", 1)[0])
        if onion:
            response["Onion-Location"] = onion.rstrip("/") + request.path
        return response

    def _resized(self, request: HttpRequest) -> bool:
        return textsize.current(request) != textsize.DEFAULT
