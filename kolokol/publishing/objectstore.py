"""A shared copy of the rendered store in an S3-compatible bucket, when configured.

With several app servers behind a CDN, each server's disk store is its own:
the bucket is the one copy they share, and the CDN (or the object store's
website hosting) serves readers from it. Every server still writes its own
disk store (its fast path and nginx read that); when
``KOLOKOL_STORE_S3_BUCKET`` is set, the publisher's tasks also keep the
bucket (:func:`sync`):

- a page is uploaded under the same relative path as on disk
  (``ru/gorod/bridge/index.html``, after ``KOLOKOL_STORE_S3_PREFIX``), with
  its Content-Type and charset and the fast path's Cache-Control; a page
  that is gone (unpublished, made private) has its object deleted;
- a purged tree loses the objects uploaded before the purge's event, and
  after a breaking-news change each service's pages from before it go (the
  bucket must not go on showing an expired banner).

The bucket's work is part of the durable tasks (``kolokol.publishing.tasks``):
the render task uploads what it rendered, a page a reader's request
rendered on a miss is sent by a task of its own, and what fails is tried
again with growing pauses and shown to administrators as a failed task.
Nothing waits on the bucket in an editor's or a reader's request.

Tasks run in any order on any server, so an upload is never a copy of
whatever bytes a task happened to hold: it is the page as this server
stores it, rendered after the event that asked for it (rendered again
here if this server's copy is older), and when a later publishing event
touched the page while it was being uploaded, it is sent again from a
render after that event. A slow task can therefore never put an
unpublished page back.

Only the gzip variant is uploaded, as ``Content-Encoding: gzip``. An object
has one body and the bucket does not negotiate encodings; every browser and
CDN accepts gzip, while browsers offer brotli only over HTTPS (a reader on a
plain-HTTP mirror or a CDN fetching the origin without it would get bytes
they cannot read). A CDN that wants brotli at the edge can recompress.

A bucket cannot add the security headers nginx adds to stored pages, nor
render a page it lacks: the CDN adds the headers and falls back to the app
servers on a miss (deploy/README.md). ``kolokol rerender`` empties the
bucket's prefix and uploads every page again.

The bucket is written through django-storages' S3 backend, configured here
for this bucket alone (Django's default storage is untouched). Credentials
come from boto3's usual sources: ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` in the environment, or an instance role.
"""

from __future__ import annotations

import gzip
import logging
import time
from collections.abc import Iterable
from functools import cache
from pathlib import PurePosixPath

from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from django.conf import settings
from storages.backends.s3 import S3Storage

from kolokol.publishing.fastpath import CACHE_CONTROL
from kolokol.publishing.render import is_stale, refresh, store
from kolokol.publishing.store import CONTENT_TYPES, UnsafePath

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 2  # seconds; a bucket that cannot be reached fails fast
READ_TIMEOUT = 10
# Times a page is sent again when publishing events keep touching it
# during its upload; past that, the task of the latest event sends it.
RESENDS = 3


class PageBucket(S3Storage):
    """django-storages' S3 backend, writing stored pages with the headers readers need."""

    RENDERED = "rendered"  # object metadata: when the page's render began (Unix time)

    def key(self, relative: str) -> str:
        return f"{self.location}/{relative}" if self.location else relative

    def upload(self, relative: str, body: bytes, rendered: float) -> None:
        self.bucket.put_object(
            Key=self.key(relative),
            # mtime=0: the same page gives the same bytes (and ETag) each time.
            Body=gzip.compress(body, 9, mtime=0),
            ContentType=CONTENT_TYPES.get(
                PurePosixPath(relative).suffix, "application/octet-stream"
            ),
            ContentEncoding="gzip",
            CacheControl=CACHE_CONTROL,
            Metadata={self.RENDERED: f"{rendered:.6f}"},
        )

    def rendered(self, key: str) -> float:
        """When the page in object ``key`` began rendering (0 if it does not say)."""
        try:
            return float(self.bucket.Object(key).metadata.get(self.RENDERED, 0))
        except ValueError:
            return 0.0

    def delete_older(self, relative: str, before: float, *, pages_only: bool = False) -> int:
        """Delete the objects under ``relative`` (a folder ending in /, or "") rendered before ``before``.

        Most providers date objects to the second, so an object dated within
        the second before ``before`` is asked when its render began. One
        uploaded after ``before`` but rendered earlier is the uploading
        task's to send again (``_send``).
        """

        def older(item) -> bool:
            uploaded = item.last_modified.timestamp()  # the upload's second, or exactly
            if uploaded + 1 <= before:
                return True
            return uploaded < before and self.rendered(item.key) < before

        doomed = [
            {"Key": item.key}
            for item in self.bucket.objects.filter(Prefix=self.key(relative))
            if (not pages_only or item.key.endswith("index.html")) and older(item)
        ]
        for start in range(0, len(doomed), 1000):  # S3's most per request
            self.bucket.delete_objects(Delete={"Objects": doomed[start : start + 1000]})
        return len(doomed)


