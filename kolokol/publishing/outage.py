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
# Service slug → language, learnt while the database was up (see
# ServiceHomePage.activate), so the 503 page speaks the reader's language.
known_languages: dict[str, str] = {}
# Service slug → onion address, learnt the same way, for stored pages' headers.
known_onions: dict[str, str] = {}


def language_for(path: str) -> str:
    from kolokol.core.pages import service_slug

    slug = service_slug(path)
    if slug in known_languages:
        return known_languages[slug]
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
