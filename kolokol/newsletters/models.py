"""A service's newsletter: its subscribers, the addresses never to write to, and what was sent.

A reader's address is personal data that a government asking for "the list
of subscribers" would want: it is stored encrypted (``addresses.seal``), and
found by a keyed digest, never by the address itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    service = models.ForeignKey(
        "services.ServiceHomePage",
        on_delete=models.CASCADE,
        related_name="newsletter_subscribers",
        verbose_name=_("service"),
    )
    # HMAC of the normalised address under a key derived from SECRET_KEY.
    digest = models.CharField(max_length=64)
    sealed_address = models.TextField()
    daily = models.BooleanField(_("daily digest"), default=True)
    breaking = models.BooleanField(_("breaking news"), default=False)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Deliveries refused for a while (4xx), reset by one that succeeds.
    soft_bounces = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("subscriber")
        constraints = [
            models.UniqueConstraint(fields=["service", "digest"], name="one_subscription_each")
        ]
        indexes = [models.Index(fields=["service", "confirmed"])]

    def __str__(self) -> str:
        return f"subscriber {self.pk}"


class Suppression(models.Model):
    """An address no newsletter of this installation writes to again: it bounced or complained."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("undeliverable")
        COMPLAINT = "complaint", _("marked as spam")

    digest = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")

    def __str__(self) -> str:
        return f"{self.reason} {self.digest[:8]}"


class Issue(models.Model):
    """One mailing of a service's newsletter, from queued to sent."""

    class Kind(models.TextChoices):
        DIGEST = "digest", _("daily digest")
        BREAKING = "breaking", _("breaking news")
        EDITION = "edition", _("edited by hand")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    service = models.ForeignKey(
        "services.ServiceHomePage", on_delete=models.CASCADE, related_name="newsletter_issues"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    articles = models.JSONField(default=list)  # page ids, in the order shown
    link = models.URLField(blank=True)  # a breaking item's address outside the site
    # A breaking item is announced once however many times it is saved.
    breaking_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    # Subscribers are written to in order of id; a retried task goes on after this one.
    last_subscriber = models.PositiveBigIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
