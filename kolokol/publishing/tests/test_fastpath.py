"""Readers served from the rendered store."""

import logging

import brotli
import pytest
from django.utils.http import http_date

from kolokol.publishing import render
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(rendered_store):
    home = factories.service("en")
    return factories.article(home, title="Quay lights repaired")


def test_first_view_renders_and_stores_then_the_store_answers(
    client, article, rendered_store, django_assert_num_queries
):
    first = client.get(article.url)
    assert first.status_code == 200 and "X-Kolokol-Store" not in first
    assert rendered_store.get(article.url) is not None
    with django_assert_num_queries(0):  # no database needed: an outage cannot touch it
        second = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert second["X-Kolokol-Store"] == "hit"
    assert second["Content-Encoding"] == "br"
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert "stale-while-revalidate=" in second["Cache-Control"]
    assert "stale-if-error=" in second["Cache-Control"]
    assert "Accept-Encoding" in second["Vary"]
    assert brotli.decompress(second.content) == first.content
    assert second["Content-Security-Policy"].startswith("default-src 'self'")
    assert not second.cookies


def test_conditional_requests_get_304(client, article):
    client.get(article.url)
    stored = client.get(article.url)
    assert stored["Last-Modified"] and stored["ETag"]
    again = client.get(article.url, HTTP_IF_NONE_MATCH=stored["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_unread_parameters_are_ignored_and_editors_bypass_the_store(
    client, article, rendered_store, django_user_model
):
    # A shared link's tracking parameters: rendered once, stored, then served.
    first = client.get(article.url + "?utm_source=x&fbclid=y")
    assert first.status_code == 200 and rendered_store.get(article.url) is not None
    again = client.get(article.url + "?utm_source=other&nocache=1")
    assert again["X-Kolokol-Store"] == "hit"
    assert "stale-if-error=" in again["Cache-Control"]
    # The notice after a comment is the page's own parameter: rendered for the reader.
    noticed = client.get(article.url + "?comment=pending&utm_source=x")
    assert "X-Kolokol-Store" not in noticed
    assert "moderator approves it" in noticed.content.decode()
    rendered_store.delete(article.url)
    user = django_user_model.objects.create_superuser("ed", "ed@example.org", "a-long-pass-phrase")
    verified_login(client, user)
    client.get(article.url)
    assert rendered_store.get(article.url) is None


def test_chosen_text_size_is_applied_to_stored_pages(client, article):
    client.get(article.url)
    client.cookies["textsize"] = "lg"
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="br")
    assert response["X-Kolokol-Store"] == "hit" and response["Content-Encoding"] == "br"
    html = brotli.decompress(response.content).decode()
    assert 'class="ts-lg"' in html
    assert 'data-size="lg" aria-current="true"' in html
    assert 'data-size="md" aria-current' not in html


def test_a_reader_with_a_text_size_does_not_pollute_the_store(client, article, rendered_store):
    client.cookies["textsize"] = "xs"
    client.get(article.url)
    assert rendered_store.get(article.url) is None


def test_search_results_and_errors_are_not_stored(client, article, rendered_store):
    home = article.service
    client.get(home.url + "search/?q=quay")
    client.get(home.url + "no-such-page/")
    assert rendered_store.get(home.url + "search/") is None
    assert rendered_store.get(home.url + "no-such-page/") is None


def test_last_modified_is_the_render_time(client, article, rendered_store):
    client.get(article.url)
    stored = rendered_store.get(article.url)
    assert client.get(article.url)["Last-Modified"] == http_date(stored.mtime)


def test_publisher_renders_of_gone_pages_are_not_logged_but_readers_404s_are(client, caplog):
    factories.service("en")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        # Each publish renders the sitemap page past the last, to drop it if emptied.
        assert render.render("/en/sitemap-2.xml")[0] == 404
        assert client.get("/en/no-such-page/").status_code == 404
    logged = [record.getMessage() for record in caplog.records]
    assert "Not Found: /en/no-such-page/" in logged
    assert not [line for line in logged if "sitemap-2" in line]
