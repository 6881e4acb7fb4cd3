"""Response headers and per-request language for the public site."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from kolokol.core import sitefacts

# The public site loads nothing from anywhere but itself and runs no inline
# script or style. Images may be data: URIs (none are today, but SVG icons
# inlined by the browser for form controls count as such).
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Wagtail's live preview shows the page in a frame of the (same-origin)
# admin; everything else about the policy stays as readers get it.
PREVIEW_CSP = PUBLIC_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
# The admin, signed-in editors only: Wagtail's admin still has inline
# scripts and styles, and its bundled template engine compiles with
# ``new Function`` (upstream work: wagtail/wagtail#7053), so those stay
# allowed; the rest holds as for readers: nothing loaded from or sent to
# another host, no plugins, no framing by other sites, forms post here only.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "object-src 'none'",
        "frame-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# No reader-facing feature needs these; saying so stops embedded content
# (there is none, but belt and braces) from asking.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


def is_admin_path(path: str) -> bool:
    return path.startswith(("/admin/", "/documents/"))


class SecurityHeadersMiddleware:
    """Strict CSP and permissions policy on every public response; the admin's own policy.

    Documents (``/documents/``) keep the headers of Wagtail's document view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            # Wagtail runs a preview through the middleware as a made-up
            # request for the page's public address (``make_preview_request``).
            response.headers.setdefault("Content-Security-Policy", PREVIEW_CSP)
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        elif request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", ADMIN_CSP)
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        elif not is_admin_path(request.path):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ServiceLanguageMiddleware:
    """Start each request in the default language and time zone, end it clean.

    Public pages switch to their service's language when they are served
    (``ServicePageMixin.serve`` in ``kolokol.services.models``). Django keeps the active language
    per thread, so without the reset here one reader's Russian page could
    leave the next request on the same thread in Russian.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        if not request.path_info.startswith(("/admin/", "/healthz", "/readyz")):
            # Wagtail asks for the site on every request; public pages take
            # it from the per-process facts (the admin keeps asking).
            request._wagtail_site = sitefacts.site_for(request)
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()
            timezone.deactivate()
