"""``{% responsive_picture %}``: Wagtail's Picture with the renditions of a layout."""

from __future__ import annotations

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from kolokol.media.renditions import filter_specs

register = template.Library()


@register.simple_tag
def responsive_picture(image, layout: str, sizes: str, **attrs: str) -> Picture | str:
    """A <picture> of ``image`` for ``layout`` (see kolokol.media.renditions).

    ``sizes`` says how wide the picture is shown, as the stylesheet lays it
    out; other arguments become attributes of the <img> (``loading="lazy"``
    below the fold, ``fetchpriority="high"`` for the article's lead).
    """
    if not image:
        return ""
    renditions = get_renditions_or_not_found(image, filter_specs(image.width, image.height, layout))
    return Picture(renditions, {"sizes": sizes, "decoding": "async", **attrs})
