from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from kolokol.api.api import api


def unknown(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ is a JSON 404, not the site's HTML page."""
    return JsonResponse({"detail": _("There is nothing at this address.")}, status=404)


urlpatterns = [
    path("v1/", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown),
]
