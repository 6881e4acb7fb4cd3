"""Section, topic and author listings."""

import re

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_section_front_shows_the_newest_and_archive_pages_never_shift(client):
    home = factories.service("en")
    section = factories.section(home, "Science", "science")
    for hours in range(25):
        factories.article(
            home, title=f"Finding {hours:02d}", section_page=section, published_hours_ago=hours + 1
        )
    front = client.get(section.url).content.decode()
    assert front.index("Finding 00") < front.index("Finding 01")
    assert "Finding 19" in front and "Finding 20" not in front
    assert "25 articles" in front
    # Archive pages count from the oldest: page 1 is the first twenty ever.
    assert 'href="/en/science/page/1/"' in front
    first = client.get(section.url + "page/1/").content.decode()
    assert "Finding 24" in first and "Finding 05" in first and "Finding 04" not in first
    assert first.index("Finding 05") < first.index("Finding 24")  # newest first within it
    assert 'rel="prev" href="/en/science/page/2/"' in first
    second = client.get(section.url + "page/2/").content.decode()
    assert "Finding 04" in second and "Finding 00" in second
    assert 'rel="prev" href="/en/science/"' in second
    for missing in ("page/3/", "page/0/"):
        assert client.get(section.url + missing).status_code == 404

    # A new story changes the front and the newest archive page, not page 1.
    factories.article(home, title="Finding new", section_page=section, published_hours_ago=0.1)
    assert client.get(section.url + "page/1/").content.decode() == first
    assert "Finding new" in client.get(section.url + "page/2/").content.decode()


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 статья"), (3, "3 статьи"), (5, "5 статей"), (21, "21 статья")]
)
def test_russian_article_counts_use_three_plural_forms(client, count, words):
    home = factories.service("ru")
    section = factories.section(home, "Наука", "nauka")
    for _ in range(count):
        factories.article(home, section_page=section)
    html = client.get(section.url).content.decode()
    assert words in html


def test_topic_page_lists_only_its_service_articles(client):
    ru = factories.service("ru")
    en = factories.service("en")
    factories.article(ru, title="Мост на реке", topics=["bridges"])
    factories.article(en, title="River bridge", topics=["bridges"])
    html = client.get("/en/topics/bridges/").content.decode()
    assert "River bridge" in html and "Мост на реке" not in html
    index = client.get("/en/topics/").content.decode()
    assert 'href="/en/topics/bridges/"' in index and "1 article" in index
    assert client.get("/en/topics/no-such-topic/").status_code == 404


def test_cyrillic_topic_has_a_working_address(client):
    ru = factories.service("ru")
    factories.article(ru, title="Выборы в совет школы", topics=["выборы"])
    response = client.get("/ru/topics/выборы/")
    assert response.status_code == 200
    assert "Выборы в совет школы" in response.content.decode()


def test_author_page_lists_their_articles(client):
    home = factories.service("en")
    writer = factories.author(home, "Nora Vale")
    other = factories.author(home, "Someone Else")
    factories.article(home, title="By Nora", authors=[writer])
    factories.article(home, title="Not by Nora", authors=[other])
    html = client.get(writer.url).content.decode()
    assert "Nora Vale" in html and "By Nora" in html and "Not by Nora" not in html
    index = client.get(writer.get_parent().url).content.decode()
    assert "Nora Vale" in index and "Someone Else" in index


def test_unpublished_article_leaves_every_listing(client):
    home = factories.service("en")
    article = factories.article(home, title="Withdrawn story", topics=["ferries"])
    article.unpublish()
    for url in [home.url, article.get_parent().url, "/en/topics/"]:
        assert "Withdrawn story" not in client.get(url).content.decode()
    assert client.get(article.url).status_code == 404


def test_dates_are_shown_in_the_service_time_zone(client):
    from datetime import UTC, datetime

    from kolokol.articles.models import ArticlePage

    home = factories.service("en", time_zone="Asia/Bishkek")
    article = factories.article(home)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
    )
    html = client.get(article.url).content.decode()
    with translation.override("en"):
        assert "March 2, 2026, 4:30" in html  # UTC+6


def test_a_page_slugged_like_a_route_does_not_hide_the_route(client):
    home = factories.service("en")
    section = factories.section(home, "Ports", "ports")
    for n in range(21):
        factories.article(home, section_page=section, title=f"Dock {n}")
    factories.article(home, section_page=section, title="About page numbers", slug="page")
    assert client.get(section.url + "page/1/").status_code == 200  # the archive, not a 404
    assert "About page numbers" in client.get(section.url + "page/").content.decode()
    factories.section(home, "Search tips", "search")
    assert 'role="search"' in client.get(home.url + "search/").content.decode()


def test_topic_index_counts_only_live_public_articles_of_its_service(client):
    ru = factories.service("ru")
    en = factories.service("en")
    for _ in range(2):
        factories.article(en, topics=["tides", "ferries"])
    factories.article(en, topics=["tides"])
    factories.article(ru, topics=["tides"])
    factories.article(en, topics=["tides"]).unpublish()
    private = factories.article(en, topics=["tides", "secrets"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")  # noqa: S106 (a test fixture, not a secret)
    index = client.get("/en/topics/").content.decode()
    assert re.search(r'href="/en/topics/tides/">tides</a> <span class="count">3 articles', index)
    assert re.search(
        r'href="/en/topics/ferries/">ferries</a> <span class="count">2 articles', index
    )
    assert "secrets" not in index
    assert index.index("ferries") < index.index("tides")  # by name
