"""Every picture readers see has alt text, and every recording a transcript.

The rules shared by lead images and clips and the blocks that show them.
"""

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


def require_transcript(clip) -> None:
    """Refuse audio or video without a transcript: deaf readers, and search, need one."""
    if clip is not None and not (clip.transcript or "").strip():
        raise ValidationError(
            _(
                "“%(title)s” has no transcript. Add it under Media, "
                "then choose the recording again."
            ),
            params={"title": clip.title},
            code="missing_transcript",
        )
