"""Every text answer over 1 KB goes out compressed, whoever the reader is.

The reader with a chosen text size (a cookie) gets the stored page adjusted
by the app; search, the comment form, a 404, a feed on its first request
and the API are rendered each time. On a slow link none of them may arrive
uncompressed.
"""

import gzip

import brotli
import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(rendered_store):
    home = factories.service("ru")
    words = "Мост через реку откроют весной, после ремонта опор. " * 40
    article = factories.article(
        home, title="Мост откроют весной", body=[{"type": "paragraph", "value": f"<p>{words}</p>"}]
    )
    for n in range(3):  # an API answer of some size
        factories.article(home, title=f"Новость {n}")
    return {
        "article": article.url,
        "home": home.url,
        "search": home.url + "search/?q=%D0%BC%D0%BE%D1%81%D1%82",
        "comment form": f"/ru/comments/{article.pk}/",
        "not found": home.url + "no-such-page/",
        "feed": home.url + "feed.rss",
        "api": "/api/v1/articles/",
    }


def readable(response) -> bytes:
    coding = response.get("Content-Encoding")
    if coding == "br":
        return brotli.decompress(response.content)
    assert coding == "gzip", coding
    return gzip.decompress(response.content)


@pytest.mark.parametrize("accept, coding", [("gzip, deflate, br", "br"), ("gzip", "gzip")])
def test_a_text_size_reader_gets_every_answer_compressed(client, pages, accept, coding):
    client.cookies["textsize"] = "lg"
    for name, url in pages.items():
        plain = client.get(url)
        response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
        assert len(plain.content) > 1024, name
        assert response.get("Content-Encoding") == coding, name
        assert "Accept-Encoding" in response["Vary"], name
        assert readable(response) == plain.content or name in {"comment form", "api"}, name
        # Comfortably smaller: what a reader on 2G is waiting for.
        assert len(response.content) < len(plain.content) / 2, name


def test_without_accept_encoding_nothing_is_compressed(client, pages):
    response = client.get(pages["search"])
    assert "Content-Encoding" not in response
    assert "мост" in response.content.decode().lower()
