"""Loading the demo's fact-checks (content_factchecks.py) into a service.

Called by ``loader.load_service`` for each service, after its sections and
authors exist. Safe to run again: what exists (matched by slug) is left as
it is, what is missing is added.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from django.core.files.images import ImageFile
from wagtail.models import Page

from kolokol.articles.models import ArticleAuthor
from kolokol.demo import pictures
from kolokol.demo.content_factchecks import FACT_CHECKS
from kolokol.factchecks.models import FactCheckIndexPage, FactCheckPage, Rating
from kolokol.factchecks.scale import ensure_default_scale
from kolokol.media import renditions
from kolokol.media.models import NewsImage
from kolokol.sections.models import SectionPage
from kolokol.services.models import ServiceHomePage


def load(
    home: ServiceHomePage,
    sections: dict[str, SectionPage],
    authors: dict[str, Page],
    started: datetime,
) -> None:
    content = FACT_CHECKS.get(home.slug)
    if content is None:
        return
    # A demo loaded before fact-checks existed has no scale yet.
    ensure_default_scale(home)
    if not FactCheckIndexPage.objects.child_of(home).exists():
        index = content["index"]
        _publish(
            home,
            FactCheckIndexPage(
                slug=index["slug"], title=index["title"], intro=index["intro"], show_in_menus=True
            ),
        )
    ratings = {rating.value: rating for rating in Rating.objects.filter(service=home)}
    for position, item in enumerate(content["fact_checks"]):
        section = sections[item["section"]]
        if FactCheckPage.objects.child_of(section).filter(slug=item["slug"]).exists():
            continue
        page = FactCheckPage(
            title=item["title"],
            slug=item["slug"],
            kicker=item["kicker"],
            standfirst=item["standfirst"],
            dateline=item["dateline"],
            lead_image=_image(item["slug"], item["image"]),
            lead_image_caption=item["image"]["caption"],
            body=[{"type": kind, "value": value} for kind, value in item["body"]],
            claim=item["claim"],
            claimant=item["claimant"],
            claimant_kind=item["claimant_kind"],
            claim_date=(started - timedelta(days=item["claim_days_ago"])).date(),
            claim_url=item["claim_url"],
            rating=ratings[item["rating"]],
            sources=[{"type": "source", "value": source} for source in item["sources"]],
        )
        page.bylines = [ArticleAuthor(author=authors[slug]) for slug in item["authors"]]
        _publish(section, page, topics=item["topics"])
        # Half a minute off the articles' minutes (loader.py): no two demo
        # entries of a feed share a time.
        published = started - timedelta(hours=item["hours_ago"], minutes=position, seconds=30)
        Page.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )


def _publish(parent: Page, page: Page, topics: list[str] = ()) -> Page:
    parent.add_child(instance=page)
    if topics:
        page.tags.add(*topics)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _image(slug: str, spec: dict) -> NewsImage:
    """The lead picture, drawn for the demo (as loader.make_image draws the articles')."""
    existing = NewsImage.objects.filter(title=slug).first()
    if existing:
        return existing
    handle = io.BytesIO(pictures.draw(spec["motif"], slug))
    handle.name = f"{slug}.jpg"
    image = NewsImage(title=slug, description=spec["alt"], credit=spec["credit"])
    image.file = ImageFile(handle, name=handle.name)
    image.save()
    renditions.prepare(image)
    return image
