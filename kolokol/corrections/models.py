"""Corrections and updates: dated notes an editor adds to a published article.

A note is part of the article (a child of its page, edited in an inline
panel), so adding one is an edit like any other: it makes a revision, goes
through the service's workflow and appears in the audit log when published.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel


class NoteKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")


class ArticleNote(models.Model):
    """A correction (we got something wrong) or an update (the story moved on)."""

    article = ParentalKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,
        related_name="article_notes",
        verbose_name=_("article"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=NoteKind.choices,
        default=NoteKind.CORRECTION,
        help_text=_(
            "A correction says what was wrong and what is right now; "
            "an update says what has happened since publication."
        ),
    )
    noted_at = models.DateTimeField(
        _("date and time"),
        default=timezone.now,
        help_text=_(
            "Shown with the note. If it is later than the article's “updated” time, "
            "the article is marked as updated at this time."
        ),
    )
    text = models.TextField(
        _("text"),
        max_length=1000,
        help_text=_("E.g. “An earlier version of this article gave the wrong date for the vote.”"),
    )

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["-noted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_correction(self) -> bool:
        return self.kind == NoteKind.CORRECTION


def notes_of_service(service):
    """Notes on the live, public articles of ``service``, newest first.

    Joined from the notes, which are few, to their articles: asking for notes
    whose article is among the service's live articles made the database
    list all of those first (170 ms a query on a 100,000-article archive).
    """
    from kolokol.core import sitefacts

    notes = ArticleNote.objects.filter(article__live=True, article__path__startswith=service.path)
    return (
        sitefacts.public(notes, "article__").select_related("article").order_by("-noted_at", "-pk")
    )
