"""A service's offline page (``/ru/offline/``) and the edition files it offers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from kolokol.editions import keys
from kolokol.editions.models import Edition, EditionKey
from kolokol.services.models import ServiceHomePage

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "epub": "application/epub+zip",
    "sig": "text/plain; charset=utf-8",
    "pem": "application/x-pem-file",
}
# The last few days' editions stay offered: one that travels for a day or two
# can still be compared with its signature here.
SHOWN = 3


def key_file_name(service: ServiceHomePage) -> str:
    return f"{service.slug}-edition-key.pem"


def offline(request: HttpRequest, service: ServiceHomePage) -> TemplateResponse:
    """The latest edition files, the public key and how to check a file with it."""
    key = EditionKey.objects.filter(service=service).first()
    latest = list(
        Edition.objects.filter(service=service)
        .defer("content")
        .order_by("-made_on", "kind")[: SHOWN * len(Edition.Kind)]
    )
    context = service.page_context(request)
    public = bytes(key.public_key) if key else b""
    context.update(
        editions=latest,
        fingerprint=keys.fingerprint(public) if key else "",
        public_pem=keys.public_pem(public) if key else "",
        key_file=key_file_name(service),
        example=latest[0].name if latest else f"{service.slug}-YYYY-MM-DD.html",
    )
    response = TemplateResponse(request, "editions/offline_page.html", context)
    # Changes when the worker makes a new edition, which the publisher does
    # not hear of: answered by the app each time (a few rows), never stored.
    response.kolokol_dynamic = True
    return response


def download(request: HttpRequest, page_path: str, name: str) -> HttpResponse:
    """One edition file, its ``.sig``, or the service's public key, as an attachment."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    service = (
        ServiceHomePage.objects.live()
        .public()
        .filter(url_path=site.root_page.url_path + page_path)
        .first()
    )
    if service is None:
        raise Http404
    if name == key_file_name(service):
        key = EditionKey.objects.filter(service=service).first()
        if key is None:
            raise Http404
        body: bytes = keys.public_pem(bytes(key.public_key)).encode()
    else:
        stem = name.removesuffix(".sig")
        edition = Edition.objects.filter(service=service, name=stem).first()
        if edition is None:
            raise Http404
        body = edition.signature.encode() if name.endswith(".sig") else bytes(edition.content)
    response = HttpResponse(body, content_type=CONTENT_TYPES[name.rpartition(".")[2]])
    # Saved, never shown by the browser as a page of this site.
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response
