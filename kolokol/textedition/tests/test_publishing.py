"""The text-only edition in the rendered store, behind the store front and in mirrors."""

from io import StringIO
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application

from kolokol.articles.models import ArticlePage
from kolokol.publishing.addresses import public_urls
from kolokol.publishing.wsgi import StoreFront
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def stored_html(store, url):
    stored = store.get(url)
    return stored.path.read_text() if stored else None


def front_get(app, path, **headers):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
    setup_testing_defaults(environ)
    environ.update(headers)
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(response_headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.mark.django_db(transaction=True)
def test_publishing_and_withdrawing_keep_the_stored_edition_in_step(client, rendered_store):
    factories.wagtail_tree()
    home = factories.service("en")
    kept = factories.article(home, title="Lighthouse goes solar", published_hours_ago=3)
    copy = f"/en/text/society/{kept.slug}/"
    for url in ("/en/text/", copy):
        assert client.get(url).status_code == 200
        assert stored_html(rendered_store, url), url

    fresh = factories.article(home, title="Harbour reopens")
    fresh_copy = f"/en/text/society/{fresh.slug}/"
    assert "Harbour reopens" in stored_html(rendered_store, "/en/text/")
    assert "Harbour reopens" in stored_html(rendered_store, fresh_copy)

    # Edited: the stored copy follows.
    draft = ArticlePage.objects.get(pk=kept.pk)
    draft.title = "Lighthouse goes solar at last"
    draft.save_revision().publish()
    assert "Lighthouse goes solar at last" in stored_html(rendered_store, copy)

    # Renamed: the copy at the old address leaves with the article's old address.
    draft = ArticlePage.objects.get(pk=fresh.pk)
    draft.slug = "harbour-reopened"
    draft.save_revision().publish()
    assert rendered_store.get(fresh_copy) is None
    assert client.get(fresh_copy).status_code == 404
    assert "/en/text/society/harbour-reopened/" in stored_html(rendered_store, "/en/text/")

    # Moved to another section: the same.
    news = factories.section(home, "News", "news")
    client.get(copy)
    ArticlePage.objects.get(pk=kept.pk).move(news, pos="last-child")
    assert rendered_store.get(copy) is None

    # Withdrawn: gone from the headlines and from the store.
    moved_copy = f"/en/text/news/{kept.slug}/"
    assert client.get(moved_copy).status_code == 200
    ArticlePage.objects.get(pk=kept.pk).unpublish()
    assert "Lighthouse goes solar" not in stored_html(rendered_store, "/en/text/")
    assert rendered_store.get(moved_copy) is None
    assert client.get(moved_copy).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_save_data_readers_get_the_offer_from_the_store_front(rendered_store):
    """One stored page for everyone, the offer in it: nothing to vary on Save-Data."""
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home)
    app = StoreFront(get_wsgi_application())
    for url in (home.url, article.url):
        front_get(app, url)  # rendered and stored
        status, headers, body = front_get(app, url, HTTP_SAVE_DATA="on")
        assert status.startswith("200")
        assert headers.get("X-Kolokol-Store") == "hit"  # answered before Django
        assert b'<a href="/en/text/">' in body, url
        assert "Save-Data" not in headers.get("Vary", "")
    status, headers, body = front_get(app, "/en/text/", HTTP_SAVE_DATA="on")
    assert status.startswith("200") and article.title.encode() in body
    assert rendered_store.get("/en/text/") is not None


def test_the_full_re_render_and_the_mirror_list_every_text_page():
    home = factories.service("en")
    for n in range(21):
        factories.article(home, title=f"Item {n}", published_hours_ago=30 - n)
    paragraph = "<p>" + "A long sentence about the harbour and its ferry. " * 60 + "</p>"
    long = factories.article(
        home, body=[{"type": "paragraph", "value": paragraph} for _ in range(40)]
    )
    urls = public_urls(home)
    base = f"/en/text/society/{long.slug}/"
    assert {"/en/text/", "/en/text/page/1/", "/en/text/page/2/", base, f"{base}2/"} <= set(urls)
    assert "/en/text/" in public_urls()


def test_a_mirror_holds_the_edition_and_drops_withdrawn_copies(tmp_path):
    home = factories.service("en")
    kept = factories.article(home, title="Ferry returns")
    gone = factories.article(home, title="Tunnel closes")
    folder = tmp_path / "mirror"
    call_command("export", str(folder), stdout=StringIO(), stderr=StringIO())
    index = (folder / "en/text/index.html").read_text()
    assert "Ferry returns" in index and "Tunnel closes" in index
    assert "Ferry returns" in (folder / f"en/text/society/{kept.slug}/index.html").read_text()
    assert (folder / "static/textedition/text.css").exists()

    ArticlePage.objects.get(pk=gone.pk).unpublish()
    call_command("export", str(folder), "--incremental", stdout=StringIO(), stderr=StringIO())
    assert "Tunnel closes" not in (folder / "en/text/index.html").read_text()
    assert not (folder / f"en/text/society/{gone.slug}/index.html").exists()
