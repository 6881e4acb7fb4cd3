"""Mirrors in several object-store buckets at once, kept by the worker (moto's S3 server)."""

from __future__ import annotations

import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from kolokol.config import MirrorBucket
from kolokol.publishing import mirrorbuckets
from kolokol.publishing.following import Follower
from kolokol.publishing.models import MirrorStatus
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def buckets(s3_server, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "kolokol-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "moto-accepts-anything")
    settings.KOLOKOL_STORE_S3_ENDPOINT_URL = s3_server
    settings.KOLOKOL_STORE_S3_REGION = "us-east-1"
    mirrorbuckets._client.cache_clear()
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    names = [f"mirror-{uuid.uuid4().hex[:10]}" for _ in range(2)]
    client.create_bucket(Bucket=names[0])
    mirrors = [
        MirrorBucket(names[0], "", "https://a.example/", tmp_path / "a"),
        # The second bucket does not exist yet: its provider is "away".
        MirrorBucket(names[1], "news", "https://b.example/", tmp_path / "b"),
    ]
    settings.KOLOKOL_MIRROR_BUCKETS = mirrors
    yield client, mirrors
    mirrorbuckets._client.cache_clear()


def body(client, bucket, key) -> str | None:
    try:
        return client.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    except ClientError:
        return None


def test_each_bucket_gets_the_mirror_under_its_own_address_and_catches_up(buckets):
    client, (first, second) = buckets
    factories.wagtail_tree()
    home = factories.service("en")
    story = factories.article(home, title="Tide tables")
    follower = Follower([(m.folder, m.url) for m in (first, second)], every=0, say=lambda _: None)
    follower.tick()

    page = body(client, first.bucket, story.url.strip("/") + "/index.html")
    assert "Tide tables" in page and "https://a.example/en/" in page
    stored = client.head_object(Bucket=first.bucket, Key="en/index.html")
    assert stored["ContentType"].startswith("text/html")
    # The second bucket was away: its export failed and says so, nothing lost.
    away = MirrorStatus.objects.get(directory=str(second.folder))
    assert not away.ok and "NoSuchBucket" in away.message
    assert (second.folder / mirrorbuckets.PENDING).exists()

    client.create_bucket(Bucket=second.bucket)  # it is back
    fresh = factories.article(home, title="Ferry timetable changes")
    follower.tick()
    assert MirrorStatus.objects.get(directory=str(second.folder)).ok
    for relative in (story.url, fresh.url, "/en/"):
        page = body(client, second.bucket, "news" + relative + "index.html")
        assert page and "https://b.example/en/" in page, relative
    assert not (second.folder / mirrorbuckets.PENDING).exists()

    # Withdrawn: gone from every bucket at the next export.
    fresh.unpublish()
    follower.tick()
    assert body(client, first.bucket, fresh.url.strip("/") + "/index.html") is None
    assert body(client, second.bucket, "news" + fresh.url + "index.html") is None
    assert "Ferry timetable changes" not in body(client, first.bucket, "en/index.html")
