"""Serving a listing page's feed from its address (``/ru/politics/feed.rss``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from taggit.models import Tag
from wagtail.models import Page, Site

from kolokol.core.pages import mark_storable
from kolokol.feeds.feeds import ListingFeed, source_for
from kolokol.feeds.generators import AtomFeed, JsonFeed, RssFeed

GENERATORS = {"feed.rss": RssFeed, "feed.atom": AtomFeed, "feed.json": JsonFeed}


def feed(request: HttpRequest, page_path: str, name: str) -> HttpResponse:
    """The feed ``name`` of the live, public page at ``page_path`` (or of a topic)."""
    from kolokol.sections.models import TopicIndexPage

    site = Site.find_for_request(request)
    if site is None or not page_path:
        raise Http404
    pages = Page.objects.live().public()
    root = site.root_page.url_path
    page = pages.filter(url_path=root + page_path).specific().first()
    topic = None
    if page is None:
        # A topic is not a page: ``topics/<slug>/`` is a route of the index.
        parent_path, _slash, slug = page_path.rstrip("/").rpartition("/")
        page = pages.filter(url_path=f"{root}{parent_path}/").specific().first()
        topic = Tag.objects.filter(slug=slug).first()
        if not isinstance(page, TopicIndexPage) or topic is None:
            raise Http404
    service = getattr(page, "service", None)
    if service is None:
        raise Http404
    # Before the feed's title and description are put into words.
    service.activate(request)
    source = source_for(page, topic)
    if source is None or (topic is not None and not source.articles.exists()):
        raise Http404
    response = ListingFeed(GENERATORS[name])(request, source=source)
    mark_storable(request, response)
    return response
