"""Telling readers apart for a day without knowing who they are.

The one place that looks at a client's network address: comments and likes,
the API's rate limit, page-password and password-reset limits, the admin's
sign-in throttle (django-axes) and the audit log all key on what this module
makes of it. ``address_key`` is an HMAC (keyed with SECRET_KEY) of the
address and a random salt that belongs to one day; ``fingerprint`` mixes in
browser headers as well. Neither the address nor a salt-less hash is ever
stored or logged; when the day is over its salt is deleted
(``forget_days_before``, run by ``purge_comments``), and from then on nobody can
tell whether a given address produced a given key.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from datetime import date

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpRequest
from django.utils import timezone

from kolokol.core.models import ReaderSalt


def today() -> date:
    return timezone.now().date()


def salt_for(day: date) -> str:
    existing = ReaderSalt.objects.filter(day=day).first()
    if existing is not None:
        return existing.value
    try:
        return ReaderSalt.objects.create(day=day, value=secrets.token_hex(32)).value
    except IntegrityError:  # another process made it first
        return ReaderSalt.objects.get(day=day).value


def forget_days_before(day: date) -> int:
    """Delete the salts of the days before ``day``: their keys can no longer be traced."""
    deleted, _ = ReaderSalt.objects.filter(day__lt=day).delete()
    return deleted


def client_address(request: HttpRequest) -> str:
    """The reader's address as seen by us; only ever used inside the hash below."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind our own proxy the last hop it adds is the reader's.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def address_key(request: HttpRequest, day: date | None = None) -> str:
    """A keyed hash of the reader's address alone, for today's limits.

    The fingerprint below also mixes in headers that tell apart readers
    behind one address (for likes and duplicates), but a script can change
    those for free; limits are kept on what it cannot.
    """
    day = day or today()
    message = "\x1f".join(["address", salt_for(day), client_address(request)])
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def address_as_ip(request: HttpRequest) -> str:
    """The same keyed hash, written as an IPv6 address.

    For django-axes (admin sign-in throttling), which keeps the client's
    address in an IP-address column: PostgreSQL's accepts only addresses,
    and any 128 bits spell one. Nothing of the reader's address is in it.
    """
    return str(ipaddress.IPv6Address(bytes.fromhex(address_key(request)[:32])))


def fingerprint(request: HttpRequest, day: date | None = None) -> str:
    """A keyed hash standing for this reader today; not reversible to an address."""
    day = day or today()
    parts = [
        salt_for(day),
        client_address(request),
        request.META.get("HTTP_USER_AGENT", "")[:300],
        request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:100],
    ]
    message = "\x1f".join(parts).encode("utf-8", "replace")
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
