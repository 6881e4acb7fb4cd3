"""Template helpers of the partners' copy."""

from __future__ import annotations

from typing import Any

from django import template

from kolokol.multimedia.facts import offered
from kolokol.republishing import markup

register = template.Library()


@register.simple_tag
def copy_picture(image) -> dict[str, Any] | None:
    """``image``'s address, size and alt text for the copy (None: leave it out)."""
    return markup.picture(image)


@register.simple_tag
def copy_file(clip) -> str | None:
    """The full address of ``clip``'s standard file, for partners to link (None: none)."""
    file = offered(clip) if clip is not None and clip.ready else None
    return markup.absolute(file.url) if file is not None else None
