"""A gallery in the feeds' full text, with full addresses."""

import re
from xml.etree import ElementTree

import feedparser
import pytest
from django.conf import settings

from kolokol.testing import factories

pytestmark = pytest.mark.django_db

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def test_feeds_carry_the_gallery_with_full_addresses(client):
    article = factories.gallery_article()
    rss = client.get("/en/feed.rss").content
    feed = feedparser.parse(rss)
    assert feed.bozo == 0
    [entry] = [e for e in feed.entries if e.title == article.title]
    assert "Photo 2 of 3" in entry.content[0].value and "Photo: Bo Tan" in entry.content[0].value
    # Read as we wrote it (feedparser drops srcset): every address is absolute.
    [content] = [
        item.findtext(CONTENT)
        for item in ElementTree.fromstring(rss).iter("item")  # noqa: S314 (our own feed)
        if item.findtext("title") == article.title
    ]
    sources = re.findall(r'\ssrc="([^"]+)"', content)
    candidates = [
        candidate.strip().split(" ")[0]
        for srcset in re.findall(r'\ssrcset="([^"]+)"', content)
        for candidate in srcset.split(",")
    ]
    assert len(sources) == 3 and len(candidates) > 3
    origin = settings.KOLOKOL_BASE_URL
    assert all(url.startswith(f"{origin}/media/images/") for url in sources + candidates)
    assert "<script>alert" not in content
