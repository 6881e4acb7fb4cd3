"""Guessing page passwords and flooding password resets stop after a few tries.

The admin's sign-in is throttled by django-axes (settings.py); these are
the two other doors a script can knock on. Counts are kept in the shared
``limits`` cache (every server and worker sees the same), per client (the
day's keyed hash of its address, never the address) and per target, so a
script rotating through Tor exits is still held to the target's count.
"""

from __future__ import annotations

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views
from wagtail.admin.views.account import PasswordResetView

from kolokol.core.limits import over_limit
from kolokol.core.readers import address_key

WINDOW = 15 * 60  # seconds
PAGE_PASSWORD_TRIES = 10  # wrong page passwords per client
PAGE_PASSWORD_TRIES_PER_PAGE = 100  # from every client together
RESETS = 5  # reset requests per client
RESETS_PER_ADDRESS = 3  # reset mails to one e-mail address


def _full(keys: list[tuple[str, int]]) -> bool:
    return any((caches["limits"].get(key) or 0) >= limit for key, limit in keys)


def _count(keys: list[tuple[str, int]]) -> None:
    for key, limit in keys:
        over_limit(key, limit, WINDOW)


def too_many(request: HttpRequest) -> HttpResponse:
    body = render_to_string(
        "newsroom/too_many.html",
        {"message": _("Too many attempts. Please wait a quarter of an hour and try again.")},
        request=request,
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(WINDOW)
    return response


def page_password(request: HttpRequest, page_view_restriction_id: int, page_id: int):
    """Wagtail's page-password form, refusing a client that guessed wrong too often."""
    keys = [
        (f"pagepass:client:{address_key(request)}", PAGE_PASSWORD_TRIES),
        (f"pagepass:restriction:{page_view_restriction_id}", PAGE_PASSWORD_TRIES_PER_PAGE),
    ]
    if request.method == "POST" and _full(keys):
        return too_many(request)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code != 302:  # the form again: wrong
        _count(keys)
    return response


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, sending few mails per client and per address."""

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()
        keys = [
            (f"reset:client:{address_key(request)}", RESETS),
            (f"reset:email:{email}", RESETS_PER_ADDRESS),
        ]
        if _full(keys):
            return too_many(request)
        _count(keys)
        return super().post(request, *args, **kwargs)
