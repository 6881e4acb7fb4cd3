"""The search page of a language service (``/<service>/search/``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from kolokol.core.pages import SERVICE_DEPTH, paginate
from kolokol.search import query as search_query
from kolokol.search import words
from kolokol.search.forms import SearchForm


def search(request: HttpRequest, service) -> TemplateResponse:
    """Ranked results for the reader's words, or the form alone when there are none.

    The reader's query is capped and reduced to plain words before it goes
    near the database, so any input at all gets an ordinary page.
    """
    sections = list(service.section_pages())
    form = SearchForm(request.GET, sections=sections)
    form.is_valid()
    query = words.clean_query(request.GET.get("q", ""))
    terms = words.query_words(query)
    section = form.sections.get(form.valid("section") or "")
    since, before = form.bounds()
    filters: dict[str, str | None] = {
        "section": section.slug if section else "",
        "since": since and form.valid("since").isoformat(),
        "until": before and form.valid("until").isoformat(),
    }
    results = None
    if terms:
        found = search_query.find(
            service, terms, within=section.path if section else None, since=since, before=before
        )
        results = paginate(found, request.GET.get("page"))
        by_path = {s.path: s for s in sections}
        depth = (SERVICE_DEPTH + 1) * service.steplen
        for doc in results:
            search_query.decorate(doc, terms, service.language)
            doc.section = by_path.get(doc.page.path[:depth])
    # The chrome of the service's pages, but no page of its own: the
    # navigation marks no item as current here.
    context = service.page_context(request)
    context.update(
        page=None,
        form=form,
        query=query,
        results=results,
        sections=sections,
        filtered=any(filters.values()),
        base_query=urlencode({"q": query, **{k: v for k, v in filters.items() if v}}),
        plain_query=urlencode({"q": query}),
    )
    response = TemplateResponse(request, "search/search.html", context)
    # Each reader's query gets its own answer: never keep it in the rendered store.
    response.kolokol_dynamic = True
    return response
