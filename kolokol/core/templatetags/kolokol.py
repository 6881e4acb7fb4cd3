"""Template helpers for public pages."""

from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.translation import get_language

from kolokol.core import calendars, numerals
from kolokol.core.pages import description

register = template.Library()

# Primary quotation marks by language; the fallback is English's.
QUOTES = {
    "ru": ("«", "»"),
    "ky": ("«", "»"),
    "fa": ("«", "»"),
    "en": ("“", "”"),
}


@register.filter
def quoted(text: str) -> str:
    """Wrap ``text`` in the active language's quotation marks (escaped)."""
    opening, closing = QUOTES.get((get_language() or "en")[:2], QUOTES["en"])
    return format_html("{}{}{}", opening, text, closing)


@register.simple_tag(takes_context=True)
def text_size_url(context, size: str) -> str:
    """The no-JavaScript link for a text size, returning the reader to this page."""
    from urllib.parse import urlencode

    from django.urls import reverse

    request = context["request"]
    return reverse("text_size") + "?" + urlencode({"size": size, "next": request.path})


@register.filter(name="numerals")
def local_digits(value: int) -> int:
    """A count or page number in the active language's digits (see core/numerals)."""
    return numerals.local_number(value)


@register.filter
def startswith(value: str, prefix: str) -> bool:
    return str(value).startswith(str(prefix))


@register.filter
def page_description(page) -> str:
    """The page's meta description (kolokol.core.pages.description)."""
    return description(page)


@register.filter(expects_localtime=True)
def machine_time(value: datetime | None) -> str:
    """ISO 8601 to the second with the zone's offset, as <time datetime> wants it.

    Django's |date:"c" writes microseconds, which HTML's date-time syntax
    does not allow (at most three fractional digits).
    """
    return value.isoformat(timespec="seconds") if value else ""


# expects_localtime: the template engine hands us the time in the
# service's zone, as it does to Django's own |date.
@register.filter(expects_localtime=True)
def newsdate(value: datetime | None, part: str = "datetime") -> str:
    """A date (``part`` "date") or date and time as the service's readers write it."""
    if not value:
        return ""
    with_time = part != "date"
    if get_language() == "fa":
        return calendars.persian(value, with_time)
    return date_filter(value, "DATETIME_FORMAT" if with_time else "DATE_FORMAT")
