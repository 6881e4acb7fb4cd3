"""What an editorial event changes: the addresses a page is shown or listed at.

Pure questions to the database; ``kolokol.publishing.publisher`` acts on
the answers.
"""

from __future__ import annotations


def archive_urls(base_url: str, items, article, key: tuple) -> list[str]:
    """The front of a listing, its newest archive page and the one holding ``article``.

    ``key`` names the listing as its pages do (``newest_ids``), so the order
    read here is the one the pages render from.
    """
    from kolokol.core.pages import archive_page_of, newest_ids

    ids = newest_ids(items, key)
    newest = archive_page_of(max(len(ids) - 1, 0))
    if article.pk in ids:
        position = len(ids) - 1 - ids.index(article.pk)
    else:  # withdrawn: where it was
        position = items.filter(first_published_at__lt=article.first_published_at).count()
    # The page before the newest links "newer" to the front or to a page
    # this publish may just have started.
    pages = {newest, max(newest - 1, 1), archive_page_of(position)}
    return [base_url, *(f"{base_url}page/{n}/" for n in sorted(pages))]


def listing_urls(page) -> list[str]:
    """The pages that list or link ``page`` (an article) in its service."""
    from kolokol.articles.models import ArticlePage
    from kolokol.feeds.addresses import article_feed_urls
    from kolokol.republishing.addresses import article_urls as republish_urls
    from kolokol.sections.models import topic_key
    from kolokol.seo.publishing import article_urls
    from kolokol.textedition import addresses as text_edition

    article = page.specific
    service = article.service
    if service is None:
        return []
    section = article.get_parent().specific
    urls = [service.url]
    if not isinstance(article, ArticlePage):
        return [*urls, section.url]
    urls += archive_urls(section.url, section.articles(), article, section.listing_key)
    # Its corrections and updates (or their removal) and its headline show there.
    urls.append(service.corrections_url())
    topic_index = service.topic_index_page()
    if topic_index is not None:
        urls.append(topic_index.url)
        for tag in article.tags.all():
            listed = service.articles().tagged([tag.pk])
            key = topic_key(service, tag.pk)
            urls += archive_urls(topic_index.topic_url(tag), listed, article, key)
    for author in article.authors():
        urls += archive_urls(author.url, author.articles(), article, author.listing_key)
    # The copy for partner sites, or its removal (it answers 404 when not allowed).
    urls += republish_urls(article)
    # The text-only edition: the article's text copy and the headlines.
    text_index = text_edition.index_url(service)
    if text_index:
        urls.append(text_edition.text_url(article.url))
        key = text_edition.listing_key(service)
        urls += archive_urls(text_index, text_edition.articles(service), article, key)
    # A kind of article above this app (a fact-check, a live blog) may be
    # listed or copied elsewhere too: its index, its own feed.
    listed_also = getattr(article, "listed_also", None)
    if listed_also is not None:
        urls += listed_also()
    # So may a kind of section above this app: a program's podcast feed.
    listed_files = getattr(section, "listed_files", None)
    if listed_files is not None:
        urls += listed_files()
    # Machines' copies last: readers' pages are rendered first.
    return urls + article_feed_urls(article) + article_urls(article)


def related_listers(page, service=None) -> list[str]:
    """Articles whose "related" list may show ``page`` (an article that just left).

    ``service``: where it was listed, when not where it is now (a move).

    An article lists the newest few of each topic it shares
    (ArticlePage.related_articles). The one that left was in a topic's window
    if fewer than that many of the topic's articles are newer; then any
    article of the topic may show it, and they are all due.
    """
    from kolokol.articles.models import RELATED_LIMIT, ArticlePage

    article = page.specific
    service = service or getattr(article, "service", None)
    if (
        service is None
        or not isinstance(article, ArticlePage)
        or article.first_published_at is None
    ):
        return []
    urls: list[str] = []
    for tag in article.tags.all():
        listed = service.articles().tagged([tag.pk]).exclude(pk=article.pk)
        newer = listed.filter(first_published_at__gte=article.first_published_at)
        if newer.count() <= RELATED_LIMIT:
            urls += [found.url for found in listed.only("url_path")]
    return list(dict.fromkeys(urls))


def unlisted_trees(page, *, shifted: bool) -> list[str]:
    """Listing pages to drop from the store rather than re-render.

    Topic and author listings the article may just have left (a topic or a
    name taken off) cannot be told from here, so the service's topic and
    author pages go and are rendered again on demand. When an article leaves
    (``shifted``), every archive page after it moves up by one: its
    section's archive goes too.
    """
    from kolokol.people.models import AuthorIndexPage
    from kolokol.republishing.addresses import withdrawn_urls
    from kolokol.textedition import addresses as text_edition

    article = page.specific
    service = getattr(article, "service", None)
    if service is None:
        return []
    trees = []
    topic_index = service.topic_index_page()
    if topic_index is not None:
        trees.append(topic_index.url)
    trees += [index.url for index in AuthorIndexPage.objects.child_of(service).live()]
    # Which archive page of the corrections list holds the article's notes is
    # not known here; those pages go and render again on demand.
    if service.corrections_url():
        trees.append(service.corrections_url() + "page/")
    # The article's text copy, all its parts: how many there are may have changed.
    trees.append(text_copy_tree(article.url))
    # Its partners' page, where republishing is off now: dropped, not rendered to a 404.
    trees += withdrawn_urls(article)
    if shifted:
        trees.append(article.get_parent().url + "page/")
        # The text edition's archive pages after it moved up by one, as the section's.
        text_index = text_edition.index_url(service)
        if text_index:
            trees.append(text_index + "page/")
    return trees


def text_copy_tree(url: str | None) -> str:
    """The text-only edition's copy of the page at ``url`` and its parts, as one tree.

    Made from the address, not the page: a renamed or moved article's copy
    is at its old address, which only the caller still knows.
    """
    from kolokol.textedition.addresses import text_url

    return text_url(url)


def hot_urls(service) -> list[str]:
    """The pages most readers land on: home, sections and the topic index."""
    urls = [service.url, *(section.url for section in service.section_pages())]
    topic_index = service.topic_index_page()
    if topic_index is not None:
        urls.append(topic_index.url)
    return urls
