"""The page partner sites copy an article from: ``<article>/republish/``."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html

from kolokol.core import mirroring
from kolokol.core.pages import mark_storable
from kolokol.republishing import licences, markup
from kolokol.seo.absolute import absolute


def republish(request: HttpRequest, article) -> TemplateResponse:
    """The article's HTML and the terms to republish it under, or 404 where it may not be.

    Stored like the article (the publisher renders it again whenever the
    article is published, and drops it when it answers 404). A static
    mirror has no such page: the copy must name the article's lasting
    address, and a mirror's may be the blocked or a passing one (the
    article pages of a mirror do not link here).
    """
    service = article.service
    if service is None or not article.republishable or mirroring.current() is not None:
        raise Http404
    licence = licences.of(service)
    if licence is None:
        raise Http404
    # What the article page's serve does for it (ServicePageMixin), for this address.
    service.activate(request)
    context = service.page_context(request)
    # No ``page``: the head then names no address and no sharing card of
    # its own; the template's canonical link names the article.
    context.pop("page", None)
    context.pop("self", None)
    context.update(
        article=article,
        article_url=absolute(article.url),
        article_link=format_html('<a href="{}">{}</a>', article.url, article.title),
        licence=licence,
        licence_link=format_html('<a href="{}">{}</a>', licence.deed, licence.name),
        copy=markup.copy_html(article, service, licence),
    )
    response = TemplateResponse(request, "republishing/republish.html", context)
    mark_storable(request, response)
    if service.onion_url:
        response["Onion-Location"] = service.onion_url.rstrip("/") + escape_uri_path(request.path)
    return response
