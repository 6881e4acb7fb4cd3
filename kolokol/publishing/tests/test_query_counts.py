"""Rendering costs the same number of queries however large the archive grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kolokol.articles.models import ArticlePage
from kolokol.corrections.models import ArticleNote
from kolokol.services.models import HomePick, ServiceHomePage
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # first view: renditions are generated and cached
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_articles(home, section, writer, count):
    return [
        factories.article(
            home, section_page=section, authors=[writer], topics=["harbour"],
            lead_image=factories.image(size=(640, 360)), published_hours_ago=n + 1,
        )
        for n in range(count)
    ]  # fmt: skip


def add_note(article, text):
    article = ArticlePage.objects.get(pk=article.pk)
    article.article_notes.add(ArticleNote(kind="correction", text=text))
    factories.publish(article)


def curate(home, lead, picks):
    home = ServiceHomePage.objects.get(pk=home.pk)
    home.lead_story = lead
    home.top_picks = [HomePick(article=article) for article in picks]
    factories.publish(home)


def test_query_counts_do_not_grow_with_the_archive(client):
    home = factories.service("en")
    section = factories.section(home, "Port", "port")
    writer = factories.author(home, "Ines Moor")
    first = add_articles(home, section, writer, 3)
    add_note(first[0], "The harbour master's name was misspelt.")
    curate(home, first[1], [first[2], first[0]])
    pages = {
        "article": first[0].url,
        "section": section.url,
        "home": home.url,
        "topic": "/en/topics/harbour/",
        "topics": "/en/topics/",
        "author": writer.url,
        "corrections": "/en/corrections/",
    }
    small = {name: queries(client, url) for name, url in pages.items()}
    for article in add_articles(home, section, writer, 40)[:25]:
        add_note(article, "A date was wrong.")
    large = {name: queries(client, url) for name, url in pages.items()}
    # Teasers' image renditions come from the cache after the first view, so
    # a listing of three and a listing of twenty cost the same.
    assert large == small, (small, large)
    # Four picks cost no more than two: the picks come in one query.
    curate(home, first[1], first[:1] + first[2:] + large_picks(home, 2))
    assert queries(client, home.url) <= small["home"]


def large_picks(home, count):
    return list(
        ArticlePage.objects.live().descendant_of(home).order_by("-first_published_at")[:count]
    )
