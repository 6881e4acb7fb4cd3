"""Where the text-only edition lives, for its pages, the publisher and mirrors.

A service's edition is at ``/ru/text/``; the text copy of the article at
``/ru/politics/bridge/`` is ``/ru/text/politics/bridge/``, and a long one
continues at ``/ru/text/politics/bridge/2/``. The copy's address is made
from the article's, so an article that leaves an address (unpublished,
renamed, moved) takes its text copy's whole tree with it.
"""

from __future__ import annotations

from kolokol.core.pages import PER_PAGE, archive_page_of, service_slug

TEXT = "text/"


def listing_key(service) -> tuple:
    """The name of the edition's index order (``core.pages.newest_ids``)."""
    return ("textedition", service.pk)


def index_url(service) -> str:
    """The edition's front (``/ru/text/``), "" while the service is outside any site."""
    url = service.url
    return url + TEXT if url else ""


def text_url(article_url: str | None) -> str:
    """The text copy's address of the page at ``article_url`` (a reader's address)."""
    if not article_url or article_url.count("/") < 3:
        return ""  # the portal or a service home: no text copy of their own
    slug = service_slug(article_url)
    rest = article_url.strip("/").split("/", 1)[1]
    return f"/{slug}/{TEXT}{rest}/"


def articles(service):
    """The articles the edition lists: the service's live, public ones, newest first."""
    from kolokol.articles.models import ArticlePage

    return ArticlePage.objects.in_service(service)


def index_urls(service) -> list[str]:
    """The index front and, once it runs past one page, every archive page."""
    front = index_url(service)
    if not front:
        return []
    pages = archive_page_of(max(articles(service).count() - 1, 0), PER_PAGE)
    return [front, *(f"{front}page/{n}/" for n in range(1, pages + 1) if pages > 1)]


def public_urls(service) -> list[str]:
    """Every page of one service's edition: the index and each article in all its parts.

    For the full re-render and mirrors. Addresses come from ``url_path``
    and the stored body's length, as ``publishing.addresses`` does for
    speed on a large archive; only an article long enough to need parts is
    loaded and split as its pages split it.
    """
    from django.db.models import TextField
    from django.db.models.functions import Cast, Length

    from kolokol.textedition.parts import BUDGET, part_count

    front = index_url(service)
    if not front:
        return []
    urls = index_urls(service)
    rows = (
        articles(service)
        .annotate(stored=Length(Cast("body", TextField())))
        .values_list("pk", "url_path", "stored")
    )
    long_ones = []
    for pk, url_path, stored in rows.iterator():
        base = front + url_path[len(service.url_path) :]
        urls.append(base)
        # Characters, not bytes: a Cyrillic or Persian body is twice as long in bytes.
        if stored >= BUDGET // 4:
            long_ones.append((pk, base))
    found = articles(service).filter(pk__in=[pk for pk, _base in long_ones]).in_bulk()
    for pk, base in long_ones:
        urls += [f"{base}{n}/" for n in range(2, part_count(found[pk]) + 1)]
    return urls
