"""The two-step pages of the admin: the code page after the password, and the
page where a user adds and removes their methods (Account → Two-step verification).

Every page works without JavaScript except making and using a passkey,
which is the browser's own dialog; an authenticator app or a recovery
code always works instead.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token

from kolokol.newsroom.audit import Action, record
from kolokol.twostep import methods, passkeys
from kolokol.twostep.forms import CodeForm
from kolokol.twostep.models import TwoStepPolicy

PENDING_SESSION_ENTRY = "twostep_pending"
NO_MATCH = gettext_lazy(
    "That code did not work. Type the six digits your authenticator app shows now, "
    "or one of your recovery codes."
)
TOO_MANY = gettext_lazy(
    "Too many wrong codes: wait a little (each wrong code doubles the wait), then try again."
)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _unlocked(view):
    """Changing methods needs a verified session (or no method yet to verify with)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_verified() and methods.has_method(request.user):
            return HttpResponseRedirect(
                f"{reverse('twostep_verify')}?{urlencode({'next': request.path})}"
            )
        return view(request, *args, **kwargs)

    return wrapper


def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or not methods.has_method(user):
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = methods.normalise(form.cleaned_data["code"])
        candidates = _candidates(user, code)
        waiting = any(not device.verify_is_allowed()[0] for device in candidates)
        device = None if waiting else _matching_device(user, candidates, code)
        if device is not None:
            otp_login(request, device)
            if device.name == methods.RECOVERY_NAME:
                left = methods.recovery_left(user)
                record(Action.RECOVERY_USED, user.get_username(), request, actor="")
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(left)d is left. Make new ones under "
                        "Account → Two-step verification.",
                        "You used a recovery code: %(left)d are left. Make new ones under "
                        "Account → Two-step verification.",
                        left,
                    )
                    % {"left": left},
                )
            return HttpResponseRedirect(_next(request))
        record(Action.TWO_STEP_FAILED, user.get_username(), request, actor="")
        form.add_error("code", TOO_MANY if waiting else NO_MATCH)
    return render(
        request,
        "twostep/verify.html",
        {
            "page_title": _("Two-step verification"),
            "header_icon": "key",
            "form": form,
            "next": _next(request),
            "has_authenticator": methods.authenticators(user).exists(),
            "has_passkey": methods.passkeys(user).exists(),
            "passkeys_here": passkeys.usable_here(request),
        },
    )


def _candidates(user, code: str) -> list:
    """Six digits are for an authenticator app; anything else is a recovery code."""
    if code.isdigit() and len(code) == 6:
        return list(methods.authenticators(user))
    device = methods.recovery(user)
    return [device] if device else []


def _matching_device(user, candidates: list, code: str):
    """The device that takes ``code``, if any. Each device counts its own
    failures and makes the next try wait twice as long (django-otp's
    throttling), so guessing is slow on both kinds."""
    for device in candidates:
        matched = verify_token(user, device.persistent_id, code)
        if matched is not None:
            return matched
    return None


@_unlocked
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    recovery = methods.recovery_left(user)
    return render(
        request,
        "twostep/index.html",
        {
            "page_title": _("Two-step verification"),
            "header_icon": "key",
            "required": TwoStepPolicy.load(request_or_site=request).requires(user),
            "authenticators": methods.authenticators(user),
            "passkeys": [
                (credential, credential.name or _("Passkey %(number)d") % {"number": number})
                for number, credential in enumerate(methods.passkeys(user).order_by("pk"), 1)
            ],
            "recovery_left": recovery,
            "has_method": methods.has_method(user),
            "passkeys_here": passkeys.usable_here(request),
            "next": _next(request),
        },
    )


@_unlocked
def authenticator(request: HttpRequest) -> HttpResponse:
    user = request.user
    if methods.authenticators(user).exists():
        return HttpResponseRedirect(reverse("twostep_index"))
    secret = request.session.get(PENDING_SESSION_ENTRY) or methods.new_secret()
    request.session[PENDING_SESSION_ENTRY] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if methods.code_matches(secret, form.cleaned_data["code"]):
            first = not methods.has_method(user)
            device = methods.add_authenticator(user, secret)
            del request.session[PENDING_SESSION_ENTRY]
            otp_login(request, device)
            if first:
                return _show_recovery_codes(request, methods.new_recovery_codes(user), first=True)
            messages.success(request, _("Your authenticator app is set up."))
            return HttpResponseRedirect(reverse("twostep_index"))
        form.add_error(
            "code",
            _("That code did not match. Check the app's clock is right and type the newest code."),
        )
    uri = methods.otpauth_uri(secret, user.get_username(), settings.WAGTAIL_SITE_NAME)
    return render(
        request,
        "twostep/authenticator.html",
        {
            "page_title": _("Add an authenticator app"),
            "header_icon": "key",
            "form": form,
            "qr": segno.make(uri, error="m").svg_inline(
                scale=5, light="white", title=_("QR code of the secret for your authenticator app")
            ),
            "secret": methods.secret_for_people(secret),
        },
    )


@require_POST
@_unlocked
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not methods.has_method(request.user):
        return HttpResponseRedirect(reverse("twostep_index"))
    codes = methods.new_recovery_codes(request.user)
    record(Action.RECOVERY_RENEWED, request.user.get_username(), request, actor="")
    return _show_recovery_codes(request, codes, first=False)


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, first: bool) -> HttpResponse:
    # Shown once, in this answer only (the admin's answers are never cached,
    # and the server keeps only what checks the codes).
    return render(
        request,
        "twostep/recovery_codes.html",
        {
            "page_title": _("Your recovery codes"),
            "header_icon": "key",
            "codes": codes,
            "first": first,
            "next": _next(request),
        },
    )


@require_POST
@_unlocked
def remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    user = request.user
    found = {"authenticator": methods.authenticators, "passkey": methods.passkeys}.get(kind)
    if found is None:
        return HttpResponseRedirect(reverse("twostep_index"))
    device = get_object_or_404(found(user), pk=pk)
    remaining = methods.authenticators(user).count() + methods.passkeys(user).count() - 1
    if remaining == 0 and TwoStepPolicy.load(request_or_site=request).requires(user):
        messages.error(
            request,
            _(
                "Your role requires two-step verification: add another method before "
                "removing your last one."
            ),
        )
        return HttpResponseRedirect(reverse("twostep_index"))
    device.delete()
    methods.drop_recovery_if_alone(user)
    messages.success(request, _("Removed."))
    return HttpResponseRedirect(reverse("twostep_index"))
