"""Audio and video items, the renditions readers play, and their captions.

``Clip`` is wagtailmedia's media item (upload, collections and their
permissions, choosers, usage) with what a broadcaster needs besides: the
transcript, the credit, a poster picture, and the state of its transcoding.
The uploaded file is the source and is never served (``storage.py``); what
readers get are ``ClipRendition`` files made by ``transcoding.py``.
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtailmedia.models import AbstractMedia, MediaType

from kolokol.multimedia.storage import sources


def source_upload_to(clip: Clip, filename: str) -> str:
    # A fresh folder per upload: a second file of the same name never
    # overwrites the first while its renditions are being made.
    return f"clips/{secrets.token_hex(8)}/{os.path.basename(filename)}"


class Clip(AbstractMedia):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be transcoded")
        TRANSCODING = "transcoding", _("Being transcoded")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be transcoded")

    file = models.FileField(
        _("file"),
        upload_to=source_upload_to,
        storage=sources,
        max_length=255,
        help_text=_(
            "The original recording. Readers never get this file: they get versions "
            "made from it, without the place, device and owner it may name."
        ),
    )
    credit = models.CharField(_("credit"), max_length=160, blank=True)
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_(
            "Everything that is said, for readers who cannot hear it and for search. "
            "Leave an empty line between paragraphs."
        ),
    )
    poster = models.ForeignKey(
        "media.NewsImage",
        verbose_name=_("poster picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown before a video plays and as a program episode's picture. "
            "Left empty, a frame of the video is taken."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("progress, per cent"), default=0)
    problem = models.TextField(_("problem"), blank=True, editable=False)
    # The source file the renditions were made from; another one means new work.
    transcoded_file = models.CharField(max_length=255, blank=True, editable=False)

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "credit",
        "transcript",
        "poster",
        "tags",
    )
    search_fields = [
        *AbstractMedia.search_fields,
        index.SearchField("transcript"),
        index.SearchField("credit"),
    ]

    class Meta:
        verbose_name = _("audio or video")
        verbose_name_plural = _("audio and video")

    @property
    def url(self) -> str:
        # wagtailmedia's admin links the file; editors get it through a view
        # that checks their permission (readers get renditions only).
        return reverse("multimedia_source", args=[self.pk]) if self.pk else ""

    @property
    def is_video(self) -> bool:
        return self.type == MediaType.VIDEO

    @property
    def ready(self) -> bool:
        return self.status == self.Status.READY

    def playable(self) -> list[ClipRendition]:
        """Progressive files, the lightest first: the order a player tries them in."""
        return [r for r in self._renditions() if r.name != ClipRendition.HLS]

    def hls(self) -> ClipRendition | None:
        return next((r for r in self._renditions() if r.name == ClipRendition.HLS), None)

    def lightest(self) -> ClipRendition | None:
        playable = self.playable()
        return playable[0] if playable else None

    def standard(self) -> ClipRendition | None:
        """The rendition a podcast client or a download gets: AAC, or the largest MP4."""
        playable = [r for r in self.playable() if r.mime_type in ("audio/mp4", "video/mp4")]
        if not self.is_video:
            playable = [r for r in playable if r.name == ClipRendition.STANDARD] or playable
        return playable[-1] if playable else None

    def _renditions(self) -> list[ClipRendition]:
        if "_rendition_list" not in self.__dict__:
            self._rendition_list = sorted(self.renditions.all(), key=ClipRendition.weight)
        return self._rendition_list

    def transcript_paragraphs(self) -> list[str]:
        return [
            part.strip() for part in self.transcript.replace("\r", "").split("\n\n") if part.strip()
        ]


class ClipRendition(models.Model):
    """One file made from a clip's source, or its HLS playlist with the segments beside it."""

    HLS = "hls"
    SPEECH = "speech"
    OPUS = "opus"
    STANDARD = "standard"

    clip = models.ForeignKey(Clip, on_delete=models.CASCADE, related_name="renditions")
    name = models.CharField(max_length=16)
    file = models.FileField(max_length=255)
    mime_type = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    bitrate = models.PositiveIntegerField(help_text="kbit/s")
    size = models.PositiveBigIntegerField(help_text="bytes, segments included")
    # HLS segments beside the playlist, by name, for mirrors and deletion.
    extra_files = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clip", "name"], name="one_rendition_per_name")
        ]

    def __str__(self) -> str:
        return f"{self.clip_id}: {self.name}"

    def weight(self) -> tuple[int, int]:
        return (self.bitrate, self.height or 0)

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def type_attribute(self) -> str:
        """The ``type`` of a ``<source>``, codecs included where browsers can use them."""
        return {
            "video/mp4": 'video/mp4; codecs="avc1.4D401E, mp4a.40.2"',
            "audio/mp4": 'audio/mp4; codecs="mp4a.40.2"',
            "audio/ogg": 'audio/ogg; codecs="opus"',
        }.get(self.mime_type, self.mime_type)

    def paths(self) -> list[str]:
        folder = os.path.dirname(self.file.name)
        return [self.file.name, *(f"{folder}/{name}" for name in self.extra_files)]


def language_choices() -> list[tuple[str, str]]:
    # A callable: languages added by the environment make no migration.
    return settings.LANGUAGES


class Caption(models.Model):
    """Captions or subtitles of a video (WebVTT), one file per language."""

    class Kind(models.TextChoices):
        SUBTITLES = "subtitles", _("Subtitles (a translation of what is said)")
        CAPTIONS = "captions", _("Captions (what is said and heard, for deaf readers)")

    clip = models.ForeignKey(
        Clip, on_delete=models.CASCADE, related_name="captions", verbose_name=_("audio or video")
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SUBTITLES)
    file = models.FileField(
        _("WebVTT file"),
        upload_to="captions/",
        help_text=_("A .vtt file, as subtitle editors export it."),
    )

    class Meta:
        verbose_name = _("captions")
        verbose_name_plural = _("captions")
        constraints = [
            models.UniqueConstraint(
                fields=["clip", "language", "kind"], name="one_caption_file_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.clip} ({self.get_language_display()})"

    @property
    def label(self) -> str:
        from django.utils.translation import get_language_info

        return get_language_info(self.language)["name_local"]
