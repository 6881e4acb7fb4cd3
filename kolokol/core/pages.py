"""What every public page of a language service has in common."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from kolokol.services.models import ServiceHomePage

# Wagtail's tree: Root (depth 1) > Portal (2) > Service home (3) > sections (4) …
SERVICE_DEPTH = 3
PER_PAGE = 20


class ServicePageMixin:
    """Mixed into every page that lives inside a language service.

    It finds the service the page belongs to, switches the request to the
    service's language and time zone, and gives templates what the page
    chrome needs (section navigation, the other services, the breaking news).
    """

    @cached_property
    def service(self) -> ServiceHomePage | None:
        from kolokol.services.models import ServiceHomePage

        if self.depth < SERVICE_DEPTH:
            return None
        steplen = self.steplen
        return ServiceHomePage.objects.filter(path=self.path[: SERVICE_DEPTH * steplen]).first()

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any):
        service = self.service
        if service is not None:
            service.activate(request)
        response = super().serve(request, *args, **kwargs)
        mark_storable(request, response)
        if service is not None and service.onion_url:
            # Tor Browser offers readers the onion service for this page.
            response["Onion-Location"] = service.onion_url.rstrip("/") + request.path
        return response

    def serve_preview(self, request: HttpRequest, mode_name: str):
        service = self.service
        if service is not None:
            service.activate(request)
        return super().serve_preview(request, mode_name)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        service = self.service
        context["service"] = service
        if service is not None:
            context.update(service.chrome_context())
        return context


def mark_storable(request: HttpRequest, response) -> None:
    """Let the rendered store keep this response (a reader's plain page view)."""
    # The text size cookie changes the page: shared caches must key on it.
    patch_vary_headers(response, ("Cookie",))
    response.kolokol_storable = request.method == "GET" and not request.GET


def paginate(items, number: int | str | None, per_page: int = PER_PAGE) -> PaginatorPage:
    """One page of ``items``; a page past the end or a malformed number is a 404.

    Pagination lives in the path (``page/2/``) rather than the query string so
    that every page of a listing is a plain file in a static mirror.
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
