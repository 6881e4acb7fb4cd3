"""Error pages in the reader's service language."""

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader

from kolokol.core.pages import service_slug
from kolokol.services.models import ServiceHomePage


def service_for_path(path: str) -> ServiceHomePage | None:
    """The live service whose address starts ``path`` (``/ru/…`` → the ru service)."""
    first = service_slug(path)
    if not first:
        return None
    return ServiceHomePage.objects.live().filter(slug=first).first()


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 inside the service's chrome, so the reader can find their way on."""
    context = {"request_path": request.path}
    try:
        service = service_for_path(request.path)
    except DatabaseError:  # a 404 must still render while the database is away
        service = None
    if service is not None:
        service.activate(request)
        context.update(service=service, **service.chrome_context())
    body = loader.render_to_string("404.html", context, request)
    return HttpResponseNotFound(body)
