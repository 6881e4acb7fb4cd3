"""Rate limiting per client, without keeping anyone's address.

Ninja's throttle counts requests in the shared "limits" cache (the database,
or Redis when configured), so the limit holds whichever worker answers. Its
key would contain the client's IP address; ours is the day's keyed hash of
the address that comments, likes and the admin's limits use too
(``kolokol.core.readers.address_key``, with the same rule for which proxy
hop is the client). Once the day's salt is deleted, not even someone holding
the secret key and the cache can tell which address a key was for.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle

from kolokol.core.readers import address_key

# A key's length in the cache: 128 of the hash's bits tell clients apart.
KEY_LENGTH = 32


class ClientRateThrottle(AnonRateThrottle):
    """KOLOKOL_API_RATE requests per client, e.g. "120/min"; empty: no limit."""

    scope = "kolokol-api"

    @property  # Ninja's is an attribute: the "default" cache
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches["limits"]

    def __init__(self) -> None:
        super().__init__(rate=settings.KOLOKOL_API_RATE)

    def get_ident(self, request: HttpRequest) -> str | None:
        return address_key(request)[:KEY_LENGTH]

    def allow_request(self, request: HttpRequest) -> bool:
        # The rate is read per request so tests and operators can change it.
        self.rate = settings.KOLOKOL_API_RATE
        if not self.rate:  # an empty rate turns limiting off
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
