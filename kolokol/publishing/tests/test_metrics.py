"""/metrics: who may scrape it, and what real requests, renders and tasks put in it."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from prometheus_client.parser import text_string_to_metric_families

from kolokol.publishing import metrics, tasks
from kolokol.publishing.fastpath import DYNAMIC_PREFIXES
from kolokol.publishing.store import DiskStore
from kolokol.publishing.wsgi import StoreFront
from kolokol.testing import factories, servers

pytestmark = pytest.mark.django_db

TOKEN = "a-scraper-token-of-some-length"  # noqa: S105 (a test's own token)


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """Every sample of an exposition, by name and labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[sample.name, tuple(sorted(sample.labels.items()))] = sample.value
    return found


def value(text: str, name: str, **labels) -> float:
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


def scrape() -> str:
    return metrics.exposition().decode()


@pytest.fixture
def front():
    """The real store front before Django's WSGI handler, as kolokol.wsgi makes it."""
    return StoreFront(WSGIHandler())


def call(app, path, **extra):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
    setup_testing_defaults(environ)
    environ["REMOTE_ADDR"] = "127.0.0.1"
    environ.update(extra)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    # As Django's test client does: the test's database connection stays open.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = b"".join(app(environ, start_response))
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return seen["status"], seen["headers"], body


def test_without_a_token_only_this_machine_may_scrape(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-cache" in response["Cache-Control"]
    # Through nginx on this machine (it connects from loopback, with forwarding headers).
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 404
    assert client.get("/metrics", HTTP_X_FORWARDED_PROTO="https").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="198.51.100.7").status_code == 404
    assert client.post("/metrics").status_code == 405


def test_with_a_token_only_its_bearer_may_scrape(client, settings):
    settings.KOLOKOL_METRICS_TOKEN = TOKEN
    refused = client.get("/metrics")
    assert refused.status_code == 401 and refused["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    answered = client.get(
        "/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", REMOTE_ADDR="198.51.100.7"
    )
    assert answered.status_code == 200
    assert answered["Content-Type"].startswith("text/plain; version=")


def test_metrics_are_never_stored(client, rendered_store, front):
    assert "/metrics".startswith(DYNAMIC_PREFIXES)
    assert client.get("/metrics").status_code == 200
    assert rendered_store.get("/metrics") is None
    status, headers, _ = call(front, "/metrics")
    assert status.startswith("200") and "X-Kolokol-Store" not in headers


def test_store_front_hits_and_misses_are_counted(rendered_store, front):
    rendered_store.put("/ru/gorod/most/", "<!doctype html><p>Мост</p>".encode())
    app = front
    before = scrape()
    for _ in range(3):
        status, headers, _ = call(app, "/ru/gorod/most/")
        assert status == "200 OK" and headers["X-Kolokol-Store"] == "hit"
    status, _, _ = call(app, "/ru/gorod/most/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status.startswith("304")
    assert call(app, "/healthz")[0].startswith("200")
    assert call(app, "/no-such-service/")[0].startswith("404")
    # Scraped through the same front, as Prometheus would.
    status, headers, body = call(app, "/metrics")
    assert status.startswith("200")
    after = body.decode()

    def grew(**labels) -> float:
        name = "kolokol_http_requests_total"
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew(status="2xx", store="hit") == 3
    assert grew(status="3xx", store="hit") == 1
    assert grew(status="2xx", store="miss") == 1  # /healthz (the scrape counts once it is done)
    assert grew(status="4xx", store="miss") == 1


def test_renders_and_publish_to_live_are_measured(rendered_store, client):
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Measured report")
    before = scrape()
    tasks.refresh_pages.call(urls=[article.url], since=time.time())
    assert client.get(home.url).status_code == 200  # a miss, rendered on the reader's time
    after = scrape()

    def grew(name, **labels) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("kolokol_publish_to_live_seconds_count", service="en") == 1
    assert grew("kolokol_publish_to_live_seconds_sum", service="en") > 0
    assert grew("kolokol_render_seconds_count", by="publisher") == 1
    assert grew("kolokol_render_seconds_count", by="reader") == 1


def test_the_task_queue_is_read_from_the_database(database_tasks):
    tasks.refresh_files.enqueue(urls=["/robots.txt"], since=time.time())
    text = scrape()
    assert value(text, "kolokol_tasks", state="queued") == 1
    assert value(text, "kolokol_tasks", state="running") == 0
    assert value(text, "kolokol_tasks", state="failed") == 0


def test_files_of_processes_gone_are_cleaned(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603 (a process that ends)
    gone.wait()
    dead = tmp_path / f"counter_{gone.pid}.db"
    alive = tmp_path / f"histogram_{os.getpid()}.db"
    dead.write_bytes(b"")
    alive.write_bytes(b"")
    assert metrics.clean(tmp_path) == 1
    assert not dead.exists() and alive.exists()


def test_a_real_server_adds_up_its_processes(tmp_path, migrated_database):
    """kolokol serve with two granian workers: one scrape counts both, behind the token."""
    servers.copy_database(migrated_database, tmp_path)
    DiskStore(tmp_path / "store").put("/ru/gorod/most/", "<!doctype html><p>Мост</p>".encode())
    (tmp_path / "metrics").mkdir(mode=0o700)
    stale = tmp_path / "metrics" / "counter_4194999.db"  # above any pid Linux hands out
    stale.write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"KOLOKOL_DATA_DIR": str(tmp_path), "KOLOKOL_METRICS_TOKEN": TOKEN})
    server, base = servers.serve(env, workers=2, worker=False)
    try:
        assert not stale.exists()

        def read(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310 (our server)
                return response.headers["X-Kolokol-Store"] or ""

        # Readers at once, so that both of granian's processes take some
        # (one process alone may win every connection of readers one by one);
        # then misses, each of which also settles its process's hits.
        hits = 0
        with ThreadPoolExecutor(8) as readers:
            for _ in range(30):
                assert set(readers.map(read, ["/ru/gorod/most/"] * 16)) == {"hit"}
                hits += 16
                list(readers.map(read, ["/healthz"] * 16))
                if len(list((tmp_path / "metrics").glob("counter_*.db"))) == 2:
                    break
            # Misses enough that each process surely settles its last hits.
            list(readers.map(read, ["/healthz"] * 64))
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/metrics", timeout=10)  # noqa: S310 (our server)
        refused.value.close()  # an open connection would hold up granian's shutdown
        assert refused.value.code == 401
        request = urllib.request.Request(  # noqa: S310 (our server)
            base + "/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our server)
            text = response.read().decode()
    finally:
        servers.stop(server)
    assert value(text, "kolokol_http_requests_total", status="2xx", store="hit") == hits
    assert value(text, "kolokol_http_requests_total", status="2xx", store="miss") >= 16
    # Both of granian's processes wrote their counts; the scrape added them up.
    assert len(list((tmp_path / "metrics").glob("counter_*.db"))) == 2
