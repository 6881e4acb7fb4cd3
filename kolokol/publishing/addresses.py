"""Every public address of the site, read from the database.

The publisher's full re-render (``kolokol rerender``), the static mirror and
the benchmarks all start from this list; an address is what a reader types,
so it comes from each page's ``url_path`` under the default site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kolokol.core import sitefacts
from kolokol.feeds.addresses import public_feed_urls

if TYPE_CHECKING:
    from kolokol.services.models import ServiceHomePage


def live_pages(service=None) -> dict[str, int]:
    """Reader address → page id of every live public page (one light query)."""
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    root = site.root_page.url_path
    pages = sitefacts.public(Page.objects.live().filter(depth__gte=2))
    if service is not None:
        pages = pages.descendant_of(service, inclusive=True)
    return {
        "/" + url_path[len(root) :]: pk
        for pk, url_path in pages.values_list("pk", "url_path").iterator()
        if url_path.startswith(root)
    }


def public_urls(service: ServiceHomePage | None = None) -> list[str]:
    """Every live page's address, topic pages, listings' archive pages, corrections,
    the text-only edition, sitemaps."""
    from kolokol.core.pages import PER_PAGE, archive_page_of
    from kolokol.corrections.publishing import corrections_urls
    from kolokol.factchecks.models import FactCheckIndexPage
    from kolokol.live.addresses import archive_urls as live_archive_urls
    from kolokol.live.addresses import page_files as live_page_files
    from kolokol.live.models import LiveBlogPage
    from kolokol.people.models import AuthorPage
    from kolokol.programs.models import ProgramPage
    from kolokol.sections.models import SectionPage, TopicIndexPage
    from kolokol.seo.publishing import public_urls as seo_urls
    from kolokol.services.models import ServiceHomePage
    from kolokol.textedition.addresses import public_urls as text_edition_urls

    def archive(base_url: str, count: int) -> list[str]:
        pages = archive_page_of(max(count - 1, 0), PER_PAGE)
        # With one page the front shows everything and links no archive.
        return [f"{base_url}page/{n}/" for n in range(1, pages + 1)] if pages > 1 else []

    def within(pages):
        return pages.descendant_of(service) if service is not None else pages

    # From url_path, not page.url: building 100,000 page objects to ask each
    # for its address took 25 s, most of an incremental export.
    urls = list(live_pages(service))
    for listing in [*within(SectionPage.objects.live()), *within(AuthorPage.objects.live())]:
        urls += archive(listing.url, listing.articles().count())
    for index in within(TopicIndexPage.objects.live()):
        for tag in index.topics():
            topic_url = index.topic_url(tag)
            urls += [topic_url, *archive(topic_url, tag.article_count)]
    for index in within(FactCheckIndexPage.objects.live()):
        urls += archive(index.url, index.fact_checks().count())
    for program in within(ProgramPage.objects.live().public()):
        urls += program.listed_files()
    for blog in within(LiveBlogPage.objects.live().public()):
        urls += live_archive_urls(blog) + live_page_files(blog)
    for home in within(ServiceHomePage.objects.live().public()) if service is None else [service]:
        urls += corrections_urls(home) + text_edition_urls(home)
    return urls + seo_urls(service) + public_feed_urls(service)
