"""Links to the feeds of the page being shown."""

from __future__ import annotations

from django import template

from kolokol.feeds.addresses import FORMATS
from kolokol.feeds.feeds import source_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_feeds(context) -> list[dict]:
    """The feeds of this listing page (a topic's on a topic page), else of its service.

    Each is ``{"url", "type", "label", "title"}`` for ``<link rel="alternate">``
    and the visible links.
    """
    page, service = context.get("page"), context.get("service")
    source = None
    if page is not None and hasattr(page, "specific_class"):
        source = source_for(page, context.get("topic"))
    if source is None and service is not None:
        source = source_for(service)
    if source is None:
        return []
    return [
        {"url": source.link + name, "type": mime, "label": label, "title": source.title}
        for name, mime, label in FORMATS
    ]
