"""The store front: fresh stored pages answered before Django is entered."""

import time
from wsgiref.util import setup_testing_defaults

import brotli
import pytest

from kolokol.publishing import freshness
from kolokol.publishing.wsgi import StoreFront

pytestmark = pytest.mark.django_db


class Django:
    """Stands in for the Django application behind the front and records calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from django"]


def call(app, path, **extra):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
    setup_testing_defaults(environ)
    environ.update(extra)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def front(rendered_store):
    rendered_store.put("/ru/gorod/most/", "<!doctype html><p>Мост</p>".encode())
    rendered_store.put("/ru/topics/мосты/", "<!doctype html><p>Мосты</p>".encode())
    django = Django()
    return StoreFront(django), django


def test_fresh_page_is_answered_without_django(front):
    app, django = front
    status, headers, body = call(app, "/ru/gorod/most/", HTTP_ACCEPT_ENCODING="br")
    assert status == "200 OK" and django.calls == []
    assert brotli.decompress(body).decode() == "<!doctype html><p>Мост</p>"
    assert headers["Content-Encoding"] == "br"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "stale-if-error" in headers["Cache-Control"]
    # WSGI spells a UTF-8 path in latin-1.
    wsgi_path = "/ru/topics/мосты/".encode().decode("latin-1")
    status, _, body = call(app, wsgi_path)
    assert status == "200 OK" and body.decode() == "<!doctype html><p>Мосты</p>"


def test_conditional_get_is_304(front):
    app, _ = front
    _, headers, _ = call(app, "/ru/gorod/most/")
    status, _, body = call(app, "/ru/gorod/most/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b""


@pytest.mark.parametrize(
    "query",
    ["utm_source=x&fbclid=y", "nocache=1", "utm_medium=social&utm_campaign=%D0%B0", "fbclid"],
)
def test_parameters_no_page_reads_are_answered_from_the_store(front, query):
    app, django = front
    status, headers, body = call(app, "/ru/gorod/most/", QUERY_STRING=query)
    assert status == "200 OK" and django.calls == []
    assert body.decode() == "<!doctype html><p>Мост</p>"
    assert "stale-if-error" in headers["Cache-Control"]


def test_parameters_a_page_reads_reach_django_and_the_others_do_not(front):
    app, django = front
    seen = []
    app.app = lambda environ, start: seen.append(environ["QUERY_STRING"]) or django(environ, start)
    call(app, "/ru/search/", QUERY_STRING="utm_source=x&q=%D0%BC%D0%BE%D1%81%D1%82&page=2")
    call(app, "/ru/gorod/most/", QUERY_STRING="comment=pending&fbclid=y")
    # The API and the admin read parameters of their own: left alone.
    call(app, "/api/v1/articles/", QUERY_STRING="service=ru&cursor=abc")
    assert seen == [
        "q=%D0%BC%D0%BE%D1%81%D1%82&page=2",
        "comment=pending",
        "service=ru&cursor=abc",
    ]


@pytest.mark.parametrize(
    "extra",
    [
        {"QUERY_STRING": "q=1"},
        {"QUERY_STRING": "comment=published"},
        {"HTTP_COOKIE": "textsize=lg"},
        {"REQUEST_METHOD": "POST"},
        {"PATH_INFO": "/ru/missing/"},
        {"PATH_INFO": "/admin/"},
        # Longer than any file name: not stored, and no error from the disk.
        {"PATH_INFO": ("/ru/" + "д" * 200 + "/").encode().decode("latin-1")},
        {"PATH_INFO": "/ru/" + "x" * 300 + "/feed.rss"},
    ],
)
def test_everything_else_goes_to_django(front, extra):
    app, django = front
    status, _, body = call(app, "/ru/gorod/most/", **extra)
    assert body == b"from django" and len(django.calls) == 1


def test_stale_page_goes_to_django(front):
    app, django = front
    freshness.record("ru", [time.time() + 0.0])
    time.sleep(0.01)
    call(app, "/ru/gorod/most/")
    assert django.calls == ["/ru/gorod/most/"]


@pytest.mark.parametrize("path", ["/", "/../", "/.transitions/"])
def test_paths_outside_any_service_do_not_break_the_freshness_check(front, rendered_store, path):
    app, _ = front
    rendered_store.put("/", b"<!doctype html><p>portal</p>")
    freshness.record("ru", [time.time()])
    status, _, _ = call(app, path)
    assert status == "200 OK"  # answered (by the store or Django), no crash


def test_an_address_longer_than_any_file_name_is_not_found(client, rendered_store, caplog):
    from kolokol.testing import factories

    factories.service("ru")
    for path in ("/ru/" + "д" * 200 + "/", "/" + "x" * 300 + "/", "/ru/" + "%D0%B4" * 200 + "/"):
        assert client.get(path).status_code == 404, path
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def test_a_page_purged_between_look_and_read_goes_to_django(front, rendered_store, monkeypatch):
    """A publish (or another server's event) can drop the file after the front found it."""
    app, django = front
    from kolokol.publishing import servicemap

    state = servicemap.state

    def purged_after_the_look(slug):
        # The front has found the file (its stat) and asks the service's
        # state next: the worker purges at that very moment.
        rendered_store.delete_tree("/ru/")
        return state(slug)

    monkeypatch.setattr(servicemap, "state", purged_after_the_look)
    status, _, body = call(app, "/ru/gorod/most/")
    assert status == "200 OK" and body == b"from django"
    assert django.calls == ["/ru/gorod/most/"]