@cache
def bucket() -> PageBucket:
    endpoint = settings.KOLOKOL_STORE_S3_ENDPOINT_URL or None
    return PageBucket(
        bucket_name=settings.KOLOKOL_STORE_S3_BUCKET,
        endpoint_url=endpoint,
        region_name=settings.KOLOKOL_STORE_S3_REGION or None,
        location=settings.KOLOKOL_STORE_S3_PREFIX,
        file_overwrite=True,
        client_config=Config(
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            retries={"max_attempts": 2, "mode": "standard"},
            # Other S3-compatible servers (MinIO, Ceph) expect bucket names in
            # the path; AWS itself picks the right style.
            s3={"addressing_style": "path" if endpoint else "auto"},
            # Checksums only where S3 requires them: several S3-compatible
            # servers reject the newer default ones.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
        # A page is a few dozen kilobytes: one request, no transfer threads.
        transfer_config=TransferConfig(use_threads=False),
    )


class BucketFailed(RuntimeError):
    """Object storage refused or did not answer."""


def _relative(url: str) -> str:
    return store().file_for(url).relative_to(store().root).as_posix()


def _touched_after(url: str, moment: float) -> float | None:
    """The latest publishing event after ``moment`` that names ``url`` or a tree above it."""
    from kolokol.publishing.models import Invalidation

    latest = None
    for at, paths, trees in Invalidation.objects.filter(at__gt=moment).values_list(
        "at", "paths", "trees"
    ):
        if url in paths or any(url.startswith(tree) for tree in trees):
            latest = at if latest is None else max(latest, at)
    return latest


def _send(url: str, since: float) -> None:
    """Make the bucket's object for ``url`` this server's copy, rendered at or after ``since``."""
    try:
        key = _relative(url)
    except UnsafePath:
        return
    for _ in range(RESENDS):
        stored = store().get(url)
        if stored is None or stored.mtime < since or is_stale(url, stored, time.time()):
            # Not here, or older than the event: this server renders it now.
            refresh([url])
            stored = store().get(url)
            if stored is not None and stored.mtime < since:
                stored = None  # refused as already out of date: not for readers
        read_at = time.time() if stored is None else stored.mtime
        try:
            if stored is None:
                bucket().delete(key)
            else:
                bucket().upload(key, stored.path.read_bytes(), stored.mtime)
        except FileNotFoundError:  # purged while we read it: the purge's task sends it
            return
        except Exception as exc:
            # botocore's messages name the operation and URL, never the keys; no
            # traceback, whose frames could.
            what = "deleting" if stored is None else "uploading"
            logger.error("object storage: %s %s failed: %s: %s", what, key, type(exc).__name__, exc)
            raise BucketFailed(key) from exc
        # An event after what was read may have been handled (its object
        # written) before this upload landed: send the page again, rendered
        # after it.
        later = _touched_after(url, read_at)
        if later is None:
            return
        since = later


def sync(
    urls: Iterable[str], since: float, purge: Iterable[str] = (), *, pages_only: bool = False
) -> tuple[list[str], list[str]]:
    """Bring the bucket up to an event of ``since``; what could not be done (urls, trees).

    ``purge`` trees lose what was uploaded before ``since`` (with
    ``pages_only``, readers' pages alone); each of ``urls`` is sent as this
    server stores it, rendered after ``since``.
    """
    unpurged = []
    for tree in purge:
        try:
            folder = _relative(tree).rpartition("/")[0]
        except UnsafePath:
            continue
        prefix = f"{folder}/" if folder else ""
        try:
            bucket().delete_older(prefix, since, pages_only=pages_only)
        except Exception as exc:
            logger.error(
                "object storage: emptying %s failed: %s: %s",
                prefix or "everything",
                type(exc).__name__,
                exc,
            )
            unpurged.append(tree)
    unsent = []
    for url in dict.fromkeys(urls):
        try:
            _send(url, since)
        except BucketFailed:
            unsent.append(url)
    return unsent, unpurged
