"""Where the feeds of a page live, for links, re-rendering and mirrors.

Each listing page has its three feeds beside it as files
(``/ru/feed.rss``, ``/ru/politics/feed.atom``,
``/ru/topics/bridges/feed.json``): the rendered store keeps them under
these names and gives each its Content-Type from the suffix, as nginx and
any static server do.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# (file name, MIME type, the format's name for readers)
FORMATS = [
    ("feed.rss", "application/rss+xml", _("RSS")),
    ("feed.atom", "application/atom+xml", _("Atom")),
    ("feed.json", "application/feed+json", _("JSON Feed")),
]


def feed_urls(listing_url: str | None) -> list[str]:
    """The three feed addresses of a listing page's address (``/ru/``)."""
    if not listing_url:
        return []
    return [listing_url + name for name, _type, _label in FORMATS]


def article_feed_urls(article) -> list[str]:
    """Feeds that may list ``article``: its service, section, topics and authors."""
    service = getattr(article, "service", None)
    if service is None:
        return []
    urls = feed_urls(service.url) + feed_urls(article.get_parent().url)
    topic_index = service.topic_index_page()
    if topic_index is not None and hasattr(article, "tags"):
        for tag in article.tags.all():
            urls += feed_urls(topic_index.topic_url(tag))
    for author in article.authors() if hasattr(article, "authors") else []:
        if author.live:
            urls += feed_urls(author.url)
    return urls


def public_feed_urls(service=None) -> list[str]:
    """Every feed of one service or of all: for the full re-render and mirrors."""
    from kolokol.people.models import AuthorPage
    from kolokol.sections.models import SectionPage, TopicIndexPage
    from kolokol.services.models import ServiceHomePage

    urls = []
    for model in (ServiceHomePage, SectionPage, AuthorPage):
        pages = model.objects.live().public()
        if service is not None:
            pages = pages.descendant_of(service, inclusive=True)
        for page in pages:
            urls += feed_urls(page.url)
    indexes = TopicIndexPage.objects.live().public()
    if service is not None:
        indexes = indexes.descendant_of(service)
    for index in indexes:
        for tag in index.topics():
            urls += feed_urls(index.topic_url(tag))
    return urls
