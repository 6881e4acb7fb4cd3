"""Feeds of a service, a section, a topic and an author: one Feed, three formats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from kolokol.articles.models import ArticleAuthor, ArticlePage
from kolokol.core import clock
from kolokol.core.links import prefix_links
from kolokol.core.memo import Memo
from kolokol.core.pages import newest_ids
from kolokol.feeds.generators import LeadImage
from kolokol.media import renditions
from kolokol.multimedia import facts

ITEMS = 50
# The rendition the article page itself offers as its JPEG source, so a
# static mirror already holds the file a feed points to.
# The same rendition as the article picture's widest JPEG (kolokol.media.renditions).
LEAD_IMAGE_SPEC = "width-1280|format-jpeg"
# Characters XML 1.0 cannot carry at all (Django's writer refuses them), and
# the two non-characters; an editor's stray paste must not break the feed.
FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_contents: Memo[str] = Memo(2048)
# Each listing's newest fifty, read once for its three formats.
_items: Memo[list] = Memo(32)


def clean(text: str) -> str:
    return FORBIDDEN_IN_XML.sub("", text)


def tag_uri(when, specific: str) -> str:
    """An RFC 4151 tag URI: stable across renames, moves and mirror addresses."""
    host = urlsplit(settings.KOLOKOL_BASE_URL).hostname or "localhost"
    day = when.astimezone(UTC).date().isoformat() if when else "2026-01-01"
    return f"tag:{host},{day}:kolokol/{specific}"


@dataclass
class Source:
    """What one feed lists: a listing page (or a topic of the topic index)."""

    page: Page
    service: Page
    title: str
    description: str
    articles: QuerySet
    topic: Tag | None = None
    # The listing's name for ``newest_ids``, shared with its pages; None
    # where the newest fifty come straight from the publication-time index.
    listing: tuple | None = None

    @property
    def link(self) -> str:
        if self.topic is not None:
            return self.page.topic_url(self.topic)
        return self.page.url

    @property
    def key(self) -> str:
        return f"page-{self.page.pk}" + (f"/topic-{self.topic.pk}" if self.topic else "")


def source_for(page: Page, topic: Tag | None = None) -> Source | None:
    """The feed of ``page`` (specific), or None if such a page has no feed."""
    from kolokol.people.models import AuthorPage
    from kolokol.sections.models import SectionPage, TopicIndexPage, topic_key
    from kolokol.services.models import ServiceHomePage

    service = getattr(page, "service", None)
    if service is None:
        return None
    named = f"{page.title} — {service.title}"
    if isinstance(page, ServiceHomePage) and topic is None:
        description = page.tagline or _("The latest articles from %(service)s") % {
            "service": page.title
        }
        return Source(page, service, page.title, description, page.articles())
    if isinstance(page, SectionPage) and topic is None:
        description = page.intro or _("The latest articles in %(section)s") % {
            "section": page.title
        }
        return Source(page, service, named, description, page.articles(), None, page.listing_key)
    if isinstance(page, AuthorPage) and topic is None:
        description = _("The latest articles by %(author)s") % {"author": page.title}
        return Source(page, service, named, description, page.articles(), None, page.listing_key)
    if isinstance(page, TopicIndexPage) and topic is not None:
        articles = service.articles().tagged([topic.pk])
        return Source(
            page,
            service,
            f"{topic.name} — {service.title}",
            _("The latest articles on %(topic)s") % {"topic": topic.name},
            articles,
            topic,
            topic_key(service, topic.pk),
        )
    return None


class ListingFeed(Feed):
    """The latest articles of one listing, newest first.

    Instantiated per request with the generator of the wanted format.
    Absolute addresses come from the configured address (KOLOKOL_BASE_URL),
    never from the request: a
    feed rendered on a miss is stored and served to everyone, and the Host
    header is the client's to choose (any name in ALLOWED_HOSTS, any port).
    Django's syndication would add the request's host to every relative
    link, so each link is made absolute here.
    """

    def __init__(self, feed_type) -> None:
        self.feed_type = feed_type

    def get_object(self, request: HttpRequest, source: Source) -> Source:
        self.request = request
        # Mirrors too: publishing.mirror.rewrite_feed finds the files a feed
        # names by this address and points them at the mirror's.
        self.origin = settings.KOLOKOL_BASE_URL
        self.full_text = source.service.feeds_full_text
        return source

    def absolute(self, url: str) -> str:
        return iri_to_uri(self.origin + url) if url.startswith("/") else url

    def feed_url(self, source: Source) -> str:
        return self.absolute(self.request.path)

    def title(self, source: Source) -> str:
        return clean(source.title)

    def link(self, source: Source) -> str:
        return self.absolute(source.link)

    def description(self, source: Source) -> str:
        return clean(source.description)

    def feed_guid(self, source: Source) -> str:
        return tag_uri(source.page.first_published_at, f"feed/{source.key}")

    def items(self, source: Source) -> list[ArticlePage]:
        # RSS, Atom and JSON of a listing are rendered one after another on
        # every publish: the same fifty articles (with tags, notes and
        # bylines) are read once per process until the next publish.
        return _items.get((clock.version(), source.key), lambda: (self._items(source), True))

    def _items(self, source: Source) -> list[ArticlePage]:
        bylines = ArticleAuthor.objects.select_related("author").order_by("sort_order")
        articles = source.articles
        if source.listing is not None:
            # A topic's or an author's newest, from the order their pages keep:
            # sorting every article on a common topic took 35 ms per feed.
            newest = newest_ids(articles, source.listing)[:ITEMS]
            articles = ArticlePage.objects.filter(pk__in=newest)
        return list(
            articles.select_related("lead_image", "lead_clip")
            .prefetch_related(
                "tags",
                "article_notes",
                "lead_clip__renditions",
                Prefetch("bylines", queryset=bylines),
            )
            .order_by("-first_published_at")[:ITEMS]
        )

    def item_title(self, article: ArticlePage) -> str:
        return clean(article.title)

    def item_description(self, article: ArticlePage) -> str:
        # RSS descriptions and Atom summaries are read as HTML; the
        # standfirst is plain text.
        return escape(clean(article.standfirst))

    def item_link(self, article: ArticlePage) -> str:
        return self.absolute(article.url)

    def item_guid(self, article: ArticlePage) -> str:
        return tag_uri(article.first_published_at, f"page-{article.pk}")

    def item_guid_is_permalink(self, article: ArticlePage) -> bool:
        return False

    # In the service's time zone (activated with its language), as its pages show them.
    def item_pubdate(self, article: ArticlePage):
        return timezone.localtime(article.first_published_at)

    def item_updateddate(self, article: ArticlePage):
        return timezone.localtime(article.updated_at or article.first_published_at)

    def item_categories(self, article: ArticlePage) -> list[str]:
        return [clean(tag.name) for tag in article.tags.all()]

    def item_enclosures(self, article: ArticlePage) -> list:
        from django.utils.feedgenerator import Enclosure

        # RSS allows one: a video or audio story's file (podcast clients and
        # feed readers play it), else the lead picture.
        clip = article.lead_clip
        file = facts.offered(clip) if clip is not None and clip.ready else None
        if file is not None:
            return [Enclosure(self.absolute(file.url), str(file.size), file.mime_type)]
        image = self.lead_image(article)
        if image is None:
            return []
        return [Enclosure(image.url, str(image.length), image.mime_type)]

    def item_extra_kwargs(self, article: ArticlePage) -> dict[str, Any]:
        authors = [
            (clean(b.author.title), self.absolute(b.author.url) if b.author.live else None)
            for b in article.bylines.all()
        ]
        return {
            "summary_text": clean(article.standfirst),
            "content_html": self.content_html(article) if self.full_text else None,
            "authors": authors,
            "image": self.lead_image(article),
        }

    def lead_image(self, article: ArticlePage) -> LeadImage | None:
        cache = self.__dict__.setdefault("_images", {})
        if article.pk not in cache:
            cache[article.pk] = None
            image = article.lead_image
            if image is not None:

                def file() -> tuple[tuple[str, int, int, int], bool]:
                    rendition = image.get_rendition(LEAD_IMAGE_SPEC)
                    facts = (rendition.url, rendition.file.size, rendition.width, rendition.height)
                    return facts, True

                url, length, width, height = renditions.remembered(
                    image, ("feed", LEAD_IMAGE_SPEC), file
                )
                cache[article.pk] = LeadImage(
                    url=self.absolute(url),
                    length=length,
                    mime_type="image/jpeg",
                    width=width,
                    height=height,
                    alt=clean(article.lead_image.description),
                    credit=clean(article.lead_image.credit),
                )
        return cache[article.pk]

    def content_html(self, article: ArticlePage) -> str:
        # The same article is in its service's, section's, topics' and
        # authors' feeds, each in three formats: rendered once per process
        # until the next publish moves the cache clock on.
        key = (
            clock.version(),
            article.pk,
            article.last_published_at,
            article.updated_at,
            self.origin,
            translation.get_language(),
        )
        return _contents.get(key, lambda: (self._content_html(article), True))

    def _content_html(self, article: ArticlePage) -> str:
        html = render_to_string("feeds/content.html", {"page": article}, self.request)
        # Feed readers show the text away from our site: every link and
        # picture must carry our address.
        return clean(prefix_links(html, self.origin).strip())
