"""The text-only edition of a service: ``/ru/text/`` and each article's text copy."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse

from kolokol.core.pages import archive_page
from kolokol.textedition import addresses
from kolokol.textedition.parts import split


def text_edition(
    request: HttpRequest, service, number: int | None = None, address: str | None = None
) -> TemplateResponse:
    """The index (``number``: an archive page) or, with ``address``, an article's text copy."""
    if address is not None:
        return article(request, service, address)
    listing = archive_page(addresses.articles(service), number, key=addresses.listing_key(service))
    context = {
        "service": service,
        "articles": [(item, addresses.text_url(item.url)) for item in listing],
        "listing": listing,
        "base_url": addresses.index_url(service),
        "index_url": addresses.index_url(service),
    }
    return TemplateResponse(request, "textedition/index.html", context)


def find(service, address: str) -> tuple[object, int]:
    """The article at ``address`` under the service, and the part asked for (1: the first)."""
    components = address.split("/")
    wanted = [(components, 1)]
    # ``politics/bridge/2``: the second part (a slug of digits is tried first).
    if len(components) > 1 and components[-1].isdigit() and int(components[-1]) > 1:
        wanted.append((components[:-1], int(components[-1])))
    for path, part in wanted:
        found = (
            addresses.articles(service)
            .filter(url_path=service.url_path + "/".join(path) + "/")
            .select_related("lead_image")
            .first()
        )
        if found is not None:
            return found, part
    raise Http404


def article(request: HttpRequest, service, address: str) -> TemplateResponse:
    page, number = find(service, address)
    parts = split(page)
    if number > len(parts):
        raise Http404
    base = addresses.text_url(page.url)
    context = {
        "service": service,
        "page": page,
        "body": parts[number - 1],
        "part": number,
        "parts": len(parts),
        "base_url": base,
        "previous_url": (base if number == 2 else f"{base}{number - 1}/") if number > 1 else "",
        "next_url": f"{base}{number + 1}/" if number < len(parts) else "",
        "index_url": addresses.index_url(service),
    }
    return TemplateResponse(request, "textedition/article.html", context)
