"""The shapes of the API's answers, as the OpenAPI schema publishes them."""

# No ``from __future__ import annotations`` here: Ninja and Pydantic read these
# annotations at import time to build the validators and the OpenAPI schema.

from datetime import datetime
from typing import Any

from ninja import Field, Schema

# Ids are 64-bit database keys; a larger number is a 422, not a database error.
MAX_ID = 2**63 - 1


class Error(Schema):
    detail: str = Field(description="What went wrong, in the client's Accept-Language.")


class Rendition(Schema):
    url: str
    width: int
    height: int


class Image(Schema):
    id: int
    url: str = Field(description="The largest rendition.")
    width: int
    height: int
    alt: str = Field(description="What the picture shows, for readers who cannot see it.")
    credit: str
    caption: str | None = None
    renditions: list[Rendition] = Field(description="Every size, largest first (JPEG).")


class Service(Schema):
    id: int
    slug: str
    title: str
    tagline: str
    language: str = Field(description="BCP 47 language code of everything in the service.")
    time_zone: str = Field(description="IANA time zone the service shows times in.")
    url: str


class Section(Schema):
    id: int
    slug: str
    title: str
    intro: str
    service: str | None = Field(description="Slug of the service.")
    url: str


class Topic(Schema):
    name: str
    slug: str


class Author(Schema):
    id: int
    name: str
    role: str
    bio: str = Field(description="HTML.")
    service: str | None
    photo: Image | None
    url: str


class AuthorRef(Schema):
    id: int
    name: str
    url: str | None


class SectionRef(Schema):
    id: int
    title: str
    url: str


class ArticleSummary(Schema):
    id: int
    url: str = Field(description="The canonical address of the article on the site.")
    service: str | None
    language: str | None
    section: SectionRef | None
    headline: str
    kicker: str
    standfirst: str
    dateline: str
    authors: list[AuthorRef]
    topics: list[Topic]
    lead_image: Image | None
    first_published_at: datetime
    updated_at: datetime | None = Field(
        description="Set by editors when the story changed materially; null otherwise."
    )


class Block(Schema):
    id: str | None
    type: str = Field(description="paragraph, quote, image, list, factbox, embed or gallery.")
    value: Any = Field(
        description="paragraph: HTML; image: {image, caption, credit}; "
        "gallery: {title, photos: [{image, caption, credit}]}; others: their fields."
    )


class Article(ArticleSummary):
    body: list[Block]
    body_html: str = Field(description="The body as the site renders it.")


# The error answers every endpoint may give.
ERRORS = {404: Error, 422: Error, 429: Error}
