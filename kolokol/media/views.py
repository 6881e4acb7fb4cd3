"""Uploaded files as the app serves them: renditions to anyone, originals to editors.

The embedded default has no web server in front, so the app answers
/media/ itself; the shipped nginx config makes the same split.
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.views.static import serve

# Folders under MEDIA_ROOT that readers never get: originals as uploaded
# (before Kolokol cleaned them, a multiple upload waits in uploaded_files),
# and documents, which Wagtail serves through /documents/ with its privacy
# checks.
PRIVATE_FOLDERS = ("original_images", "uploaded_files", "documents")

# A picture needs no script, style or frame; were a file ever taken for a
# page, it could do nothing.
MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"


def _folder(path: str) -> str:
    return posixpath.normpath(path).lstrip("/").split("/", 1)[0]


def public(request: HttpRequest, path: str) -> HttpResponse:
    """A rendition or another public upload; never one of ``PRIVATE_FOLDERS``."""
    if _folder(path) in PRIVATE_FOLDERS:
        raise Http404
    response = ranged(request, path) or serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Accept-Ranges"] = "bytes"
    response["Content-Security-Policy"] = MEDIA_CSP
    # A rendition's name changes with its picture, focal point or format.
    response["Cache-Control"] = "public, max-age=2592000"
    return response


RANGE = re.compile(r"bytes=(\d*)-(\d*)")
CHUNK = 256 * 1024


def ranged(request: HttpRequest, path: str) -> HttpResponse | None:
    """Part of a file, for a ``Range`` request; None for any other request.

    Safari plays no video whose server cannot send parts of it, and every
    browser seeks in audio and video this way. Django's ``serve`` sends whole
    files only; nginx, in production, does this itself.
    """
    wanted = RANGE.fullmatch(request.headers.get("Range", "").strip())
    if wanted is None or request.method not in ("GET", "HEAD"):
        return None
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, posixpath.normpath(path).lstrip("/")))
    except SuspiciousFileOperation:
        raise Http404 from None
    if not full.is_file():
        raise Http404
    size = full.stat().st_size
    first, last = wanted.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    elif last:
        start, end = max(0, size - int(last)), size - 1
    else:
        return None
    if start >= size or start > end:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    length = end - start + 1

    def part():
        with full.open("rb") as handle:
            handle.seek(start)
            left = length
            while left > 0:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    return
                left -= len(chunk)
                yield chunk

    response = StreamingHttpResponse(part(), status=206)
    response["Content-Type"] = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    response["Content-Length"] = str(length)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


def original(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded original, for signed-in editors only (the admin links to it)."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT / "original_images")
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cache-Control"] = "private, no-store"
    return response
