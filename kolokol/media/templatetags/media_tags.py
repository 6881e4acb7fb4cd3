"""``{% responsive_picture %}``: Wagtail's Picture with the renditions of a layout."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from kolokol.media import renditions

register = template.Library()


@register.simple_tag
def responsive_picture(image, layout: str, sizes: str, **attrs: str) -> SafeString | str:
    """A <picture> of ``image`` for ``layout`` (see kolokol.media.renditions).

    ``sizes`` says how wide the picture is shown, as the stylesheet lays it
    out; other arguments become attributes of the <img> (``loading="lazy"``
    below the fold, ``fetchpriority="high"`` for the article's lead).
    """
    if not image:
        return ""
    options = {"sizes": sizes, "decoding": "async", **attrs}

    def markup() -> tuple[str, bool]:
        specs = renditions.filter_specs(image.width, image.height, layout)
        found = get_renditions_or_not_found(image, specs)
        # A missing original gives placeholders: try again next time.
        real = all(r.file.name != "not-found" for r in found.values())
        return str(Picture(found, options)), real

    key = (layout, *sorted(options.items()))
    return mark_safe(renditions.remembered(image, key, markup))  # noqa: S308 (Wagtail's markup)
