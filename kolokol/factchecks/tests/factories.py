"""Fact-checks and their index, one call each, made through Wagtail's own APIs."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from kolokol.articles.models import ArticleAuthor
from kolokol.core import clock
from kolokol.factchecks.models import FactCheckIndexPage, FactCheckPage, Rating
from kolokol.sections.models import SectionPage
from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories

_counter = itertools.count(1)


def rating(home: ServiceHomePage, value: int) -> Rating:
    """The rating at ``value`` on the service's (default) scale."""
    return Rating.objects.get(service=home, value=value)


def index(home: ServiceHomePage, title: str = "Fact checks", **fields) -> FactCheckIndexPage:
    page = FactCheckIndexPage(title=title, slug="fact-checks", **fields)
    home.add_child(instance=page)
    return factories.publish(page)


def fact_check(
    home: ServiceHomePage,
    *,
    title: str = "",
    value: int = 1,
    section_page: SectionPage | None = None,
    sources: list[dict] | None = None,
    topics: list[str] = (),
    published_hours_ago: float | None = None,
    **fields,
) -> FactCheckPage:
    """A live fact-check in the service's first section, rated ``value`` on its scale."""
    n = next(_counter)
    section_page = section_page or SectionPage.objects.child_of(home).first()
    fields.setdefault("standfirst", f"What we found about claim {n}.")
    fields.setdefault("claim", f"The ferry carried {n} thousand people last year.")
    fields.setdefault("claimant", "Councillor Mira Holm")
    fields.setdefault("rating", rating(home, value))
    page = FactCheckPage(
        title=title or f"Fact check number {n}",
        slug=f"fact-check-{n}",
        body=[{"type": "paragraph", "value": f"<p>How we checked claim {n}.</p>"}],
        sources=[
            {"type": "source", "value": source}
            for source in (
                sources
                if sources is not None
                else [{"title": "Harbour office figures", "url": "", "note": ""}]
            )
        ],
        **fields,
    )
    page.bylines = [ArticleAuthor(author=factories.author(home))]
    section_page.add_child(instance=page)
    if topics:
        page.tags.add(*topics)
    factories.publish(page)
    if published_hours_ago is not None:
        when = timezone.now() - timedelta(hours=published_hours_ago)
        Page.objects.filter(pk=page.pk).update(first_published_at=when)
        clock.bump()  # behind the publisher's back: what processes remember of listings goes
        page.refresh_from_db()
    return page
