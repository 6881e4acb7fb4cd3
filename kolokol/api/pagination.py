"""Cursor pagination of article lists, newest first."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.pagination import CursorPagination

from kolokol.api import representation
from kolokol.api.selectors import attach_places

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class ArticleCursor(CursorPagination):
    """Ninja's cursor pagination over (first_published_at, id), newest first.

    A cursor marks a place in time, not a page number: a client walking an
    archive while stories are published sees each article once, neither
    skipped nor repeated, and no deep OFFSET is ever asked of the database.
    """

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
        except ValidationError as error:
            # A cursor that decodes to no date ("p=x"): the client's mistake.
            # Worded as the API's other bad parameters (api.invalid_input).
            raise HttpError(
                422, _("Invalid value for: %(names)s.") % {"names": "cursor"}
            ) from error
        articles = attach_places(page[self.items_attribute])
        page[self.items_attribute] = [self.represent(request, a) for a in articles]
        return page

    def represent(self, request: HttpRequest, article) -> dict[str, Any]:
        return representation.summary(request, article)
