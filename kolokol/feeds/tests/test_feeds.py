"""The feeds readers' apps fetch: parsed as a feed reader parses them."""

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import jsonschema
import pytest
from django.conf import settings

from kolokol.articles.models import ArticlePage
from kolokol.core import clock
from kolokol.sections.models import TopicIndexPage
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text())
RSS_DATE = re.compile(r"^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
ATOM_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"


def xml(body: bytes):
    # Our own feed, rendered in this test: nothing untrusted to defuse.
    return ElementTree.fromstring(body)  # noqa: S314


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def parsed(client, url):
    feed = feedparser.parse(fetch(client, url).content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


def json_feed(client, url):
    response = fetch(client, url)
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = json.loads(response.content)
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    return document


@pytest.fixture
def newsroom():
    """A Russian service with a section, two writers, a topic and a pictured article."""
    home = factories.service("ru", tagline="Новости без цензуры")
    politics = factories.section(home, "Политика", "politics")
    anna = factories.author(home, "Анна Петрова")
    boris = factories.author(home, "Борис Иванов")
    older = factories.article(
        home,
        title="Мост закрыт",
        section_page=politics,
        authors=[anna],
        topics=["мосты"],
        published_hours_ago=3,
    )
    lead = factories.article(
        home,
        title="Мост открыт снова",
        section_page=politics,
        authors=[anna, boris],
        topics=["мосты", "город"],
        lead_image=factories.image(),
        body=factories.FULL_BODY_EN,
    )
    return {"home": home, "politics": politics, "anna": anna, "lead": lead, "older": older}


def listing_urls(newsroom):
    return [
        newsroom["home"].url,
        newsroom["politics"].url,
        newsroom["anna"].url,
        "/ru/topics/мосты/",
    ]


def test_rss_has_the_channel_and_items_readers_need(client, newsroom):
    for listing in listing_urls(newsroom):
        response = fetch(client, listing + "feed.rss")
        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
        feed = parsed(client, listing + "feed.rss")
        assert feed.version == "rss20"
        assert feed.feed.title and feed.feed.description
        assert feed.feed.link == settings.KOLOKOL_BASE_URL + listing.replace(
            "мосты", "%D0%BC%D0%BE%D1%81%D1%82%D1%8B"
        )
        assert feed.feed.language == "ru"
        assert [entry.title for entry in feed.entries] == ["Мост открыт снова", "Мост закрыт"]
        for entry in feed.entries:
            assert entry.id.startswith("tag:") and entry.guidislink is False
            assert entry.published_parsed
    channel = xml(fetch(client, "/ru/feed.rss").content).find("channel")
    item = channel.find("item")
    # In the service's time zone (Europe/Prague), with its offset.
    assert RSS_DATE.match(item.findtext("pubDate")) and item.findtext("pubDate")[-5:] in {
        "+0100",
        "+0200",
    }
    assert channel.findtext("description") == "Новости без цензуры"


def test_items_carry_standfirst_text_image_authors_and_topics(client, newsroom):
    lead = newsroom["lead"]
    entry = parsed(client, "/ru/feed.rss").entries[0]
    assert entry.link == settings.KOLOKOL_BASE_URL + lead.url
    assert entry.summary == lead.standfirst
    assert "The ferry resumed at dawn" in entry.content[0].value
    assert {tag.term for tag in entry.tags} == {"город", "мосты"}
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert enclosure.href.startswith(settings.KOLOKOL_BASE_URL + "/media/images/")
    assert client.get(enclosure.href.removeprefix(settings.KOLOKOL_BASE_URL)).status_code == 200
    assert entry.media_content[0]["url"] == enclosure.href
    item = xml(fetch(client, "/ru/feed.rss").content).find("channel/item")
    creators = [e.text for e in item.findall("{http://purl.org/dc/elements/1.1/}creator")]
    assert creators == ["Анна Петрова", "Борис Иванов"]

    atom = parsed(client, "/ru/feed.atom")
    first = atom.entries[0]
    assert [author.name for author in first.authors] == ["Анна Петрова", "Борис Иванов"]
    assert first.authors[0].href == settings.KOLOKOL_BASE_URL + newsroom["anna"].url
    assert {t.term for t in first.tags} == {"город", "мосты"}
    assert any(link.rel == "enclosure" for link in first.links)

    document = json_feed(client, "/ru/feed.json")
    item = document["items"][0]
    assert item["image"] == enclosure.href
    assert [a["name"] for a in item["authors"]] == ["Анна Петрова", "Борис Иванов"]
    assert set(item["tags"]) == {"город", "мосты"}
    assert item["summary"] == lead.standfirst and "The ferry resumed" in item["content_html"]


def test_atom_has_ids_titles_and_dates_with_time_zones(client, newsroom):
    for listing in listing_urls(newsroom):
        response = fetch(client, listing + "feed.atom")
        assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
        feed = parsed(client, listing + "feed.atom")
        assert feed.version == "atom10"
        assert feed.feed.id.startswith("tag:") and feed.feed.title and feed.feed.updated
        for entry in feed.entries:
            assert entry.id.startswith("tag:") and entry.title and entry.updated and entry.link
    root = xml(fetch(client, "/ru/feed.atom").content)
    assert ATOM_DATE.match(root.findtext(f"{ATOM}updated"))
    for entry in root.findall(f"{ATOM}entry"):
        assert ATOM_DATE.match(entry.findtext(f"{ATOM}updated"))
        assert ATOM_DATE.match(entry.findtext(f"{ATOM}published"))


def test_json_feeds_follow_the_1_1_specification(client, newsroom):
    for listing in listing_urls(newsroom):
        document = json_feed(client, listing + "feed.json")
        assert document["language"] == "ru"
        assert document["feed_url"].endswith("/feed.json")
        assert [item["title"] for item in document["items"]] == ["Мост открыт снова", "Мост закрыт"]


def test_the_schema_rejects_what_the_specification_forbids():
    """The schema is a real check: an item with no content, or a bad date, fails it."""
    good = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [{"id": "1", "content_text": "x", "date_published": "2026-01-01T10:00:00+01:00"}],
    }
    jsonschema.validate(good, SCHEMA)
    for broken_item in [
        {"id": "1"},
        {"id": "1", "content_text": "x", "date_published": "2026-01-01 10:00"},
    ]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**good, "items": [broken_item]}, SCHEMA)


