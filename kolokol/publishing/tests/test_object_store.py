"""The store's shared copy in an S3-compatible bucket (moto's server, for real)."""

import gzip
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from kolokol.conftest import require
from kolokol.publishing import objectstore, publisher, render, sweep
from kolokol.publishing.fastpath import CACHE_CONTROL
from kolokol.publishing.objectstore import MirroredStore
from kolokol.testing import factories
from kolokol.testing.servers import free_port, wait_until_up

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "moto-secret-never-logged"  # noqa: S105 (moto accepts any credentials)


@pytest.fixture(scope="module")
def s3_server():
    """`moto_server` on a free loopback port, for this module's tests."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(endpoint + "/moto-api/", timeout=30)
    except SystemExit as exc:
        server.kill()
        server.wait(timeout=10)
        require(False, f"moto's S3 server did not start: {exc}")
    yield endpoint
    os.killpg(server.pid, 15)
    server.wait(timeout=10)


@pytest.fixture
def credentials(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "kolokol-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)


def configure(settings, endpoint, bucket, prefix="site"):
    settings.KOLOKOL_STORE_S3_BUCKET = bucket
    settings.KOLOKOL_STORE_S3_ENDPOINT_URL = endpoint
    settings.KOLOKOL_STORE_S3_REGION = "us-east-1"
    settings.KOLOKOL_STORE_S3_PREFIX = prefix
    render.store.cache_clear()
    store = render.store()
    assert isinstance(store, MirroredStore)
    return store


@pytest.fixture
def bucket(s3_server, credentials, rendered_store, settings):
    """A new bucket of its own, the store mirrored into it under ``site/``."""
    name = f"kolokol-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    store = configure(settings, s3_server, name)
    yield client, name, store
    publisher.wait()
    render.store.cache_clear()


def fetch(client, bucket, key):
    try:
        return client.get_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchKey":
            return None
        raise


def keys(client, bucket):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"] for page in pages for item in page.get("Contents", ())}


def test_a_published_article_is_uploaded_with_its_headers(bucket):
    client, name, store = bucket
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Bridge reopens to traffic")
    publisher.wait()

    key = "site" + article.url + "index.html"
    uploaded = fetch(client, name, key)
    assert uploaded is not None, sorted(keys(client, name))
    body = gzip.decompress(uploaded["Body"].read())
    assert body == store.get(article.url).path.read_bytes()  # the page readers get locally
    assert "Bridge reopens to traffic" in body.decode()
    assert uploaded["ContentType"] == "text/html; charset=utf-8"
    assert uploaded["ContentEncoding"] == "gzip"
    assert uploaded["CacheControl"] == CACHE_CONTROL
    # The listings that show it went up too.
    home = gzip.decompress(fetch(client, name, "site/en/index.html")["Body"].read())
    assert "Bridge reopens to traffic" in home.decode()


def test_unpublishing_deletes_the_object(bucket):
    client, name, store = bucket
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Ferry strike ends")
    publisher.wait()
    key = "site" + article.url + "index.html"
    assert fetch(client, name, key) is not None

    article.unpublish()
    publisher.wait()
    assert fetch(client, name, key) is None
    assert store.get(article.url) is None
    home = gzip.decompress(fetch(client, name, "site/en/index.html")["Body"].read())
    assert "Ferry strike ends" not in home.decode()


def test_a_service_purge_empties_its_prefix_only(bucket):
    client, name, _store = bucket
    factories.wagtail_tree()
    en = factories.service("en")
    # A service whose slug starts like the other's: the purge must stop at "en/".
    eng = factories.service("en", slug="eng")
    article = factories.article(en, title="Council votes on budget")
    other = factories.article(eng, title="Storm warning")
    publisher.wait()
    article_key = "site" + article.url + "index.html"
    other_key = "site" + other.url + "index.html"
    assert {article_key, other_key} <= keys(client, name)

    # A new section changes the navigation of every page of the service: its
    # whole tree is purged and only the hot pages are rendered again.
    factories.section(en, "Weather", "weather")
    publisher.wait()
    remaining = keys(client, name)
    assert article_key not in remaining
    assert {"site/en/index.html", "site/en/weather/index.html", other_key} <= remaining


def test_the_sweep_takes_pages_without_new_breaking_news_out_of_the_bucket(bucket):
    client, name, store = bucket
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Tide tables")
    publisher.wait()
    key = "site" + article.url + "index.html"
    assert fetch(client, name, key) is not None

    factories.breaking(en, headline="Gale warning")
    publisher.wait()
    sweep.sweep()  # the worker, every second
    publisher.wait()
    assert store.get(article.url) is None
    assert fetch(client, name, key) is None  # the CDN falls back to the app for it
    home = gzip.decompress(fetch(client, name, "site/en/index.html")["Body"].read())
    assert "Gale warning" in home.decode()


def test_publishing_goes_on_when_the_bucket_is_unreachable(
    s3_server, credentials, rendered_store, settings, caplog
):
    configure(settings, f"http://127.0.0.1:{free_port()}", "kolokol-nowhere")
    factories.wagtail_tree()
    en = factories.service("en")
    caplog.set_level(logging.ERROR, logger="kolokol.publishing.objectstore")
    started = time.monotonic()
    article = factories.article(en, title="Power cut in the north")
    publisher.wait()
    elapsed = time.monotonic() - started

    stored = rendered_store.get(article.url)
    assert stored is not None and "Power cut in the north" in stored.path.read_text()
    assert elapsed < 20
    assert f"uploading en{article.url[3:]}index.html failed" in caplog.text
    assert "EndpointConnectionError" in caplog.text
    assert SECRET not in caplog.text
    render.store.cache_clear()


@pytest.fixture
def hanging_endpoint():
    """An address that accepts connections and never answers: object storage stuck."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:  # the timeout, to look at `stop` again
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    # Hang up: what is still queued fails at once instead of timing out.
    stop.set()
    thread.join()
    listener.close()
    for connection in accepted:
        connection.close()


def test_a_stuck_bucket_holds_up_neither_publishing_nor_readers(
    credentials, rendered_store, settings, hanging_endpoint, client
):
    configure(settings, hanging_endpoint, "kolokol-stuck")
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Roads closed by snow")
    # The publish has returned with its pages rendered, while the uploads wait on the bucket.
    assert objectstore._queued
    assert "Roads closed by snow" in rendered_store.get(article.url).path.read_text()

    topics = "/en/topics/"
    rendered_store.discard(rendered_store.file_for(topics))
    started = time.monotonic()
    response = client.get(topics)  # a miss: rendered, stored, queued for the bucket
    assert response.status_code == 200 and "X-Kolokol-Store" not in response
    assert time.monotonic() - started < objectstore.READ_TIMEOUT / 2
    assert rendered_store.get(topics) is not None
