"""What every public page view asks the database and that only publishing changes.

Wagtail looks up the site, the root page and the view restrictions of the
page and all its ancestors on every request: five queries before a page
renders anything, the same answer each time. Here they are read once per
process and kept until the cache clock moves (every publish, move,
restriction or site change bumps it, in every process; see
``kolokol.core.clock``), so a rendered page costs only its own queries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from kolokol.core import clock

# Root (1) > portal (2) > service home (3) > section or index (4).
UPPER_DEPTH = 4

Rows = TypeVar("Rows", bound=QuerySet)


@dataclass
class SiteFacts:
    # Page paths carrying a view restriction; a page is private when its own
    # path or an ancestor's is one of them. Nearly always empty.
    restricted_paths: tuple[str, ...]
    # Aliases take their restrictions from the page they copy: Wagtail's own
    # lookup handles them.
    alias_paths: tuple[str, ...]
    sites: dict[tuple[str, int], Site | None] = field(default_factory=dict)
    _upper_pages: dict[str, Page] | None = None
    # What apps built on core keep beside these facts (``kept``), by name.
    _kept: dict[str, Any] = field(default_factory=dict)

    def upper_pages(self) -> dict[str, Page]:
        """Live pages down to the sections and indexes, by ``url_path``, as their own types.

        They are few (a portal, its services and their sections, topic and
        author indexes) and are on the path of every page a reader opens.
        """
        if self._upper_pages is None:
            pages = Page.objects.live().filter(depth__lte=UPPER_DEPTH).specific()
            self._upper_pages = {page.url_path: page for page in pages}
        return self._upper_pages

    def is_private(self, page: Page) -> bool:
        """Whether ``page`` or a page above it carries a view restriction."""
        return any(page.path.startswith(path) for path in self.restricted_paths)

    def kept(self, name: str, fetch: Callable[[], Any]) -> Any:
        """A value an app keeps with these facts until the clock moves (``fetch`` makes it)."""
        if name not in self._kept:
            self._kept[name] = fetch()
        return self._kept[name]


_current: tuple[int, SiteFacts] | None = None
_lock = threading.Lock()


def facts() -> SiteFacts:
    global _current
    version = clock.version()
    current = _current
    if current is not None and current[0] == version:
        return current[1]
    built = SiteFacts(
        restricted_paths=tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        alias_paths=tuple(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
    )
    with _lock:
        _current = (version, built)
    return built


def site_for(request: HttpRequest) -> Site | None:
    """Wagtail's site for the request's host, with its root page, looked up once."""
    known = facts()
    key = (split_domain_port(request._get_raw_host())[0], int(request.get_port()))
    if key not in known.sites:
        site = Site._find_for_request(request)
        if site is not None:
            # Fetched now so that concurrent requests share a loaded page.
            site.root_page.specific  # noqa: B018
        known.sites[key] = site
    return known.sites[key]


def view_restrictions(page: Page) -> QuerySet | None:
    """The restrictions on ``page`` and its ancestors; ``None`` when only Wagtail can tell."""
    known = facts()
    if any(page.path.startswith(alias) for alias in known.alias_paths):
        return None
    on_path = [path for path in known.restricted_paths if page.path.startswith(path)]
    # An empty list makes Django answer without asking the database.
    return PageViewRestriction.objects.filter(page__path__in=on_path)


def public(pages: Rows, relation: str = "") -> Rows:
    """``pages`` without the private ones (Wagtail's ``public()``, without its query).

    ``relation`` filters other rows by their page instead: ``public(notes, "article__")``.
    """
    for path in facts().restricted_paths:
        pages = pages.exclude(**{f"{relation}path__startswith": path})
    return pages


class CachedRestrictionsMixin:
    """For page models: view restrictions from the per-process facts."""

    def get_view_restrictions(self):
        restrictions = view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions
