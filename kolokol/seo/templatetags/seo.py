from typing import Any

from django import template

from kolokol.seo import head

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context) -> dict[str, Any]:
    """The canonical, OpenGraph and JSON-LD data of the page being rendered."""
    return head.for_context(context.flatten())
