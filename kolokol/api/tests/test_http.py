"""HTTP behaviour of the API: validators and 304s, HEAD, CORS, rate limits, query counts."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import PageLogEntry

from kolokol.api import throttling
from kolokol.core import readers
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def age_the_log() -> None:
    """Move every logged change an hour back, so the next one is clearly later."""
    for entry in PageLogEntry.objects.all():
        PageLogEntry.objects.filter(pk=entry.pk).update(
            timestamp=entry.timestamp - timedelta(hours=1)
        )


def test_etag_last_modified_and_304_on_lists_and_details(client):
    home = factories.service("en")
    first = factories.article(home, title="First")
    age_the_log()

    response = client.get(LIST)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=60"

    unchanged = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert client.get(LIST, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    detail = client.get(f"/api/v1/articles/{first.pk}/")
    assert (
        client.get(f"/api/v1/articles/{first.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code
        == 304
    )

    # A new article changes the list: both validators say so.
    factories.article(home, title="Second")
    changed = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert client.get(LIST, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200
    assert [a["headline"] for a in changed.json()["results"]] == ["Second", "First"]

    # So does one leaving it, though no remaining article changed.
    age_the_log()
    before = client.get(LIST)
    first.unpublish()
    after = client.get(LIST, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert [a["headline"] for a in after.json()["results"]] == ["Second"]
    gone = client.get(LIST, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert gone.status_code == 200


def test_last_modified_is_the_latest_logged_change(client):
    home = factories.service("en")
    factories.article(home)
    age_the_log()
    latest = PageLogEntry.objects.latest("timestamp").timestamp
    response = client.get("/api/v1/services/")
    assert response["Last-Modified"] == http_date(latest.timestamp())
    earlier = http_date((latest - timedelta(minutes=1)).timestamp())
    assert client.get("/api/v1/services/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_head_answers_headers_without_a_body(client):
    factories.article(factories.service("en"))
    get = client.get(LIST)
    head = client.head(LIST)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def test_cors_for_reads_only(client):
    factories.article(factories.service("en"))
    origin = {"HTTP_ORIGIN": "https://partner.example"}

    response = client.get(LIST, **origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]

    preflight = client.options(
        LIST,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        **origin,
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]

    assert client.head(LIST, **origin)["Access-Control-Allow-Origin"] == "*"
    # Writing is not offered to other sites, and the rest of the site is not shared.
    post = client.post(LIST, **origin)
    assert post.status_code == 405 and "Access-Control-Allow-Origin" not in post
    assert "Access-Control-Allow-Origin" not in client.get("/en/", **origin)


def cached_keys() -> list[str]:
    """Every key in the limits cache (as given to get), from Redis or the database."""
    limits = caches["limits"]
    if hasattr(limits, "keys"):  # django-redis
        return list(limits.keys("*"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM kolokol_limits")
        return [key.split(":", 2)[2] for (key,) in cursor.fetchall()]  # stored as ":1:key"


def test_rate_limit_answers_429_then_recovers_and_keeps_no_address(client, settings):
    factories.article(factories.service("en"))
    settings.KOLOKOL_API_RATE = "2/3s"
    address = "203.0.113.77"

    assert client.get(LIST, REMOTE_ADDR=address).status_code == 200
    assert client.get(LIST, REMOTE_ADDR=address).status_code == 200
    limited = client.get(LIST, REMOTE_ADDR=address, HTTP_ORIGIN="https://partner.example")
    assert limited.status_code == 429
    assert limited.json() == {"detail": "Too many requests. Please wait before asking again."}
    wait = int(limited["Retry-After"])
    assert 1 <= wait <= 3
    assert limited["Access-Control-Allow-Origin"] == "*"  # a browser client can read why

    # Another client is not held back by the first.
    assert client.get(LIST, REMOTE_ADDR="198.51.100.5").status_code == 200

    keys = cached_keys()
    key = reader_key(address)
    assert any(key in cached for cached in keys)
    assert not any(address in cached for cached in keys)
    limits = caches["limits"]
    assert any(limits.get(cached) for cached in keys if key in cached)
    assert not any(address in str(limits.get(cached)) for cached in keys)

    time.sleep(wait + 0.1)
    assert client.get(LIST, REMOTE_ADDR=address).status_code == 200


def reader_key(address: str) -> str:
    """The API's key for a client at ``address``: the readers' keyed hash every limit uses."""
    return readers.address_key(RequestFactory().get(LIST, REMOTE_ADDR=address))[
        : throttling.KEY_LENGTH
    ]


def test_client_key_is_keyed_and_changes_with_the_daily_salt(settings):
    today = reader_key("203.0.113.77")
    assert today == reader_key("203.0.113.77")
    assert today != reader_key("203.0.113.78")
    settings.SECRET_KEY = "another-secret-" + "x" * 50
    assert reader_key("203.0.113.77") != today
    settings.SECRET_KEY = "yet-another-secret-" + "x" * 50
    before = reader_key("203.0.113.77")
    readers.forget_days_before(timezone.now().date() + timedelta(days=1))
    assert reader_key("203.0.113.77") != before


def test_rate_limit_off_when_empty(client, settings):
    factories.service("en")
    settings.KOLOKOL_API_RATE = ""
    assert all(client.get("/api/v1/services/").status_code == 200 for _ in range(5))


def count_list_queries(client, page_size: int) -> int:
    client.get(LIST, {"page_size": page_size})  # renditions are made on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"page_size": page_size})
    assert len(response.json()["results"]) == page_size
    return len(queries)


def test_list_queries_do_not_grow_with_the_articles(client, django_assert_max_num_queries):
    home = factories.service("en")
    other = factories.section(home, "Science", "science")
    writers = [factories.author(home, f"Writer {n}") for n in range(3)]
    for n in range(20):
        factories.article(
            home,
            section_page=other if n % 2 else None,
            authors=writers[: n % 3 + 1],
            topics=[f"topic-{n % 4}", "all"],
            lead_image=factories.image() if n % 5 == 0 else None,
            published_hours_ago=n + 1,
        )
    few = count_list_queries(client, 3)
    assert count_list_queries(client, 20) == few
    with django_assert_max_num_queries(few):
        response = client.get(LIST, {"page_size": 20})
    assert len(response.json()["results"]) == 20
