"""What readers get while the database is away.

Stored pages never reach this far (the fast path answers them without a
query). Everything else that needs the database answers 503 with
``Retry-After``, in the service's language, instead of a server error.

Only errors that mean "the database cannot be reached now" are an outage.
An integrity error, a query against a table a migration has not made yet,
bad data: those are bugs (ours or the operator's), and get Django's 500 with
its traceback in the log, not a reassuring "try again".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)

# SQLite reports a missing table or column as an OperationalError, like a
# locked or unreachable database (PostgreSQL: a ProgrammingError, a bug).
MISSING = re.compile(r"no such (table|column)", re.IGNORECASE)


def _migrations_missing(error: BaseException) -> bool:
    """A table is missing from a database that is there: a migration not run.

    A database file that vanished (a lost volume) is recreated empty by
    SQLite on the next connection: no table at all, not even Django's record
    of migrations, is an outage; one table missing beside the others is not.
    """
    if not MISSING.search(str(error)):
        return False
    try:
        return "django_migrations" in connection.introspection.table_names()
    except DatabaseError:
        return False


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` means the database is unreachable or busy (and logs it if so)."""
    if not isinstance(error, (InterfaceError, OperationalError)):
        return False
    if _migrations_missing(error):
        return False
    # One line, not a traceback per request, while the database is away.
    logger.warning("database unavailable: %s", (str(error).strip().splitlines() or ["?"])[0])
    return True


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
        except DatabaseError as error:
            if not is_outage(error):
                raise
            return unavailable(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_outage(exception):
            return unavailable(request)
        return None
