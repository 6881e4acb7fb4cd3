"""The search-engine files in the publisher: what to re-render when, and what to mirror."""

from __future__ import annotations

from kolokol.seo.sitemaps import (
    ServiceSitemap,
    news_sitemap_path,
    sitemap_path,
    topic_entries,
    topics_sitemap_path,
)

SITE_FILES = ["/robots.txt", "/sitemap.xml"]


def public_urls(service=None) -> list[str]:
    """The files of one service (its sitemaps), or of the whole site."""
    from kolokol.services.models import ServiceHomePage

    homes = [service] if service is not None else ServiceHomePage.objects.live().public()
    urls = [] if service is not None else list(SITE_FILES)
    for home in homes:
        pages = ServiceSitemap(home).paginator.page_range
        urls += [sitemap_path(home.url, number) for number in pages]
        urls.append(news_sitemap_path(home.url))
        if topic_entries(home):
            urls.append(topics_sitemap_path(home.url))
    return urls


def article_urls(article) -> list[str]:
    """What an article's publication, withdrawal or move changes: its sitemaps and the index.

    The sitemap page holding the article and every page after it: nothing
    after it when it is new, and when it leaves, later entries move up by one
    (the page past the last goes too, in case the withdrawal emptied it).
    The topics sitemap too: the article's topics changed, or their dates.
    """
    service = article.service
    if service is None:
        return []
    sitemap = ServiceSitemap(service)
    last = sitemap.paginator.num_pages
    pages = range(min(sitemap.page_holding(article), last), last + 2)
    return [
        "/sitemap.xml",
        news_sitemap_path(service.url),
        *(sitemap_path(service.url, number) for number in pages),
        topics_sitemap_path(service.url),
    ]


def needs_address(url: str) -> bool:
    """A file that is nothing without full addresses (a sitemap), unlike robots.txt."""
    return url.endswith(".xml")
