"""The sitemaps: one per service (paginated), the index of them, and the news sitemap.

Built on Wagtail's sitemap (itself Django's ``Sitemap``) for the paging and
the choice of pages, with two changes: addresses come from
``KOLOKOL_BASE_URL`` (or a mirror's address) rather than the Wagtail site's
hostname, and pages are listed oldest first. In that order a new article
lands on the last sitemap page, so publishing rewrites one file however
large the archive, as with the listings' archive pages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from kolokol.core.memo import Memo
from kolokol.seo.absolute import absolute, reader_path

# The protocol allows 50,000 URLs or 50 MB a file. An entry here is a few
# hundred bytes at most (a path of up to 255 characters, percent-encoded,
# and a date), so the count is always the limit that binds.
URLS_PER_SITEMAP = 50_000
# Google News takes articles of the last two days, at most 1,000 a sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000


def sitemap_path(service_path: str, number: int = 1) -> str:
    """Where page ``number`` of a service's sitemap is served (``/ru/sitemap-2.xml``)."""
    name = "sitemap.xml" if number == 1 else f"sitemap-{number}.xml"
    return f"{service_path}{name}"


def news_sitemap_path(service_path: str) -> str:
    return f"{service_path}news-sitemap.xml"


def topics_sitemap_path(service_path: str) -> str:
    """Where a service's topic pages are listed (``/ru/sitemap-topics.xml``)."""
    return f"{service_path}sitemap-topics.xml"


# Each service's topics with their dates, per publish: the sitemap index and
# the topics sitemap both ask, one after the other, whenever an article is published.
_topic_dates: Memo[list] = Memo(16)


def topic_entries(service) -> list[dict[str, Any]]:
    """The service's topic pages by name, each with the last change among its articles.

    Topic pages are routes of the topic index, not pages of their own, so
    the page sitemaps do not hold them. Empty when the service has no
    public topic index or no topic in use.
    """
    from kolokol.core import clock, sitefacts

    index = service.topic_index_page()
    if index is None or sitefacts.facts().is_private(index):
        return []
    dates = _topic_dates.get((clock.version(), service.pk), lambda: (_dates_of(service), True))
    return [
        {"location": absolute(index.topic_url(tag)), "lastmod": latest} for tag, latest in dates
    ]


def _dates_of(service) -> list[tuple[Any, datetime]]:
    from django.db.models import Max
    from taggit.models import Tag

    latest = dict(
        service.articles()
        .taggings()
        .values_list("tag_id")
        .annotate(latest=Max("content_object__last_published_at"))
    )
    tags = Tag.objects.filter(pk__in=latest).order_by("name")[:URLS_PER_SITEMAP]
    return [(tag, latest[tag.pk]) for tag in tags]


def videos_of(page_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Google's video sitemap entry of each video story among ``page_ids``."""
    from kolokol.articles.models import ArticlePage
    from kolokol.multimedia.facts import offered, poster
    from kolokol.multimedia.models import Clip

    stories = (
        ArticlePage.objects.filter(
            pk__in=page_ids, lead_clip__status=Clip.Status.READY, lead_clip__type="video"
        )
        .select_related("lead_clip__poster")
        .prefetch_related("lead_clip__renditions")
    )
    entries = {}
    for story in stories:
        clip = story.lead_clip
        thumbnail, file = poster(clip), offered(clip)
        if thumbnail is None or file is None:
            continue  # Google lists no video without both
        entries[story.pk] = {
            "thumbnail": absolute(thumbnail.url),
            "title": story.title,
            "description": story.standfirst,
            "content": absolute(file.url),
            "duration": round(clip.duration),
            "published": story.first_published_at,
        }
    return entries


class ServiceSitemap(Sitemap):
    """Every live, public page of one language service, oldest first."""

    limit = URLS_PER_SITEMAP

    def __init__(self, service, request=None) -> None:
        super().__init__(request)
        self.service = service

    def items(self):
        # Plain pages, not specific ones: the address and the dates are all
        # a sitemap needs, and 50,000 specific pages would mean one query per type.
        return (
            Page.objects.live()
            .public()
            .descendant_of(self.service, inclusive=True)
            .order_by("first_published_at", "pk")
            .only("url_path", "first_published_at", "last_published_at")
        )

    def lastmod(self, obj: Page) -> datetime | None:
        return obj.last_published_at or obj.first_published_at

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict[str, Any]]:
        root = self.get_wagtail_site().root_page.url_path
        listed = list(self.paginator.page(page).object_list)
        videos = videos_of([item.pk for item in listed])
        return [
            {
                "location": absolute(reader_path(item.url_path, root)),
                "lastmod": self.lastmod(item),
                "video": videos.get(item.pk),
            }
            for item in listed
        ]

    def page_lastmod(self, number: int) -> datetime | None:
        """The newest change among the pages listed on sitemap page ``number``."""
        start = (number - 1) * self.limit
        listed = self.items()[start : start + self.limit]
        return listed.aggregate(latest=Max("last_published_at"))["latest"]

    def page_holding(self, page: Page) -> int:
        """The sitemap page that lists (or listed) ``page``."""
        if page.first_published_at is None:
            return 1
        before = self.items().filter(first_published_at__lt=page.first_published_at).count()
        return before // self.limit + 1


def news_items(service, now: datetime | None = None) -> list[dict[str, Any]]:
    """The service's articles of the last 48 hours, newest first, for Google News."""
    since = (now or timezone.now()) - NEWS_WINDOW
    articles = service.articles().filter(first_published_at__gte=since)[:NEWS_LIMIT]
    return [
        {
            "location": absolute(article.url),
            "published": article.first_published_at,
            "title": article.title,
        }
        for article in articles.only("url_path", "title", "first_published_at")
    ]
