"""The admin's form for an audio or video item (wagtailmedia's, with our fields and checks)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin import widgets
from wagtail.images.widgets import AdminImageChooser
from wagtailmedia.forms import BaseMediaForm

from kolokol.multimedia import captions, problems
from kolokol.multimedia.models import Caption, Clip


class ClipForm(BaseMediaForm):
    class Meta(BaseMediaForm.Meta):
        widgets = {
            "tags": widgets.AdminTagWidget,
            "file": forms.FileInput,
            "poster": AdminImageChooser,
            "transcript": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        clip = self.instance
        if clip.pk and "file" in self.fields:
            # What became of the file, where the editor looks at it.
            state = clip.get_status_display()
            if clip.status == Clip.Status.TRANSCODING:
                state = f"{state}: {clip.progress} %"
            elif clip.problem:
                state = f"{state}. {problems.message(clip.problem)}"
            self.fields["file"].help_text = state

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        size = getattr(upload, "size", 0) or 0
        if size > settings.KOLOKOL_CLIP_MAX_BYTES:
            raise ValidationError(
                _("This file is %(size)s; the largest the site accepts is %(limit)s."),
                code="too_large",
                params={
                    "size": filesizeformat(size),
                    "limit": filesizeformat(settings.KOLOKOL_CLIP_MAX_BYTES),
                },
            )
        return upload


class CaptionForm(forms.ModelForm):
    class Meta:
        model = Caption
        fields = ["clip", "language", "kind", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "read"):
            upload.seek(0)
            try:
                text = captions.checked(upload.read(captions.MAX_BYTES + 1))
            except captions.NotWebVTT as error:
                raise ValidationError(str(error), code="not_webvtt") from None
            upload.seek(0)
            upload.name = "captions.vtt"
            self._text = text
        return upload
