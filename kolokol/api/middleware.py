"""HTTP validators, 304s and HEAD for the API, in one place for every endpoint.

The ETag is a hash of the body, so it is right for any response, lists
included, whatever changed. Last-Modified is the time of the newest entry in
Wagtail's audit log: every publish, unpublish, move, deletion or privacy
change of a page and every edit of an image or snippet is logged there, so
nothing an API response shows can change without the clock moving on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from wagtail.models import ModelLogEntry, PageLogEntry

from kolokol.api.cors import API_PREFIX

# Clients and shared caches may reuse an answer for a minute, then revalidate
# with If-None-Match, which costs the server a query but no bandwidth.
CACHE_CONTROL = "public, max-age=60"


def content_clock() -> datetime | None:
    """When anything an API client can see last changed (None: never)."""
    times = [
        model.objects.aggregate(latest=Max("timestamp"))["latest"]
        for model in (PageLogEntry, ModelLogEntry)
    ]
    return max((t for t in times if t is not None), default=None)


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        # Error messages follow the client's Accept-Language (English by default).
        translation.activate(translation.get_language_from_request(request))
        # The routes are declared for GET; HEAD is the same answer without a body.
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200:
            response = self.validate(request, response)
        elif response.status_code >= 400:
            patch_vary_headers(response, ("Accept-Language",))
        # Readers need no cookie, and the API never gives one.
        response.cookies.clear()
        if head:
            response.content = b""
        return response

    def validate(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        changed = content_clock()
        if changed is not None:
            response["Last-Modified"] = http_date(changed.timestamp())
        response["Cache-Control"] = CACHE_CONTROL
        set_response_etag(response)
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(changed.timestamp()) if changed else None,
            response=response,
        )
        return conditional if conditional is not None else response