def test_full_text_follows_the_service_option(client, newsroom):
    root = xml(fetch(client, "/ru/feed.rss").content)
    assert root.find(f"channel/item/{CONTENT_NS}") is not None
    home = newsroom["home"]
    home.feeds_full_text = False
    factories.publish(home)
    root = xml(fetch(client, "/ru/feed.rss").content)
    assert root.findall(f"channel/item/{CONTENT_NS}") == []
    atom = xml(fetch(client, "/ru/feed.atom").content)
    assert atom.findall(f"{ATOM}entry/{ATOM}content") == []
    items = json_feed(client, "/ru/feed.json")["items"]
    assert (
        "content_html" not in items[0] and items[0]["content_text"] == newsroom["lead"].standfirst
    )


def test_a_feed_holds_the_latest_fifty_newest_first(client):
    home = factories.service("en")
    for hours in range(52):
        factories.article(home, title=f"Story {hours:02d}", published_hours_ago=hours + 1)
    titles = [entry.title for entry in parsed(client, "/en/feed.rss").entries]
    assert len(titles) == 50
    assert titles[0] == "Story 00" and titles[-1] == "Story 49"
    assert len(json_feed(client, "/en/feed.json")["items"]) == 50


def test_guids_survive_a_new_headline_and_slug(client, newsroom):
    lead = newsroom["lead"]
    before = parsed(client, "/ru/feed.atom").entries[0].id
    lead.title = "Мост открыт: подробности"
    lead.slug = "bridge-details"
    factories.publish(lead)
    entry = parsed(client, "/ru/feed.atom").entries[0]
    assert entry.title == "Мост открыт: подробности" and entry.link.endswith("/bridge-details/")
    assert entry.id == before


def test_updated_is_the_editors_update_time(client, newsroom):
    from datetime import timedelta

    lead = newsroom["lead"]
    entry = parsed(client, "/ru/feed.atom").entries[0]
    assert entry.updated_parsed == entry.published_parsed
    ArticlePage.objects.filter(pk=lead.pk).update(
        updated_at=lead.first_published_at + timedelta(hours=2)
    )
    clock.bump()  # written behind the publisher's back, which would move it on
    entry = parsed(client, "/ru/feed.atom").entries[0]
    assert entry.updated_parsed > entry.published_parsed


