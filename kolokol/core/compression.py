"""Compress what Django answers: brotli where the client takes it, else gzip.

Stored pages are compressed once, when stored; this covers everything else
(search, the comment form, a 404, a page for a reader with a chosen text
size, a feed on its first request, the API). A reader on a 2G link should
never receive the same page uncompressed because it did not come from disk.

Django's GZipMiddleware does the gzip part, with its defence against
BREACH (random bytes in the gzip header); CSRF tokens are masked afresh on
every response as well, which is what protects them under brotli.
"""

from __future__ import annotations

import re

import brotli
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

# Text that compresses; images, audio and archives are compressed already.
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|xml|rss\+xml|atom\+xml|feed\+json|javascript|manifest\+json)|image/svg\+xml)"
)
SMALLEST = 1024  # below this the headers cost more than compression saves
# Quality 5 compresses a page in about a millisecond, smaller than gzip's
# best; the stored pages get 9-10 once, when stored.
BROTLI_QUALITY = 5
ACCEPTS_BROTLI = re.compile(r"\bbr\b")


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (
            getattr(response, "streaming", False)
            or response.has_header("Content-Encoding")
            or not COMPRESSIBLE.match(response.get("Content-Type", ""))
            or len(response.content) < SMALLEST
        ):
            return response
        if not ACCEPTS_BROTLI.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = "br"
        # The same ETag must not name two different bodies (RFC 9110 8.8.3).
        if etag := response.get("ETag"):
            response["ETag"] = etag if etag.startswith("W/") else "W/" + etag
        return response
