"""robots.txt and the sitemaps: public, stored and mirrored like pages."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone

from kolokol.core import mirroring
from kolokol.core.pages import mark_storable
from kolokol.seo.absolute import absolute, base
from kolokol.seo.sitemaps import (
    ServiceSitemap,
    news_items,
    news_sitemap_path,
    sitemap_path,
    topic_entries,
    topics_sitemap_path,
)
from kolokol.services.models import ServiceHomePage

XML = "application/xml; charset=utf-8"


def live_services() -> list[ServiceHomePage]:
    # A mirror of some services names only those in its robots.txt and sitemap index.
    homes = ServiceHomePage.objects.live().public().order_by("path")
    return [home for home in homes if mirroring.holds(home.url)]


def _respond(request: HttpRequest, template: str, context: dict, content_type: str):
    # Dates in UTC: every render of the same data gives the same bytes,
    # whichever service's time zone a middleware activated.
    with timezone.override(UTC):
        body = render_to_string(template, context, request)
    response = HttpResponse(body, content_type=content_type)
    mark_storable(request, response)
    return response


def _service(slug: str) -> ServiceHomePage:
    return get_object_or_404(ServiceHomePage.objects.live().public(), slug=slug)


def _need_address() -> None:
    # A sitemap lists full addresses: a mirror exported without --base-url has none.
    if base() is None:
        raise Http404


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The sitemap index at /sitemap.xml: every page of every service's sitemap."""
    _need_address()
    entries = []
    for service in live_services():
        sitemap = ServiceSitemap(service, request)
        for number in sitemap.paginator.page_range:
            entries.append(
                {
                    "location": absolute(sitemap_path(service.url, number)),
                    "last_mod": sitemap.page_lastmod(number),
                }
            )
        topics = topic_entries(service)
        if topics:
            entries.append(
                {
                    "location": absolute(topics_sitemap_path(service.url)),
                    "last_mod": max(entry["lastmod"] for entry in topics),
                }
            )
    return _respond(request, "seo/sitemap_index.xml", {"sitemaps": entries}, XML)


def service_sitemap(request: HttpRequest, service: str, number: int = 1) -> HttpResponse:
    """One page of a service's sitemap: /ru/sitemap.xml, /ru/sitemap-2.xml …"""
    _need_address()
    home = _service(service)
    sitemap = ServiceSitemap(home, request)
    if number not in sitemap.paginator.page_range:
        raise Http404
    urls = sitemap.get_urls(page=number, site=_NoSite(), protocol="https")
    return _respond(request, "seo/sitemap.xml", {"urlset": urls}, XML)


def topics_sitemap(request: HttpRequest, service: str) -> HttpResponse:
    """The service's topic pages: /ru/sitemap-topics.xml."""
    _need_address()
    entries = topic_entries(_service(service))
    if not entries:
        raise Http404
    return _respond(request, "seo/sitemap.xml", {"urlset": entries}, XML)


def service_sitemap_page(request: HttpRequest, service: str, number: int) -> HttpResponse:
    # The first page has one address only: /ru/sitemap.xml.
    if number < 2:
        raise Http404
    return service_sitemap(request, service, number)


def news_sitemap(request: HttpRequest, service: str) -> HttpResponse:
    """The service's Google News sitemap: articles of the last 48 hours."""
    _need_address()
    home = _service(service)
    context = {"service": home, "items": news_items(home)}
    return _respond(request, "seo/news_sitemap.xml", context, XML)


def robots(request: HttpRequest) -> HttpResponse:
    """/robots.txt: what crawlers may fetch, and where the sitemaps are.

    Crawlers read robots.txt only at the root of a host, and every service
    is a path on the one host, so there is no /ru/robots.txt: a second copy
    no crawler asks for would only be one more file to keep in step. Paths
    are prefixed with the path of the address being rendered (a mirror's).
    """
    homes = list(live_services())
    prefix = urlsplit(base()).path.rstrip("/") if base() else ""
    context = {
        "prefix": prefix,
        "homes": homes,
        "index": absolute("/sitemap.xml"),
        "news": [absolute(news_sitemap_path(home.url)) for home in homes],
    }
    return _respond(request, "seo/robots.txt", context, "text/plain; charset=utf-8")


class _NoSite:
    """Django's Sitemap asks for a site's domain; ours come from ``absolute``."""

    domain = ""
