"""Finding and showing: ranked matches within one service, and their snippets."""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kolokol.search import words
from kolokol.search.index import FTS_TABLE, postgres
from kolokol.search.models import SearchDocument

SNIPPET_WORDS = 40
SNIPPET_LEAD = 8  # words shown before the first match
# SQLite's bm25 weights for headline, topics, standfirst, body: what
# PostgreSQL's A, A, B, C weights mean there.
BM25_WEIGHTS = "10.0, 10.0, 4.0, 1.0"
TOKENS = re.compile(r"(\w+)")


def find(
    service,
    terms: list[str],
    *,
    within: str | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
) -> QuerySet[SearchDocument]:
    """Documents of ``service`` matching every word of ``terms``, best first.

    ``within`` is a section's tree path; ``since`` and ``before`` bound the
    first publication time.
    """
    docs = SearchDocument.objects.filter(service=service, page__live=True).select_related("page")
    if within:
        docs = docs.filter(page__path__startswith=within)
    if since:
        docs = docs.filter(page__first_published_at__gte=since)
    if before:
        docs = docs.filter(page__first_published_at__lt=before)
    newest = F("page__first_published_at").desc()
    if postgres():
        # plainto_tsquery: the words are ANDed and nothing in them is syntax.
        query = SearchQuery(" ".join(terms), config=words.config(service.language))
        return (
            docs.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", newest)
        )
    # FTS5: each stem a quoted string (only word characters), all required.
    match = " ".join(f'"{stem}"' for stem in words.stems(terms, service.language))
    return docs.extra(  # noqa: S610 (constant SQL; the reader's words are a parameter)
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = search_searchdocument.page_id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"rank": f"-bm25({FTS_TABLE}, {BM25_WEIGHTS})"},
    ).order_by("-rank", newest)


def highlight(text: str, wanted: set[str], language: str, limit: int | None = None) -> SafeString:
    """``text`` escaped, with the words whose stems are ``wanted`` in ``<mark>``.

    With ``limit``, only that many words around the first match (or from
    the start when nothing matches), with an ellipsis where text is cut.
    """
    parts = TOKENS.split(text)  # separators at even indexes, words at odd ones
    found = words.stems([part.lower() for part in parts[1::2]], language)
    hits = {2 * i + 1 for i, stem in enumerate(found) if stem in wanted}
    start, end = 0, len(parts)
    if limit is not None:
        first = min(hits, default=1)
        start = max(first - 2 * SNIPPET_LEAD, 0)
        end = min(start + 2 * limit, len(parts))
    out = ["…"] if start > 0 else []
    for i in range(start, end):
        piece = escape(parts[i])
        out.append(f"<mark>{piece}</mark>" if i in hits else piece)
    if "".join(parts[end:]).strip():
        out.append("…")
    return mark_safe("".join(out).strip())  # noqa: S308 (every piece escaped above)


def decorate(doc: SearchDocument, terms: list[str], language: str) -> SearchDocument:
    """Give a result its highlighted headline and snippet."""
    wanted = set(words.stems(terms, language))
    doc.headline_html = highlight(doc.headline, wanted, language)
    text = f"{doc.standfirst}\n{doc.body}"
    doc.snippet_html = highlight(text, wanted, language, limit=SNIPPET_WORDS)
    return doc
