"""Images with the fields a newsroom needs: alt text and credit."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    WagtailImageField,
    WagtailImageFieldFile,
    get_rendition_storage,
    get_rendition_upload_to,
    get_upload_to,
)
from wagtail.utils.file import hash_filelike

from kolokol.media import metadata


class CleanImageFieldFile(WagtailImageFieldFile):
    def save(self, name, content, save=True) -> None:
        # Every way a picture reaches storage ends here: the admin's single
        # and multiple uploads (the latter writes the file itself, outside
        # the model's save), the chooser, imports, the demo, renditions.
        content.seek(0)
        data = content.read()
        cleaned = metadata.clean(data, reencode=self.field.reencode)
        if cleaned != data:
            content = ContentFile(cleaned, name=getattr(content, "name", name))
        if hasattr(self.instance, "file_hash"):
            # Wagtail may have measured and hashed the upload before this.
            self.instance.file_size = len(cleaned)
            self.instance.file_hash = hash_filelike(io.BytesIO(cleaned))
        content.seek(0)
        super().save(name, content, save)


class CleanImageField(WagtailImageField):
    """An image file stored without location or device data (``media/metadata.py``).

    ``reencode``: whether a format that can only be cleaned by encoding it
    again (GIF, AVIF) is encoded again. Renditions need not be: the encoder
    made them and writes no metadata into those formats.
    """

    attr_class = CleanImageFieldFile

    def __init__(self, *args, reencode: bool = True, **kwargs) -> None:
        self.reencode = reencode
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if not self.reencode:
            kwargs["reencode"] = False
        return name, path, args, kwargs


class NewsImage(AbstractImage):
    """A photo or graphic. Alt text is required: every reader gets the picture."""

    file = CleanImageField(
        verbose_name=_("file"), upload_to=get_upload_to, width_field="width", height_field="height"
    )
    description = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_(
            "What the image shows, for readers who cannot see it. "
            "Not the caption: say what is in the picture."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=160,
        blank=True,
        help_text=_("Photographer and agency, e.g. “Photo: A. Ivanova / Kolokol”."),
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def save(self, *args, **kwargs) -> None:
        if self.file and not self.file._committed:
            # What the file field would do while saving this row, done first:
            # its size and hash, known only once it is cleaned, are saved
            # with the row (the field comes after them in the row's columns).
            self.file.save(self.file.name, self.file.file, save=False)
        super().save(*args, **kwargs)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")
    file = CleanImageField(
        upload_to=get_rendition_upload_to,
        storage=get_rendition_storage,
        width_field="width",
        height_field="height",
        reencode=False,
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
