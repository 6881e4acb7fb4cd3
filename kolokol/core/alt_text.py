"""Every picture readers see has alt text: the rule shared by lead images and image blocks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def require_alt_text(image) -> None:
    """Refuse an image without alt text (one imported or uploaded outside the form)."""
    if image is not None and not (image.description or "").strip():
        raise ValidationError(
            _("“%(title)s” has no alt text. Add it under Images, then choose the image again."),
            params={"title": image.title},
            code="missing_alt_text",
        )
