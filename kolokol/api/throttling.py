"""Rate limiting per client, without keeping anyone's address.

Ninja's throttle counts requests in the shared "limits" cache (the database,
or Redis when configured), so the limit holds whichever worker answers. Its key would contain the client's IP address; ours holds
an HMAC of the address under SECRET_KEY and a random salt that changes every
day, kept in the same cache. Once a day's salt has expired, not even someone
holding the secret key and the cache can tell which address a key was for.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils import timezone
from ninja.throttling import AnonRateThrottle

SALT_KEY = "kolokol:api:salt:{day}"
# A salt outlives its day a little, so requests around midnight still find it.
SALT_TIMEOUT = 2 * 24 * 60 * 60


def daily_salt() -> str:
    """Today's random salt, made by whichever process asks first."""
    key = SALT_KEY.format(day=timezone.now().date().isoformat())
    caches["limits"].add(key, secrets.token_hex(16), SALT_TIMEOUT)
    salt = caches["limits"].get(key)
    # With the cache unreachable every request gets a fresh salt: no limit is
    # enforced, which is better than failing the request.
    return salt or secrets.token_hex(16)


def client_key(address: str) -> str:
    """A stand-in for ``address`` that cannot be turned back into it."""
    message = f"{daily_salt()}:{address}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


class ClientRateThrottle(AnonRateThrottle):
    """KOLOKOL_API_RATE requests per client, e.g. "120/min"; empty: no limit."""

    scope = "kolokol-api"

    @property
    def cache(self) -> BaseCache:  # Ninja's default is the "default" cache
        return caches["limits"]

    def __init__(self) -> None:
        super().__init__(rate=settings.KOLOKOL_API_RATE)

    def get_ident(self, request: HttpRequest) -> str | None:
        address = super().get_ident(request)
        return client_key(address) if address else None

    def allow_request(self, request: HttpRequest) -> bool:
        # The rate is read per request so tests and operators can change it.
        self.rate = settings.KOLOKOL_API_RATE
        if not self.rate:  # an empty rate turns limiting off
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
