"""Template helpers of the partners' copy."""

from __future__ import annotations

from typing import Any

from django import template

from kolokol.republishing import markup

register = template.Library()


@register.simple_tag
def copy_picture(image) -> dict[str, Any] | None:
    """``image``'s address, size and alt text for the copy (None: leave it out)."""
    return markup.picture(image)
