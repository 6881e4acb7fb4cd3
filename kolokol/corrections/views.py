"""The corrections list of a service (``/ru/corrections/``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse

from kolokol.core.pages import archive_page
from kolokol.corrections.models import notes_of_service


def corrections(request: HttpRequest, service, number: int | None = None) -> TemplateResponse:
    """Every correction and update of the service's articles, newest first."""
    context = service.page_context(request)
    context.update(notes=archive_page(notes_of_service(service), number))
    return TemplateResponse(request, "corrections/corrections_page.html", context)
