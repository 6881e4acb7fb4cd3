"""Counting attempts against a limit that every worker and server shares."""

from __future__ import annotations

from django.core.cache import caches


def over_limit(key: str, limit: int, window: int) -> bool:
    """Count one more attempt under ``key``; whether that passes ``limit`` within ``window`` s.

    Counts live in the "limits" cache (the database, or Redis when
    configured), so a limit holds whichever worker answers. ``key`` names the
    client by ``kolokol.core.readers.address_key``, never by its address.
    """
    caches["limits"].add(key, 0, window)
    try:
        count = caches["limits"].incr(key)
    except ValueError:  # expired between add and incr
        caches["limits"].set(key, 1, window)
        count = 1
    return count > limit
