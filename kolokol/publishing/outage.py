"""What readers get while the database is away.

Stored pages never reach this far (the fast path answers them without a
query). Everything else that needs the database answers 503 with
``Retry-After``, in the service's language, instead of a server error;
``kolokol.core.outage`` tells an outage from a bug.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from kolokol.core.outage import RETRY_AFTER_SECONDS, is_outage, language_for


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
        except DatabaseError as error:
            if not is_outage(error):
                raise
            return unavailable(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_outage(exception):
            return unavailable(request)
        return None