def test_hostile_headlines_give_well_formed_feeds(client):
    home = factories.service("en")
    hostile = 'Ben & Jerry\'s <script>alert("x")</script> ]]> \x07\x1b end'
    factories.article(
        home, title=hostile, standfirst='Less < more & "quotes" \x0b too', topics=["a&b <c>"]
    )
    for name in ("feed.rss", "feed.atom"):
        body = fetch(client, "/en/" + name).content
        xml(body)  # raises on anything malformed
        entry = parsed(client, "/en/" + name).entries[0]
        assert "Ben & Jerry's" in entry.title and "\x07" not in entry.title
        assert "<script>" not in body.decode()
    item = json_feed(client, "/en/feed.json")["items"][0]
    assert item["title"] == 'Ben & Jerry\'s <script>alert("x")</script> ]]>  end'
    assert item["tags"] == ["a&b <c>"]


def test_titles_and_descriptions_are_in_the_service_language(client, newsroom):
    feed = parsed(client, newsroom["anna"].url + "feed.rss").feed
    assert feed.title == "Анна Петрова — Kolokol RU"
    assert feed.description == "Последние статьи автора Анна Петрова"
    assert (
        parsed(client, "/ru/topics/мосты/feed.rss").feed.description
        == "Последние статьи по теме «мосты»"
    )
    english = factories.service("en")
    factories.article(english)
    assert parsed(client, "/en/feed.rss").feed.description == "The latest articles from Kolokol EN"


def test_no_feed_where_there_is_nothing_public(client, newsroom):
    from wagtail.models import PageViewRestriction

    assert client.get("/ru/topics/no-such-topic/feed.rss").status_code == 404
    assert client.get("/ru/topics/feed.rss").status_code == 404  # the index itself
    assert client.get(newsroom["lead"].url + "feed.rss").status_code == 404  # an article
    assert client.get("/feed.rss").status_code == 404  # the portal
    assert client.get("/ru/nowhere/feed.rss").status_code == 404
    PageViewRestriction.objects.create(
        page=newsroom["politics"],
        restriction_type="password",
        password="x",  # noqa: S106 (a test page's password)
    )
    assert client.get("/ru/politics/feed.rss").status_code == 404
    # A topic whose articles all left has no feed.
    newsroom["older"].unpublish()
    newsroom["lead"].unpublish()
    assert client.get("/ru/topics/мосты/feed.atom").status_code == 404
    assert client.get("/ru/feed.atom").status_code == 200


def test_a_correction_reaches_the_feeds_with_its_text_and_time(client, newsroom):
    import calendar
    from datetime import timedelta

    from django.utils import timezone

    from kolokol.corrections.models import ArticleNote

    article = ArticlePage.objects.get(pk=newsroom["lead"].pk)
    noted = timezone.now() + timedelta(minutes=5)
    article.article_notes.add(
        ArticleNote(kind="correction", text="Мост закрыт до пятницы, не до среды.", noted_at=noted)
    )
    factories.publish(article)
    entry = parsed(client, "/ru/feed.atom").entries[0]
    assert entry.link.endswith(article.url)
    assert "Мост закрыт до пятницы, не до среды." in entry.content[0].value
    assert "Исправление" in entry.content[0].value
    # The article's "updated" moved to the note's time, and the feed says so.
    assert abs(calendar.timegm(entry.updated_parsed) - noted.timestamp()) < 1
    item = json_feed(client, "/ru/feed.json")["items"][0]
    assert "Мост закрыт до пятницы" in item["content_html"]


@pytest.mark.parametrize("host", ["other.example.org", "news.example.org:8443", "[::1]:9999"])
def test_a_feed_links_only_to_the_configured_address_whatever_the_host_header(
    client, settings, rendered_store, host
):
    # A feed rendered on a miss is stored for everyone: a Host header chosen
    # by the first client (any allowed name, any port) must not end up in it.
    settings.ALLOWED_HOSTS = ["news.example.org", "other.example.org", "[::1]"]
    settings.KOLOKOL_BASE_URL = "https://news.example.org"
    home = factories.service("ru")
    article = factories.article(
        home, title="Мост", topics=["мосты"], authors=[factories.author(home)]
    )
    topic_index = home.get_children().type(TopicIndexPage).first().specific
    for url in (home.url, article.get_parent().url, topic_index.topic_url(article.tags.first())):
        for name in ("feed.rss", "feed.atom", "feed.json"):
            response = client.get(url + name, HTTP_HOST=host)
            assert response.status_code == 200, url + name
            for stored in (response.content, rendered_store.get(url + name).path.read_bytes()):
                text = stored.decode()
                assert "other.example" not in text and ":8443" not in text and "::1" not in text
                assert "https://news.example.org/" in text
