"""Static mirrors in object-store buckets, several at once (``KOLOKOL_MIRROR_BUCKETS``).

Rotating mirror domains are typically buckets behind their own names. Each
bucket mirror is an ordinary followed mirror first (``following``): the
worker exports it incrementally into a folder of its own under the data
folder, which tells exactly which files changed; then those are uploaded
and the ones the export deleted are deleted from the bucket. An upload that
fails leaves the files it did not send in ``.bucket-pending`` beside them,
sent first by the next export, so a bucket that was away catches up
without a full export. The buckets use the store bucket's endpoint and
region (``KOLOKOL_STORE_S3_ENDPOINT_URL``, ``KOLOKOL_STORE_S3_REGION``) and
boto3's usual credentials.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path, PurePosixPath

import boto3
from botocore.config import Config
from django.conf import settings

from kolokol.config import MirrorBucket
from kolokol.publishing.store import CONTENT_TYPES

PENDING = ".bucket-pending"
# Mirrors change within seconds of a publish; readers' caches must not keep
# a page much longer (a withdrawn article must go).
CACHE_CONTROL = "public, max-age=60"
EXTRA_TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".avif": "image/avif",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".epub": "application/epub+zip",
    ".txt": "text/plain",
}


def for_folder(folder: Path) -> MirrorBucket | None:
    return next((m for m in settings.KOLOKOL_MIRROR_BUCKETS if m.folder == Path(folder)), None)


@cache
def _client(endpoint: str, region: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint or None,
        region_name=region or None,
        config=Config(
            connect_timeout=2,
            read_timeout=20,
            retries={"max_attempts": 2, "mode": "standard"},
            s3={"addressing_style": "path" if endpoint else "auto"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )


def client():
    return _client(settings.KOLOKOL_STORE_S3_ENDPOINT_URL, settings.KOLOKOL_STORE_S3_REGION)


def content_type(relative: str) -> str:
    suffix = PurePosixPath(relative).suffix
    return CONTENT_TYPES.get(suffix) or EXTRA_TYPES.get(suffix, "application/octet-stream")


def push(mirror: MirrorBucket, written: list[str], deleted: list[str]) -> tuple[int, int]:
    """Send what the export wrote, delete what it deleted; (uploaded, deleted). Raises on failure."""
    pending_file = mirror.folder / PENDING
    pending = json.loads(pending_file.read_text()) if pending_file.exists() else []
    todo = list(dict.fromkeys([*pending, *written]))
    key = (lambda relative: f"{mirror.prefix}/{relative}") if mirror.prefix else (lambda r: r)
    s3 = client()
    sent = 0
    try:
        for relative in todo:
            path = mirror.folder / relative
            if not path.is_file():
                sent += 1  # deleted again since: the delete below (or a later one) covers it
                continue
            s3.put_object(
                Bucket=mirror.bucket,
                Key=key(relative),
                Body=path.read_bytes(),
                ContentType=content_type(relative),
                CacheControl=CACHE_CONTROL,
            )
            sent += 1
        gone = [{"Key": key(relative)} for relative in deleted]
        for start in range(0, len(gone), 1000):  # S3's most per request
            s3.delete_objects(Bucket=mirror.bucket, Delete={"Objects": gone[start : start + 1000]})
    except Exception:
        # What was not sent waits for the next export; the task fails and says why.
        pending_file.write_text(json.dumps(todo[sent:]))
        raise
    pending_file.unlink(missing_ok=True)
    return sent, len(deleted)
