"""Telling a database outage from a bug, and which language to say so in.

Only errors that mean "the database cannot be reached now" are an outage.
An integrity error, a query against a table a migration has not made yet,
bad data: those are bugs (ours or the operator's), and get Django's 500 with
its traceback in the log, not a reassuring "try again". What readers are
shown is up to the app that answers them (``kolokol.publishing.outage`` for
pages, ``kolokol.comments.views`` for the comment form).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.utils import translation

from kolokol.core.pages import service_slug

RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)

# SQLite reports a missing table or column as an OperationalError, like a
# locked or unreachable database (PostgreSQL: a ProgrammingError, a bug).
MISSING = re.compile(r"no such (table|column)", re.IGNORECASE)

# A service's language by its address's first segment, from somewhere that
# needs no database: the publisher's service facts, given when the apps are
# ready (``kolokol.publishing.apps``). Without it the segment itself is tried
# as a language code.
_languages: Callable[[str], str | None] | None = None


def learn_languages_from(source: Callable[[str], str | None]) -> None:
    """Look up services' languages with ``source`` (a service's slug → its language or None)."""
    global _languages
    _languages = source


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
    """The language of the service ``path`` belongs to, asking no database."""
    slug = service_slug(path)
    known = _languages(slug) if _languages is not None else None
    if known:
        return known
    try:
        return translation.get_supported_language_variant(slug)
    except LookupError:
        return translation.get_language()
