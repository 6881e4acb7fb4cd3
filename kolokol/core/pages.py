"""What every public page of a language service has in common."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from kolokol.core import clock
from kolokol.core.memo import Memo

# Wagtail's tree: Root (depth 1) > Portal (2) > Service home (3) > sections (4) …
SERVICE_DEPTH = 3
PER_PAGE = 20


def page_type(label: str):
    """The page model named ``label`` ("articles.ArticlePage"), from an app built on the caller's.

    A home page lists its sections and a section its articles, but their apps
    are built on the home's (``ARCHITECTURE.md``): like Wagtail's
    ``subpage_types``, the lower app names the type above it, never imports it.
    """
    return apps.get_model(label)


def service_slug(path: str) -> str:
    """The first segment of a URL path: the service a public address belongs to."""
    return path.strip("/").split("/", 1)[0]


DESCRIBED_BY = ("search_description", "standfirst", "intro", "tagline", "role")


def description(page) -> str:
    """What a page says about itself to search engines and link previews."""
    for field in DESCRIBED_BY:
        value = getattr(page, field, "")
        if value:
            return value
    return ""


def mark_storable(request: HttpRequest, response) -> None:
    """Let the rendered store keep this response (a reader's plain page view)."""
    # The text size cookie changes the page: shared caches must key on it.
    patch_vary_headers(response, ("Cookie",))
    # A page that answers each reader differently (search) says so itself.
    response.kolokol_storable = (
        request.method == "GET"
        and not request.GET
        and not getattr(response, "kolokol_dynamic", False)
        and not getattr(request, "is_preview", False)  # a draft, shown to its editor
    )


@dataclass
class Listing:
    """One page of a listing whose archive pages never change once full.

    The front (``section/``) shows the newest articles. Archive pages are
    numbered from the oldest: ``page/1/`` holds the first twenty articles
    ever published and will hold them for good, so publishing a story
    changes the front and the newest archive page only, and a static mirror
    of a large archive stays in step by rewriting two files, not hundreds.
    """

    object_list: list
    count: int
    pages: int
    number: int | None  # None: the front

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def older(self) -> int | None:
        """The archive page with the articles before these (None: none)."""
        if self.number is None:
            # The front shows the newest archive page and maybe part of the
            # one before; "older" continues where the newest page starts.
            return self.pages - 1 if self.pages > 1 else None
        return self.number - 1 if self.number > 1 else None

    @property
    def newer(self) -> int | None:
        """The archive page after these; 0 means the front; None on the front."""
        if self.number is None:
            return None
        return self.number + 1 if self.number < self.pages else 0


# Listings kept per process: a few dozen of up to an archive's size each.
_listings: Memo[list[int]] = Memo(64)


def newest_ids(items, key: Hashable = None) -> list[int]:
    """The primary keys of ``items`` in their order, kept per process until the next publish.

    Every archive page of a listing is a slice of the same order. Asking the
    database for each page means counting the listing and skipping to the
    page, which on a 100,000-article section takes longer the older the
    page; with the order at hand a page is one lookup of twenty rows. Any
    publish moves the cache clock on, and with it the key. ``key`` names
    the listing (``("topic", service, tag)``) where the caller can, and
    ``items`` may then be a function giving the query, built only when the
    order is not known yet; without a key the query's SQL is the key.
    """
    if key is None:
        sql, params = items.values_list("pk", flat=True).query.sql_with_params()
        key = (sql, params)

    def fetch() -> tuple[list[int], bool]:
        query = items() if callable(items) else items
        return list(query.values_list("pk", flat=True)), True

    return _listings.get((clock.version(), key), fetch)


def archive_page(
    items, number: int | None = None, per_page: int = PER_PAGE, key: Hashable = None
) -> Listing:
    """The front (``number`` None) or archive page ``number`` of ``items`` (newest first)."""
    ids = newest_ids(items, key)
    total = len(ids)
    pages = archive_page_of(max(total - 1, 0), per_page)
    if number is None:
        return Listing(_in_order(items, ids[:per_page]), total, pages, None)
    if not 1 <= number <= pages or total == 0:
        raise Http404
    # Archive page K holds the K-th twenty counted from the oldest,
    # shown newest first: in the newest-first order, the slice below.
    start = total - min(number * per_page, total)
    end = total - (number - 1) * per_page
    return Listing(_in_order(items, ids[start:end]), total, pages, number)


def _in_order(items, ids: list[int]) -> list:
    found = {item.pk: item for item in items.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def archive_page_of(position_from_oldest: int, per_page: int = PER_PAGE) -> int:
    """The archive page number holding the article at this 0-based position."""
    return position_from_oldest // per_page + 1


def paginate(items, number: int | str | None, per_page: int = PER_PAGE) -> PaginatorPage:
    """One page of ``items`` by number from the newest (search results).

    A page past the end or a malformed number is a 404.
    """
    paginator = Paginator(items, per_page)
    try:
        wanted = 1 if number in (None, "") else int(number)
        if wanted < 1:
            raise EmptyPage
        return paginator.page(wanted)
    except (EmptyPage, ValueError):
        raise Http404 from None


def activate_language(request: HttpRequest, language: str, time_zone: str) -> None:
    translation.activate(language)
    request.LANGUAGE_CODE = language
    timezone.activate(time_zone)
