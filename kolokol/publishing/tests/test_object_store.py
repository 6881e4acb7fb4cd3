"""The store's shared copy in an S3-compatible bucket (moto's server, for real)."""

import gzip
import logging
import socket
import threading
import time
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kolokol.publishing import objectstore, render, sweep
from kolokol.publishing.fastpath import CACHE_CONTROL
from kolokol.publishing.runner import Runner
from kolokol.testing import factories
from kolokol.testing.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "moto-secret-never-logged"  # noqa: S105 (moto accepts any credentials)


@pytest.fixture
def credentials(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "kolokol-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)


def configure(settings, endpoint, bucket, prefix="site"):
    settings.KOLOKOL_STORE_S3_BUCKET = bucket
    settings.KOLOKOL_STORE_S3_ENDPOINT_URL = endpoint
    settings.KOLOKOL_STORE_S3_REGION = "us-east-1"
    settings.KOLOKOL_STORE_S3_PREFIX = prefix
    objectstore.bucket.cache_clear()
    return render.store()


@pytest.fixture(autouse=True)
def _own_bucket():
    yield
    objectstore.bucket.cache_clear()


def run_queued() -> None:
    """Be the worker: run every task that is due, here."""
    runner = Runner()
    while runner.run_one():
        pass


@pytest.fixture
def bucket(s3_server, credentials, rendered_store, settings):
    """A new bucket of its own, the store mirrored into it under ``site/``."""
    name = f"kolokol-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    store = configure(settings, s3_server, name)
    yield client, name, store


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
    key = "site" + article.url + "index.html"
    assert fetch(client, name, key) is not None

    article.unpublish()
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
    article_key = "site" + article.url + "index.html"
    other_key = "site" + other.url + "index.html"
    assert {article_key, other_key} <= keys(client, name)

    # A new section changes the navigation of every page of the service: its
    # whole tree is purged and only the hot pages are rendered again.
    factories.section(en, "Weather", "weather")
    remaining = keys(client, name)
    assert article_key not in remaining
    assert {"site/en/index.html", "site/en/weather/index.html", other_key} <= remaining


def test_the_sweep_takes_pages_without_new_breaking_news_out_of_the_bucket(bucket):
    client, name, store = bucket
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Tide tables")
    key = "site" + article.url + "index.html"
    assert fetch(client, name, key) is not None

    factories.breaking(en, headline="Gale warning")
    sweep.sweep()  # the worker, every second
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
    credentials, rendered_store, settings, hanging_endpoint, client, database_tasks
):
    configure(settings, hanging_endpoint, "kolokol-stuck")
    factories.wagtail_tree()
    en = factories.service("en")
    started = time.monotonic()
    factories.article(en, title="Roads closed by snow")
    assert time.monotonic() - started < objectstore.READ_TIMEOUT / 2
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_pages").exists()

    rendered_store.delete_tree("/")
    started = time.monotonic()
    response = client.get("/en/topics/")  # a miss: rendered, stored, queued for the bucket
    assert response.status_code == 200 and "X-Kolokol-Store" not in response
    assert time.monotonic() - started < objectstore.READ_TIMEOUT / 2
    assert rendered_store.get("/en/topics/") is not None
    sent = DBTaskResult.objects.get(task_path__endswith="sync_bucket")
    assert sent.args_kwargs["kwargs"]["urls"] == ["/en/topics/"]


def test_what_the_bucket_refused_is_sent_again_when_it_is_back(
    bucket, settings, caplog, database_tasks
):
    client, name, _store = bucket
    endpoint = settings.KOLOKOL_STORE_S3_ENDPOINT_URL
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Water back on in the east")
    key = "site" + article.url + "index.html"

    # Object storage is down while a worker renders the publish.
    configure(settings, f"http://127.0.0.1:{free_port()}", name)
    caplog.set_level(logging.WARNING)
    run_queued()
    assert f"uploading en{article.url[3:]}index.html failed" in caplog.text
    retries = DBTaskResult.objects.filter(task_path__endswith="sync_bucket", status="READY")
    assert any(article.url in retry.args_kwargs["kwargs"]["urls"] for retry in retries)
    assert all(retry.run_after > timezone.now() for retry in retries)  # after a pause
    assert fetch(client, name, key) is None

    # It is back by the time the retries are due.
    configure(settings, endpoint, name)
    retries.update(run_after=timezone.now())
    run_queued()
    uploaded = fetch(client, name, key)
    assert uploaded is not None
    assert "Water back on in the east" in gzip.decompress(uploaded["Body"].read()).decode()


def test_a_late_upload_of_an_old_render_does_not_bring_back_a_withdrawn_page(bucket):
    """A task that read a page before it was unpublished sends it after the unpublish's task."""
    client, name, store = bucket
    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Mayor resigns")
    key = "site" + article.url + "index.html"
    old = store.get(article.url)
    body, rendered_at = old.path.read_bytes(), old.mtime

    article.unpublish()  # its task deletes the object
    assert fetch(client, name, key) is None
    # The slow task, on a server whose store has not yet dropped the page.
    store.put(article.url, body, mtime=rendered_at)
    assert objectstore.sync([article.url], since=rendered_at) == ([], [])
    assert fetch(client, name, key) is None
    assert store.get(article.url) is None
