"""What readers get while the database is away.

Stored pages never reach this far (the fast path answers them without a
query). Everything else that needs the database answers 503 with
``Retry-After``, in the service's language, instead of a server error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

RETRY_AFTER_SECONDS = 30


def language_for(path: str) -> str:
    """The service's language, from what the publisher wrote while the database was up."""
    from kolokol.core.pages import service_slug
    from kolokol.publishing import servicefacts

    slug = service_slug(path)
    known = servicefacts.language(slug)
    if known:
        return known
    try:
        return translation.get_supported_language_variant(slug)
    except LookupError:
        return translation.get_language()


def unavailable(request: HttpRequest) -> HttpResponse:
    with translation.override(language_for(request.path)):
        body = render_to_string("publishing/503.html", {"language": translation.get_language()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except DatabaseError:
            return unavailable(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DatabaseError):
            return unavailable(request)
        return None
