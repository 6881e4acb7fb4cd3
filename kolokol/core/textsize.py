"""The reader's text size (XS, SM, MD, LG), chosen without an account.

Without JavaScript each size is a link to ``/text-size/`` which stores the
choice in a first-party cookie and sends the reader back; pages read that
cookie to set a class on ``<html>``. With JavaScript (``core/js/textsize.js``)
the same links switch the class at once and write the same cookie. The
cookie is only ever set when the reader picks a size, holds nothing but the
size, and is never read by anything but the page template.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

COOKIE = "textsize"
DEFAULT = "md"
# (code, visible label, accessible name)
SIZES = [
    ("xs", "XS", _("Extra small text")),
    ("sm", "SM", _("Small text")),
    ("md", "MD", _("Medium text")),
    ("lg", "LG", _("Large text")),
]
CODES = {code for code, _label, _name in SIZES}
ONE_YEAR = 365 * 24 * 3600


def current(request: HttpRequest) -> str:
    size = request.COOKIES.get(COOKIE, DEFAULT)
    return size if size in CODES else DEFAULT


@require_GET
def choose(request: HttpRequest) -> HttpResponse:
    size = request.GET.get("size", DEFAULT)
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target, status=303)
    response["Cache-Control"] = "no-store"
    if size in CODES:
        response.set_cookie(
            COOKIE, size, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
        )
    return response


def context(request: HttpRequest) -> dict:
    """Template context processor: the size to render and the choices."""
    return {"text_size": current(request), "text_sizes": SIZES}


def apply(html: bytes, size: str) -> bytes:
    """A page rendered at the default size, adjusted to ``size`` (for the store)."""
    if size == DEFAULT or size not in CODES:
        return html
    html = html.replace(f'class="ts-{DEFAULT}"'.encode(), f'class="ts-{size}"'.encode(), 1)
    html = html.replace(
        f'data-size="{DEFAULT}" aria-current="true"'.encode(), f'data-size="{DEFAULT}"'.encode(), 1
    )
    return html.replace(
        f'data-size="{size}"'.encode(), f'data-size="{size}" aria-current="true"'.encode(), 1
    )
