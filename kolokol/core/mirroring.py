"""What a page rendered for a static mirror may name: the mirror's address, its services.

A mirror is exported through the same views that serve the origin, so every
app that puts an address on a page asks here rather than reading
``KOLOKOL_BASE_URL``: links to share a page name the mirror (``--base-url``)
or, when its address is not known, are left out rather than sending readers
back to an origin that may be blocked; a mirror of some services only links
to those, never to a language it does not hold. Outside an export nothing
changes (``current()`` is None).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Scope:
    address: str  # the mirror's own address, no trailing slash; "" when not known
    services: frozenset[str] | None  # reader addresses of the homes it holds ("/ru/"); None: all


_scope: ContextVar[Scope | None] = ContextVar("kolokol_mirror_scope", default=None)


def current() -> Scope | None:
    return _scope.get()


@contextmanager
def exporting(address: str, services: Iterable[str] | None = None) -> Iterator[None]:
    """Render for a mirror at ``address`` ("" when unknown) holding ``services`` (all: None)."""
    scope = Scope(address.rstrip("/"), frozenset(services) if services is not None else None)
    token = _scope.set(scope)
    try:
        yield
    finally:
        _scope.reset(token)


def public_address(path: str) -> str | None:
    """Where readers reach ``path`` (site-relative): the origin, the mirror, or unknown (None)."""
    scope = current()
    if scope is None:
        return settings.KOLOKOL_BASE_URL + path
    return scope.address + path if scope.address else None


def holds(url: str) -> bool:
    """Whether the page at site-relative ``url`` is part of what is being rendered."""
    scope = current()
    if scope is None or scope.services is None or not url.startswith("/"):
        return True
    return url == "/" or any(url.startswith(home) for home in scope.services)
