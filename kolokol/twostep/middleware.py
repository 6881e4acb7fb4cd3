"""The second step, enforced: a password alone opens nothing an editor can do.

After Wagtail's sign-in form a user with a method (or whose role requires
one) is signed in but not yet verified. Until they are:

- every admin page except the two-step pages and sign-out sends them to
  the code page (or, with no method yet, to the page that adds one), and
- everywhere else (page privacy, documents, original images) they count as
  signed out.

Runs after django-otp's OTPMiddleware, which marks a verified session.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from kolokol.twostep import methods
from kolokol.twostep.models import TwoStepPolicy


def due(request: HttpRequest) -> str:
    """What a signed-in user must do before anything else: "verify" (they have a
    method), "add" (their role requires one and they have none), or ""."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return ""
    if methods.has_method(user):
        return "verify"
    return "add" if TwoStepPolicy.load(request_or_site=request).requires(user) else ""


class TwoStepMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Readers have no session: this costs them nothing.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        step = due(request)
        if not step:
            return self.get_response(request)
        admin = reverse("wagtailadmin_home")
        path = request.path
        if not path.startswith(admin):
            request.user = AnonymousUser()
            return self.get_response(request)
        # The two-step pages themselves, signing out, and what every admin
        # page loads (the icon sprite, translations), which must not answer
        # with a redirect to a page.
        open_paths = (
            reverse("twostep_index"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
        )
        if path.startswith(open_paths):
            return self.get_response(request)
        where = "twostep_verify" if step == "verify" else "twostep_index"
        return HttpResponseRedirect(
            f"{reverse(where)}?{urlencode({'next': request.get_full_path()})}"
        )
