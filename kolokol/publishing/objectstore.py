"""A shared copy of the rendered store in an S3-compatible bucket, when configured.

With several app servers behind a CDN, each server's disk store is its own:
the bucket is the one copy they share, and the CDN (or the object store's
website hosting) serves readers from it. Every app process still writes its
local store exactly as before (its fast path and nginx read that); when
``KOLOKOL_STORE_S3_BUCKET`` is set, :class:`MirroredStore` also sends each
change to the bucket:

- a stored page is uploaded under the same relative path as on disk
  (``ru/gorod/bridge/index.html``, after ``KOLOKOL_STORE_S3_PREFIX``), with
  its Content-Type and charset and the fast path's Cache-Control;
- a deleted page's object is deleted, and so is a page the worker's sweep
  finds stale after a breaking-news change (the bucket must not go on
  showing an expired banner); a purged tree's prefix is emptied.

Only the gzip variant is uploaded, as ``Content-Encoding: gzip``. An object
has one body and the bucket does not negotiate encodings; every browser and
CDN accepts gzip, while browsers offer brotli only over HTTPS (a reader on a
plain-HTTP mirror or a CDN fetching the origin without it would get bytes
they cannot read). A CDN that wants brotli at the edge can recompress.

Object storage being slow or down must not hold up an editor's publish or
a reader's page: the uploads run on one background thread of their own, in
order (a delete queued after an upload of the same page wins), with short
connect timeouts and one retry. A failure is logged (the object's key and
botocore's message, never credentials) and the queue goes on; past
:data:`MAX_QUEUED` waiting operations new ones are dropped with a warning.
``kolokol rerender`` uploads every page again, which repairs the bucket
after an outage.

A bucket cannot add the security headers nginx adds to stored pages, nor
render a page it lacks: the CDN adds the headers and falls back to the app
servers on a miss (deploy/README.md).

The bucket is written through django-storages' S3 backend, configured here
for this bucket alone (Django's default storage is untouched). Credentials
come from boto3's usual sources: ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` in the environment, or an instance role.
"""

from __future__ import annotations

import gzip
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from django.conf import settings
from django.core.files.base import ContentFile
from storages.backends.s3 import S3Storage

from kolokol.publishing.fastpath import CACHE_CONTROL
from kolokol.publishing.store import CONTENT_TYPES, DiskStore

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 2  # seconds; a bucket that cannot be reached fails fast
READ_TIMEOUT = 10
MAX_QUEUED = 10_000  # operations; beyond this the bucket is clearly not keeping up

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kolokol-bucket")
_queued: list[Future] = []
_lock = threading.Lock()


class PageBucket(S3Storage):
    """django-storages' S3 backend, writing stored pages with the headers readers need."""

    def get_object_parameters(self, name: str) -> dict[str, str]:
        content_type = CONTENT_TYPES.get(PurePosixPath(name).suffix, "application/octet-stream")
        return {
            "ContentType": content_type,
            "ContentEncoding": "gzip",
            "CacheControl": CACHE_CONTROL,
        }

    def key(self, relative: str) -> str:
        return f"{self.location}/{relative}" if self.location else relative

    def upload(self, relative: str, body: bytes) -> None:
        # mtime=0: the same page gives the same bytes (and ETag) each time.
        self.save(relative, ContentFile(gzip.compress(body, 9, mtime=0)))

    def delete_prefix(self, relative: str) -> None:
        """Delete every object whose key starts with ``relative`` (a folder ending in /)."""
        self.bucket.objects.filter(Prefix=self.key(relative)).delete()


def bucket_from_settings() -> PageBucket:
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


class MirroredStore(DiskStore):
    """The local disk store, with every change also sent to a bucket in the background."""

    def __init__(self, root: Path, bucket: PageBucket) -> None:
        super().__init__(root)
        self.bucket = bucket

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def put(
        self, url_path: str, body: bytes, *, mtime: float | None = None, if_newer: bool = False
    ) -> Path | None:
        target = super().put(url_path, body, mtime=mtime, if_newer=if_newer)
        if target is None:
            return None
        relative = self._relative(target)
        _submit(f"uploading {relative}", self.bucket.upload, relative, body)
        return target

    def delete(self, url_path: str, *, seen_gone_at: float | None = None) -> bool:
        if not super().delete(url_path, seen_gone_at=seen_gone_at):
            return False
        relative = self._relative(self.file_for(url_path))
        _submit(f"deleting {relative}", self.bucket.delete, relative)
        return True

    def discard(self, target: Path) -> None:
        super().discard(target)
        relative = self._relative(target)
        _submit(f"deleting {relative}", self.bucket.delete, relative)

    def delete_tree(self, url_path: str, *, before: float | None = None) -> None:
        # The bucket's copy goes whole: other servers' uploads under it are
        # as old, and whatever is asked for again is rendered and uploaded.
        super().delete_tree(url_path, before=before)
        directory = self._relative(self.file_for(url_path).parent)
        prefix = "" if directory == "." else f"{directory}/"
        _submit(f"deleting {prefix or 'everything'}", self.bucket.delete_prefix, prefix)


def _submit(what: str, job: Callable[..., object], *args: object) -> None:
    with _lock:
        if len(_queued) >= MAX_QUEUED:
            logger.warning(
                "object storage: %d operations waiting, skipped %s "
                "(`kolokol rerender` uploads every page again)",
                len(_queued),
                what,
            )
            return
        try:
            future = _executor.submit(_run, what, job, *args)
        except RuntimeError:  # the interpreter is shutting down
            future = None
        else:
            _queued.append(future)
    if future is None:
        _run(what, job, *args)
    else:
        future.add_done_callback(_done)


def _run(what: str, job: Callable[..., object], *args: object) -> None:
    try:
        job(*args)
    except Exception as exc:
        # botocore's messages name the operation and URL, never the keys; no
        # traceback, whose frames could.
        logger.error("object storage: %s failed: %s: %s", what, type(exc).__name__, exc)


def _done(future: Future) -> None:
    with _lock:
        if future in _queued:
            _queued.remove(future)


def wait(timeout: float = 30) -> None:
    """Block until the queued bucket operations are done (tests, commands)."""
    with _lock:
        queued = list(_queued)
    for future in queued:
        future.result(timeout=timeout)
