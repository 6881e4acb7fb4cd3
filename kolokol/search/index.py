"""Keeping the search index in step with what readers can read.

Called from the publishing hooks (``kolokol.search.signals``) for one
article at a time, and by ``kolokol reindex`` for everything.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page

from kolokol.articles.models import ArticlePage
from kolokol.core.pages import SERVICE_DEPTH
from kolokol.core.progress import progress
from kolokol.search import words
from kolokol.search.models import SearchDocument
from kolokol.services.models import ServiceHomePage

FTS_TABLE = "search_fts"
BATCH = 500


def postgres() -> bool:
    return connection.vendor == "postgresql"


def transcripts(page: ArticlePage) -> list[str]:
    """What is said in the article's video and audio: found like its text."""
    clips = [page.lead_clip] + [
        block.value.get("video") or block.value.get("audio")
        for block in page.body
        if block.block_type in ("video", "audio")
    ]
    return [clip.transcript for clip in clips if clip is not None and clip.transcript]


def document(page: ArticlePage, service: ServiceHomePage) -> SearchDocument:
    body = [*page.body.stream_block.get_searchable_content(page.body), *transcripts(page)]
    return SearchDocument(
        page_id=page.pk,
        service=service,
        config=words.config(service.language),
        headline=page.title,
        standfirst=page.standfirst,
        body=" ".join(str(text) for text in body),
        topics=" ".join(tag.name for tag in page.tags.all()),
    )


def vector() -> SearchVector:
    """Headline and topics weigh most, then the standfirst, then the body."""
    config = F("config")
    return (
        SearchVector("headline", "topics", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def _store(docs: list[SearchDocument]) -> None:
    """Write ``docs`` (already absent from the index) with their analysed words."""
    SearchDocument.objects.bulk_create(docs)
    ids = [doc.page_id for doc in docs]
    if postgres():
        SearchDocument.objects.filter(pk__in=ids).update(vector=vector())
        return
    _forget(ids)
    rows = [
        (
            doc.page_id,
            *(
                words.stemmed(text, doc.service.language)
                for text in (doc.headline, doc.topics, doc.standfirst, doc.body)
            ),
        )
        for doc in docs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, headline, topics, standfirst, body) "  # noqa: S608 (constant name)
            "VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def remove(ids: Iterable[int]) -> None:
    ids = list(ids)
    SearchDocument.objects.filter(pk__in=ids).delete()
    if not postgres():
        _forget(ids)


def _forget(ids: list[int]) -> None:
    """Drop SQLite index rows (a flushed database may have left some behind)."""
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(ids))})",  # noqa: S608 (placeholders only)
                ids,
            )


def outdated(service: ServiceHomePage) -> bool:
    """Whether some of the service's articles were analysed for another language."""
    current = words.config(service.language)
    return SearchDocument.objects.filter(service=service).exclude(config=current).exists()


def readable(page: ArticlePage) -> bool:
    return page.live and not page.get_view_restrictions().exists()


def withdraw(page: Page) -> None:
    """Drop at once what readers may no longer find through ``page``'s event.

    An article unpublished or made private; every article below a page
    that is no longer public (a section unpublished, restricted, or moved
    under a restriction). Whatever is still readable is re-indexed by
    :func:`update`, in a task.
    """
    page = page.specific
    if isinstance(page, ArticlePage):
        if not readable(page):
            remove([page.pk])
    elif not page.live or page.get_view_restrictions().exists():
        remove(ArticlePage.objects.descendant_of(page).values_list("pk", flat=True))


@transaction.atomic
def update(page: Page) -> int:
    """Index ``page`` if it is an article readers can read, drop it otherwise.

    For any other page (a section moved or made private), do so for the
    articles below it. Returns how many articles are indexed.
    """
    page = page.specific
    if isinstance(page, ArticlePage):
        articles = [page]
    else:
        articles = list(ArticlePage.objects.descendant_of(page))
    remove(article.pk for article in articles)
    docs = [
        document(article, article.service)
        for article in articles
        if readable(article) and article.service is not None
    ]
    if docs:
        _store(docs)
    return len(docs)


@transaction.atomic
def rebuild(out: TextIO = sys.stderr) -> tuple[Counter, int]:
    """Index every readable article afresh: (articles per service slug, entries dropped)."""
    before = set(SearchDocument.objects.values_list("pk", flat=True))
    SearchDocument.objects.all().delete()
    if not postgres():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 (constant name)
    steplen = ServiceHomePage.steplen
    services = {home.path: home for home in ServiceHomePage.objects.all()}
    articles = ArticlePage.objects.live().public().order_by("path").prefetch_related("tags")
    counts: Counter = Counter()
    batch: list[SearchDocument] = []
    for article in progress(
        articles.iterator(chunk_size=BATCH), articles.count(), "Indexing", out=out
    ):
        service = services.get(article.path[: SERVICE_DEPTH * steplen])
        if service is None:
            continue
        batch.append(document(article, service))
        counts[service.slug] += 1
        if len(batch) >= BATCH:
            _store(batch)
            batch = []
    if batch:
        _store(batch)
    indexed = set(SearchDocument.objects.values_list("pk", flat=True))
    return counts, len(before - indexed)
