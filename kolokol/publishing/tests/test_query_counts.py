"""Rendering costs the same number of queries however large the archive grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_query_counts_do_not_grow_with_the_archive(client):
    home = factories.service("en")
    section = factories.section(home, "Port", "port")
    writer = factories.author(home, "Ines Moor")
    first = add_articles(home, section, writer, 3)
    pages = {
        "article": first[0].url,
        "section": section.url,
        "home": home.url,
        "topic": "/en/topics/harbour/",
        "topics": "/en/topics/",
        "author": writer.url,
    }
    small = {name: queries(client, url) for name, url in pages.items()}
    add_articles(home, section, writer, 40)
    large = {name: queries(client, url) for name, url in pages.items()}
    # Teasers' image renditions come from the cache after the first view, so
    # a listing of three and a listing of twenty cost the same.
    assert large == small, (small, large)
