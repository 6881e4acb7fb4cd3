"""Passkeys (WebAuthn) for the admin, at the addresses it is configured for.

A passkey belongs to a domain (the relying party) and a browser uses it
only on that domain's pages, which is what makes it proof against look-alike
sites. The admin may be opened at more than one configured address
(``KOLOKOL_PASSKEY_ORIGINS``: the site's own, an internal one); the relying
party is the one the editor has open, and django-otp-webauthn accepts a
browser's answer only from a configured origin. Browsers make no passkey
for a bare IP address (the demo's 127.0.0.1): the demo's configured origin
is http://localhost:8000.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def usable_here(request: HttpRequest) -> bool:
    """Whether this address is one passkeys are made and used at."""
    return origin(request) in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS


def relying_party(request: HttpRequest) -> str:
    return urlsplit(origin(request)).hostname or ""


def relying_party_name(request: HttpRequest) -> str:
    return settings.WAGTAIL_SITE_NAME
