"""Absolute addresses for machines: canonical links, OpenGraph, JSON-LD, sitemaps.

Readers follow site-relative links; search engines and social networks need
the full address. It is the origin's (``KOLOKOL_BASE_URL``) unless a static
mirror is being exported: a mirror names its own address (``--base-url``),
or none at all, and then the tags that need one are left out rather than
pointing readers of a mirror back at a blocked origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.encoding import iri_to_uri

_ORIGIN = "origin"
_base: ContextVar[str | None] = ContextVar("kolokol_public_base", default=_ORIGIN)


def base() -> str | None:
    """Scheme, host and path prefix (no trailing slash) of the site being rendered."""
    current = _base.get()
    return settings.KOLOKOL_BASE_URL if current == _ORIGIN else current


def absolute(path: str) -> str | None:
    """``path`` (site-relative, may hold non-ASCII slugs) as a full, URI-safe address."""
    if path.startswith(("https://", "http://")):
        return iri_to_uri(path)
    prefix = base()
    if prefix is None:
        return None
    return iri_to_uri(prefix + path)


@contextmanager
def served_at(base_url: str | None) -> Iterator[None]:
    """Render for another address (a mirror's), or for none known (``None`` or "")."""
    token = _base.set(base_url.rstrip("/") if base_url else None)
    try:
        yield
    finally:
        _base.reset(token)


def reader_path(url_path: str, root_url_path: str) -> str:
    """Wagtail's ``url_path`` (``/kolokol/ru/x/``) as the path readers use (``/ru/x/``)."""
    return "/" + url_path[len(root_url_path) :]
