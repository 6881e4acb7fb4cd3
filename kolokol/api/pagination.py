"""Cursor pagination of article lists, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.pagination import CursorPagination

from kolokol.api import representation
from kolokol.api.selectors import attach_places

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Publication times a cursor may hold: anything outside is not a place in
# any archive, and some (year 9999 at -23:59) no database can even compare.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


class Cursor(CursorPagination.Cursor):
    @pydantic.field_validator("p")
    @classmethod
    def a_publication_time(cls, value: str | None) -> str | None:
        if value is None:
            return None
        moment = parse_datetime(value)  # ValueError for a date that cannot be
        if moment is None or moment.tzinfo is None or not EARLIEST <= moment <= LATEST:
            raise ValueError("not a publication time")
        return value  # as written: Ninja compares it with str(first_published_at)


class ArticleCursor(CursorPagination):
    """Ninja's cursor pagination over (first_published_at, id), newest first.

    A cursor marks a place in time, not a page number: a client walking an
    archive while stories are published sees each article once, neither
    skipped nor repeated, and no deep OFFSET is ever asked of the database.
    """

    Cursor = Cursor

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            ordering=("-first_published_at", "-pk"),
            page_size=PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
            **kwargs,
        )

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        try:
            page = super().paginate_queryset(queryset, pagination, request, **params)
        except (ValidationError, pydantic.ValidationError) as error:
            # A cursor that decodes to no date ("p=x"), a date out of range,
            # an offset out of bounds: the client's mistake.
            # Worded as the API's other bad parameters (api.invalid_input).
            raise HttpError(
                422, _("Invalid value for: %(names)s.") % {"names": "cursor"}
            ) from error
        articles = attach_places(page[self.items_attribute])
        page[self.items_attribute] = [self.represent(request, a) for a in articles]
        return page

    def represent(self, request: HttpRequest, article) -> dict[str, Any]:
        return representation.summary(request, article)
