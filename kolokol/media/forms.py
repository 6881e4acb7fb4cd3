"""The admin's image form, for single and multiple uploads alike."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = _(
    "This file is damaged or is not a complete image. "
    "Export it again from the original and upload the new file."
)


def check_decodes(file: File) -> None:
    """Decode every pixel, refusing what only looks like an image.

    Wagtail's field reads little more than the header: a truncated JPEG
    either passes it, to break every page that shows it when the first
    rendition is made, or makes the upload fail with a server error.
    """
    file.seek(0)
    try:
        with PILImage.open(file) as picture:
            picture.load()
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise ValidationError(DAMAGED, code="damaged_image") from error
    finally:
        file.seek(0)


class DecodedImageField(WagtailImageField):
    """Wagtail's image upload field, refusing damaged files with a message."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
        except (OSError, SyntaxError) as error:
            raise ValidationError(DAMAGED, code="damaged_image") from error
        if file is not None:
            check_decodes(file)
        return file


class NewsImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail builds the field from the model (label, widget, limits in
            # its help text); only the checking is ours.
            self.fields["file"].__class__ = DecodedImageField
