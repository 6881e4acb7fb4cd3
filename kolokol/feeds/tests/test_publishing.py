"""Feeds in the rendered store and in static mirrors follow what editors publish."""

import json
from io import StringIO

import feedparser
import pytest
from django.conf import settings
from django.core.management import call_command

from kolokol.publishing.addresses import public_urls
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)

FEEDS = ("feed.rss", "feed.atom", "feed.json")


def stored_titles(store, url):
    stored = store.get(url)
    assert stored is not None, url
    body = stored.path.read_bytes()
    if url.endswith(".json"):
        return [item["title"] for item in json.loads(body)["items"]]
    feed = feedparser.parse(body)
    assert feed.bozo == 0
    return [entry.title for entry in feed.entries]


@pytest.fixture
def newsroom(rendered_store, client):
    """A service whose feeds have all been read once, so the store holds them."""
    factories.wagtail_tree()
    home = factories.service("en")
    science = factories.section(home, "Science", "science")
    writer = factories.author(home, "Ada Quill")
    older = factories.article(
        home,
        title="Older ferry story",
        section_page=science,
        authors=[writer],
        topics=["ferries"],
        published_hours_ago=5,
    )
    listings = [home.url, science.url, writer.url, "/en/topics/ferries/"]
    feeds = [listing + name for listing in listings for name in FEEDS]
    for url in feeds:
        assert client.get(url).status_code == 200, url
        assert rendered_store.get(url) is not None, url
    return {"home": home, "science": science, "writer": writer, "older": older, "feeds": feeds}


def test_stored_feeds_are_served_with_their_content_type(client, newsroom):
    expected = {
        "feed.rss": "application/rss+xml; charset=utf-8",
        "feed.atom": "application/atom+xml; charset=utf-8",
        "feed.json": "application/feed+json; charset=utf-8",
    }
    for url in newsroom["feeds"]:
        response = client.get(url)
        assert response["X-Kolokol-Store"] == "hit"
        assert response["Content-Type"] == expected[url.rsplit("/", 1)[1]]
        compressed = client.get(url, headers={"accept-encoding": "gzip"})
        assert compressed["Content-Encoding"] == "gzip"
        assert compressed["Content-Type"] == response["Content-Type"]


def test_publishing_puts_the_article_in_every_feed_that_lists_it(newsroom, rendered_store):
    factories.article(
        newsroom["home"],
        title="Night ferry returns",
        section_page=newsroom["science"],
        authors=[newsroom["writer"]],
        topics=["ferries"],
    )
    for url in newsroom["feeds"]:
        assert stored_titles(rendered_store, url) == ["Night ferry returns", "Older ferry story"]


def test_a_new_headline_reaches_the_stored_feeds(newsroom, rendered_store):
    article = newsroom["older"]
    article.title = "Ferry story, corrected"
    article.save_revision().publish()
    for url in newsroom["feeds"]:
        assert stored_titles(rendered_store, url) == ["Ferry story, corrected"], url


def test_unpublishing_takes_the_article_out_of_the_stored_feeds(client, newsroom, rendered_store):
    keep = factories.article(newsroom["home"], title="Staying", section_page=newsroom["science"])
    newsroom["older"].unpublish()
    home, science, writer = (newsroom[k].url for k in ("home", "science", "writer"))
    for listing in (home, science):
        for name in FEEDS:
            assert stored_titles(rendered_store, listing + name) == [keep.title]
    for name in FEEDS:
        assert stored_titles(rendered_store, writer + name) == []
        # The topic has no article left: its feed is gone, not empty.
        assert client.get("/en/topics/ferries/" + name).status_code == 404


def test_moving_an_article_moves_it_between_section_feeds(newsroom, rendered_store):
    culture = factories.section(newsroom["home"], "Culture", "culture")
    article = newsroom["older"]
    article.move(culture, pos="last-child")
    for name in FEEDS:
        assert stored_titles(rendered_store, newsroom["science"].url + name) == []
    feed = feedparser.parse(rendered_store.get(newsroom["home"].url + "feed.rss").path.read_bytes())
    assert feed.entries[0].link.endswith("/en/culture/" + article.slug + "/")


def test_rerender_and_public_urls_include_every_feed(newsroom, rendered_store):
    urls = public_urls()
    for url in newsroom["feeds"]:
        assert url in urls
    rendered_store.delete_tree("/")
    call_command("rerender", stdout=StringIO(), stderr=StringIO())
    for url in newsroom["feeds"]:
        assert rendered_store.get(url) is not None, url


def test_a_mirror_holds_the_feeds_pointing_at_the_mirror(tmp_path, newsroom):
    factories.article(newsroom["home"], title="Pictured", lead_image=factories.image())
    folder = tmp_path / "mirror"
    call_command("export", str(folder), stdout=StringIO(), stderr=StringIO())
    rss = (folder / "en/feed.rss").read_bytes()
    assert feedparser.parse(rss).bozo == 0
    # Without the mirror's address the links are relative to wherever the
    # reader fetched the feed: never the blocked origin.
    assert settings.KOLOKOL_BASE_URL.encode() not in rss
    assert b"<link>./</link>" in rss
    assert b"<link>science/" in rss

    other = tmp_path / "elsewhere"
    call_command(
        "export",
        str(other),
        "--base-url",
        "https://mirror.example/news/",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    feed = feedparser.parse((other / "en/feed.rss").read_bytes())
    assert feed.feed.link == "https://mirror.example/news/en/"
    image = feed.entries[0].enclosures[0].href
    assert image.startswith("https://mirror.example/news/media/images/")
    assert (other / image.removeprefix("https://mirror.example/news/")).is_file()
    document = json.loads((other / "en/topics/ferries/feed.json").read_text())
    assert document["items"][0]["url"].startswith("https://mirror.example/news/en/science/")
