"""A service's Telegram channel, and what Kolokol posted (or failed to post) to it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kolokol.core import sealing

TOKEN_KEY = b"kolokol telegram bot token"


class Channel(models.Model):
    """Where a service's new articles and breaking news are posted, through its bot.

    The bot token is stored encrypted (a key derived from SECRET_KEY): with
    it anyone can post in the service's name.
    """

    service = models.OneToOneField(
        "services.ServiceHomePage",
        on_delete=models.CASCADE,
        related_name="telegram_channel",
        verbose_name=_("service"),
    )
    chat = models.CharField(
        _("channel"),
        max_length=100,
        help_text=_("The channel's @name or numeric id; the bot must be one of its admins."),
    )
    public_url = models.URLField(
        _("channel link"), blank=True, help_text=_("Shown to readers, e.g. https://t.me/name.")
    )
    sealed_token = models.TextField(blank=True)
    post_articles = models.BooleanField(_("post new articles"), default=True)
    post_breaking = models.BooleanField(_("post breaking news"), default=True)

    class Meta:
        verbose_name = _("Telegram channel")

    def __str__(self) -> str:
        return self.chat

    @property
    def token(self) -> str:
        if not self.sealed_token:
            return ""
        return sealing.fernet(TOKEN_KEY).decrypt(self.sealed_token.encode()).decode()

    @token.setter
    def token(self, value: str) -> None:
        self.sealed_token = sealing.fernet(TOKEN_KEY).encrypt(value.encode()).decode()


class Post(models.Model):
    """One message for the channel: an article's first publication or a breaking item."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("posted")
        FAILED = "failed", _("failed")

    service = models.ForeignKey(
        "services.ServiceHomePage", on_delete=models.CASCADE, related_name="+"
    )
    # An article is posted once, however often it is published again.
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    breaking_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    text = models.TextField()
    link = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    message_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Telegram post")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
