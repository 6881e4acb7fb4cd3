"""Which requests django-cors-headers answers with ``Access-Control-Allow-Origin: *``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

API_PREFIX = "/api/"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def read_only_api(sender: Any, request: HttpRequest, **kwargs: Any) -> bool:
    """Any origin may read the API; nothing else on the site is shared.

    The settings' URL pattern matches nothing, so this receiver alone decides:
    the pattern cannot look at the method, and a browser must not be told it
    may send anything but a read.
    """
    return request.path_info.startswith(API_PREFIX) and request.method in READ_METHODS
