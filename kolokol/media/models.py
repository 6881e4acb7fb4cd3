"""Images with the fields a newsroom needs: alt text and credit."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition


class NewsImage(AbstractImage):
    """A photo or graphic. Alt text is required: every reader gets the picture."""

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


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
