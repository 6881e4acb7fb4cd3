"""Reader comments, likes and the per-service rules for them.

Nothing here records who a reader is. A comment keeps the name the reader
chose (or none) and the text; a like keeps a keyed hash that is only good
for one day and is deleted with that day's salt (see ``likes.py``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from kolokol.core import sitefacts

SHARE_NETWORKS = [
    ("telegram", "Telegram"),
    ("vk", "VK"),
    ("whatsapp", "WhatsApp"),
    ("facebook", "Facebook"),
    ("x", "X"),
    ("email", _("Email")),
    ("copy", _("Copy link")),
]
DEFAULT_NETWORKS = "telegram,vk,whatsapp,facebook,x,email,copy"


class Moderation(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments appear after a moderator approves them")
    POST = "post", _("Post-moderation: comments appear at once, moderators remove bad ones")


class CommentPolicy(models.Model):
    """How one language service takes comments, likes and shares.

    A service without a policy row gets the defaults: pre-moderation,
    comments closing 14 days after publication, every share network and
    no notice.
    """

    service = models.OneToOneField(
        "services.ServiceHomePage",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="comment_policy",
    )
    moderation = models.CharField(
        _("moderation"), max_length=8, choices=Moderation.choices, default=Moderation.PRE
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=14,
        help_text=_("Days after publication when an article stops taking comments; 0: never."),
    )
    max_length = models.PositiveIntegerField(_("longest comment (characters)"), default=2000)
    max_links = models.PositiveIntegerField(
        _("most links in a comment"),
        default=2,
        help_text=_("Comments with more links are refused: most spam is links."),
    )
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_("One word or phrase per line; comments containing any are refused."),
    )
    share_networks = models.CharField(
        _("share links"),
        max_length=200,
        default=DEFAULT_NETWORKS,
        blank=True,
        help_text=_(
            "Comma-separated, in the order shown: telegram, vk, whatsapp, facebook, x, "
            "email, copy. Each is a plain link; no network's script is ever loaded."
        ),
    )
    notice = models.TextField(
        _("notice for readers"),
        blank=True,
        help_text=_(
            "Shown where readers comment, like and share: e.g. that doing so may be "
            "punishable where they live while reading is not."
        ),
    )

    panels = [
        FieldPanel("service"),
        MultiFieldPanel(
            [FieldPanel("moderation"), FieldPanel("close_after_days")], heading=_("Comments")
        ),
        MultiFieldPanel(
            [FieldPanel("max_length"), FieldPanel("max_links"), FieldPanel("blocked_words")],
            heading=_("Spam and abuse"),
        ),
        FieldPanel("share_networks"),
        FieldPanel("notice"),
    ]

    class Meta:
        verbose_name = _("comment policy")
        verbose_name_plural = _("comment policies")

    def __str__(self) -> str:
        return str(self.service)

    @classmethod
    def for_service(cls, service) -> CommentPolicy:
        """The service's policy, or an unsaved one with the defaults."""
        if service is None:
            return cls()
        # Saving or deleting a policy moves the version these facts are kept under.
        policies = sitefacts.facts().kept(
            "comment_policies", lambda: {p.service_id: p for p in cls.objects.all()}
        )
        return policies.get(service.pk) or cls(service=service)

    @property
    def networks(self) -> list[str]:
        known = dict(SHARE_NETWORKS)
        wanted = [n.strip().lower() for n in self.share_networks.split(",")]
        return [n for n in dict.fromkeys(wanted) if n in known]

    @property
    def blocked(self) -> list[str]:
        return [w.strip().casefold() for w in self.blocked_words.splitlines() if w.strip()]

    def is_open(self, article) -> bool:
        """Whether ``article`` takes comments now."""
        if getattr(article, "comments_closed", False):
            return False
        if self.close_after_days and article.first_published_at:
            return timezone.now() < article.first_published_at + timedelta(
                days=self.close_after_days
            )
        return True


class State(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=State.APPROVED)


class Comment(models.Model):
    """One reader comment on an article, or a reply to one (one level deep)."""

    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    body = models.TextField(_("comment"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    likes = models.PositiveIntegerField(_("likes"), default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", "Can moderate comments of their service")]
        indexes = [models.Index(fields=["article", "state", "created_at"])]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class ArticleLikes(models.Model):
    """How many readers liked an article (the count survives the daily tokens)."""

    article = models.OneToOneField(
        "articles.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.article_id}: {self.count}"


class LikeToken(models.Model):
    """ "This reader liked this item today", as a keyed hash; purged after the day."""

    day = models.DateField(db_index=True)
    item = models.CharField(max_length=32)  # "a:<article id>" or "c:<comment id>"
    reader = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "item", "reader"], name="one_like_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.item}"
