"""Feed readers and people find a page's feeds from the page itself."""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


class FeedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.visible, self.in_head = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        # Feeds have a type; hreflang alternates (kolokol.seo) are other pages.
        if tag == "link" and attrs.get("rel") == "alternate" and "type" in attrs and self.in_head:
            self.alternates.append((attrs["type"], attrs["href"], attrs.get("title", "")))
        if tag == "a" and attrs.get("href", "").endswith(("feed.rss", "feed.atom", "feed.json")):
            self.visible.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def feed_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    links = FeedLinks()
    links.feed(response.content.decode())
    return links


def test_listing_pages_announce_their_own_feeds(client):
    home = factories.service("ru")
    writer = factories.author(home, "Анна Петрова")
    article = factories.article(home, authors=[writer], topics=["мосты"])
    section = article.get_parent()
    topic = "/ru/topics/" + quote("мосты") + "/"  # as the topic index links it
    for page_url, feed_base, title in [
        (home.url, home.url, "Kolokol RU"),
        (section.url, section.url, f"{section.title} — Kolokol RU"),
        (section.url + "page/1/", section.url, f"{section.title} — Kolokol RU"),
        (topic, topic, "мосты — Kolokol RU"),
        (writer.url, writer.url, "Анна Петрова — Kolokol RU"),
        # Pages without feeds of their own point to their service's.
        (article.url, home.url, "Kolokol RU"),
        ("/ru/topics/", home.url, "Kolokol RU"),
    ]:
        links = feed_links(client, page_url)
        assert links.alternates == [
            ("application/rss+xml", feed_base + "feed.rss", f"{title} (RSS)"),
            ("application/atom+xml", feed_base + "feed.atom", f"{title} (Atom)"),
            ("application/feed+json", feed_base + "feed.json", f"{title} (JSON Feed)"),
        ], page_url
        assert links.visible == [href for _type, href, _title in links.alternates]
        for mime, href, _title in links.alternates:
            response = client.get(href)
            assert response.status_code == 200, href
            assert response["Content-Type"].startswith(mime)


def test_the_visible_feed_links_speak_the_service_language(client):
    home = factories.service("ru")
    assert "Читать в приложении для лент" in client.get(home.url).content.decode()
    english = factories.service("en")
    assert "Follow in a feed reader" in client.get(english.url).content.decode()


def test_the_portal_announces_no_feed(client):
    factories.service("ru")
    links = feed_links(client, "/")
    assert links.alternates == [] and links.visible == []
