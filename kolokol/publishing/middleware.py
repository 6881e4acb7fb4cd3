"""The fast path's second half: what the store front passes on to Django.

Fresh stored pages for readers without cookies never get here (see
``kolokol.publishing.wsgi``). This middleware handles the rest of the
public GETs: a reader with a chosen text size gets the stored page adjusted;
a stale page (breaking news changed) or a miss is rendered and stored on
the way out; and if rendering fails, an old stored page beats an error.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict

from kolokol.core import clock, textsize
from kolokol.publishing import metrics, render, tasks
from kolokol.publishing.fastpath import (
    DYNAMIC_PREFIXES,
    bodies,
    onion_headers,
    page_query,
    stored_headers,
)
from kolokol.publishing.store import StoredFile

RENDER_MARK = "kolokol.render"


def storable_request(request: HttpRequest) -> bool:
    """A reader's plain GET of a public page: no query it reads, no editor session."""
    return (
        request.method in {"GET", "HEAD"}
        and not request.META.get("QUERY_STRING")
        and not request.path.startswith(DYNAMIC_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.META.get(RENDER_MARK)
        # Wagtail's preview of a draft, made up for the page's public address.
        and not getattr(request, "is_dummy", False)
    )


class RenderedStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if query and request.method in {"GET", "HEAD"}:
            # As the store front does (it is not in front of every caller).
            kept = page_query(request.path, query)
            if kept != query:
                request.META["QUERY_STRING"] = kept
                request.GET = QueryDict(kept)
        if not settings.KOLOKOL_STORE_ENABLED or not storable_request(request):
            return self.get_response(request)
        started = time.time()
        stored = render.store().get(request.path, request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if stored is not None and not render.is_stale(request.path, stored, started):
            return self._serve(request, stored)

        # About to render a page that will be kept: from what the database
        # says now, not what this process last heard (another server may
        # have published a moment ago).
        clock.sync()
        timer = time.perf_counter()
        try:
            response = self.get_response(request)
        except Exception:
            if stored is not None:  # stale-if-error: an old page beats no page
                return self._serve(request, stored)
            raise
        if response.status_code >= 500 and stored is not None:
            return self._serve(request, stored)
        if self._should_store(request, response):
            took = time.perf_counter() - timer
            render.store_response(request.path, response.content, started=started)
            metrics.RENDER_SECONDS.labels(by="reader").observe(took)
            # A shared bucket gets it from a worker, never on the reader's time.
            tasks.send_to_bucket([request.path], since=started)
        return response

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
        size = textsize.current(request)
        resized = size != textsize.DEFAULT
        if not resized and request.META.get("HTTP_IF_NONE_MATCH", "").strip() == stored.etag:
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = stored.etag
            return not_modified
        if resized:
            # The chosen size is part of the page; readers who picked one
            # (few) get the plain variant adjusted, the rest the stored bytes.
            if stored.encoding:
                stored = render.store().get(request.path) or stored
                if stored.encoding:  # the plain file vanished meanwhile: render instead
                    return self.get_response(request)
            body = textsize.apply(bodies.read(stored), size)
        else:
            try:
                body = bodies.read(stored)
            except FileNotFoundError:  # purged since it was looked up: render instead
                return self.get_response(request)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        for name, value in [
            *stored_headers(stored, len(body), etag=not resized),
            *onion_headers(request.path),
        ]:
            response[name] = value
        return response
