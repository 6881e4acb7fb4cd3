"""The filters of the article lists (JSON and ninjs)."""

# No ``from __future__ import annotations`` here: Ninja and Pydantic read these
# annotations at import time to build the validators and the OpenAPI schema.

from datetime import UTC, datetime

from ninja import Field, Schema
from pydantic import field_validator

from kolokol.api import selectors
from kolokol.api.schemas import MAX_ID
from kolokol.articles.models import ArticlePageQuerySet


class ArticleFilters(Schema):
    service: str | None = Field(None, description="Slug of a service, e.g. `ru`.")
    section: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a section.")
    topic: str | None = Field(None, description="Slug of a topic.")
    author: int | None = Field(None, ge=1, le=MAX_ID, description="Id of an author.")
    published_since: datetime | None = Field(
        None, description="First published at or after this time (ISO 8601; UTC if no zone)."
    )
    published_until: datetime | None = Field(
        None, description="First published at or before this time (ISO 8601; UTC if no zone)."
    )

    @field_validator("published_since", "published_until", mode="before")
    @classmethod
    def iso_8601(cls, value: object) -> object:
        # Pydantic alone would also take "0.5" as seconds since 1970: a typo
        # must not quietly become a date in January 1970.
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime) and value.tzinfo is not None:
            # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601
            # (and Python) allow, e.g. "+20:37".
            try:
                value = value.astimezone(UTC)
            except OverflowError:
                raise ValueError("date out of range") from None
        return value

    def apply(self, found: ArticlePageQuerySet) -> ArticlePageQuerySet:
        return selectors.filter_articles(
            found,
            service_slug=self.service,
            section=self.section,
            topic=self.topic,
            author=self.author,
            since=self.published_since,
            until=self.published_until,
        )
