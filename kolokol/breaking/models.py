"""Breaking news: a banner on every page of a service while it is current."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel


def default_expiry():
    return timezone.now() + timedelta(hours=6)


class BreakingNewsQuerySet(models.QuerySet):
    def active(self, at=None):
        """Items showing now (or at ``at``): started and not yet expired, newest first."""
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, expires_at__gt=at).order_by("-starts_at")


class BreakingNews(models.Model):
    """A breaking-news item of one service.

    It shows as a banner from its start until its expiry, then disappears by
    itself; clearing it early means setting the expiry to now or deleting it.
    """

    service = models.ForeignKey(
        "services.ServiceHomePage",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="breaking_news",
    )
    headline = models.CharField(_("headline"), max_length=200)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("linked article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(
        _("or link address"), blank=True, help_text=_("Used when no article is chosen.")
    )
    starts_at = models.DateTimeField(_("shows from"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("shows until"),
        default=default_expiry,
        help_text=_("The banner disappears by itself at this time."),
    )

    objects = BreakingNewsQuerySet.as_manager()

    panels = [
        FieldPanel("service"),
        FieldPanel("headline"),
        MultiFieldPanel(
            [PageChooserPanel("link_page", "articles.ArticlePage"), FieldPanel("link_url")],
            heading=_("Link"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("expires_at")], heading=_("When")),
    ]

    class Meta:
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["service", "expires_at", "starts_at"])]

    def __str__(self) -> str:
        return self.headline

    def clean(self) -> None:
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("The banner must stop after it starts.")})
        if self.link_page and self.link_url:
            raise ValidationError(
                {"link_url": _("Choose an article or give an address, not both.")}
            )

    @property
    def url(self) -> str:
        if self.link_page_id and self.link_page and self.link_page.live:
            return self.link_page.url
        return self.link_url

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.starts_at <= at < self.expires_at
