"""Uploaded files as the app serves them: renditions to anyone, originals to editors.

The embedded default has no web server in front, so the app answers
/media/ itself; the shipped nginx config makes the same split.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
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
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = MEDIA_CSP
    # A rendition's name changes with its picture, focal point or format.
    response["Cache-Control"] = "public, max-age=2592000"
    return response


def original(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded original, for signed-in editors only (the admin links to it)."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT / "original_images")
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cache-Control"] = "private, no-store"
    return response
