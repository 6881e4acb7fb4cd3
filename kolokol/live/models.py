"""Live coverage: a live blog is an article whose story arrives in posts.

The page (``LiveBlogPage``) is an article like any other (a kind of it, so
sections, feeds, sitemaps and search list it): headline, standfirst, lead
picture and an introduction, plus the highlights ("what we know") and the
period it is live. Posts (``LivePost``) are objects of their own, not parts
of the page: several editors post at once without one's save overwriting
another's, and a new post re-renders the live page, not the page's
revision history. Once the period ends the page reads as an archived
article; its posts stay.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.url_routing import RouteResult

from kolokol.articles.models import ArticlePage, ArticlePageManager
from kolokol.core.blocks import ArticleBodyBlock

# Posts to a page: the front shows the newest this many, archive pages as many each.
POSTS_PER_PAGE = 20


class LiveBlogPage(ArticlePage):
    """A live blog: an article with posts, newest first, while the story unfolds."""

    objects = ArticlePageManager()

    live_from = models.DateTimeField(
        _("live from"),
        default=timezone.now,
        help_text=_("When the coverage starts: from then its teasers carry the LIVE badge."),
    )
    live_until = models.DateTimeField(
        _("live until"),
        null=True,
        blank=True,
        help_text=_(
            "When the coverage ends; empty while it goes on. Afterwards the page reads as "
            "an archived article and its posts stay."
        ),
    )
    highlights = StreamField(
        [("point", blocks.CharBlock(label=_("point"), max_length=300))],
        blank=True,
        verbose_name=_("what we know"),
        help_text=_("The few facts a reader arriving now needs first, kept current."),
    )
    posts_need_review = models.BooleanField(
        _("reporters' posts need review"),
        default=True,
        help_text=_(
            "Posts by reporters wait for an editor to publish them. Switch off for fast-moving "
            "coverage where reporters publish their own posts."
        ),
    )

    content_panels = [
        *ArticlePage.content_panels[:5],
        MultiFieldPanel(
            [FieldPanel("live_from"), FieldPanel("live_until")],
            heading=_("Live period"),
        ),
        FieldPanel("highlights"),
        *ArticlePage.content_panels[5:],
    ]
    # Not offered to partner sites: a copy would be out of date with the next post.
    settings_panels = [
        *(p for p in ArticlePage.settings_panels if getattr(p, "field_name", "") != "republishing"),
        FieldPanel("posts_need_review"),
    ]
    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []
    template = "live/live_blog_page.html"

    class Meta:
        verbose_name = _("live blog")

    def clean(self) -> None:
        super().clean()
        if self.live_until and self.live_from and self.live_until <= self.live_from:
            raise ValidationError({"live_until": _("The coverage must end after it starts.")})

    @property
    def republishable(self) -> bool:
        return False

    def is_live(self, now: datetime | None = None) -> bool:
        """Within its live period now."""
        now = now or timezone.now()
        return self.live_from <= now and (self.live_until is None or now < self.live_until)

    def published_posts(self):
        return self.posts.filter(status=LivePost.Status.PUBLISHED)

    def pinned_post(self) -> LivePost | None:
        return self.published_posts().filter(pinned=True).order_by("-posted_at").first()

    def posts_page(self, number: int | None = None):
        """The front (``number`` None) or archive page ``number`` of the posts."""
        from kolokol.live.paging import posts_page

        if number is not None:
            return posts_page(self, number)
        # The front is asked twice per render (the page and its JSON-LD): read once.
        if "_front_posts" not in self.__dict__:
            self._front_posts = posts_page(self)
        return self._front_posts

    def updates_url(self) -> str:
        return f"{self.url}updates.json"

    def listed_also(self) -> list[str]:
        """Its posts' feed, and the small file open pages poll (publisher's hook)."""
        from kolokol.live.addresses import page_files

        return page_files(self)

    def linked_data(self, data: dict[str, Any], canonical: str) -> dict[str, Any]:
        from kolokol.live.linked_data import live_blog_posting

        return live_blog_posting(self, data, canonical)

    def route(self, request, path_components: list[str]):
        """``page/<n>/``: an archive page of the posts, served as the page itself.

        Not a RoutablePage: its views would bypass the article's ``serve``,
        which puts the service's language, time zone and headers on the page.
        """
        if (
            self.live
            and len(path_components) == 2
            and path_components[0] == "page"
            and path_components[1].isdigit()
        ):
            return RouteResult(self, kwargs={"posts_page": int(path_components[1])})
        return super().route(request, path_components)

    def get_context(self, request, *args, posts_page: int | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = self.posts_page(posts_page)
        return context


class LivePostQuerySet(models.QuerySet):
    def published(self) -> LivePostQuerySet:
        return self.filter(status=LivePost.Status.PUBLISHED)

    def on_live_page(self) -> LivePostQuerySet:
        return self.filter(page__live=True)

    def needing_review(self) -> LivePostQuerySet:
        return self.filter(status=LivePost.Status.SUBMITTED)


class LivePost(models.Model):
    """One post on a live blog: its own row, edited and published on its own."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")

    page = models.ForeignKey(
        LiveBlogPage, verbose_name=_("live blog"), on_delete=models.CASCADE, related_name="posts"
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    key_update = models.BooleanField(
        _("key update"),
        default=False,
        help_text=_("Marked for readers as one of the main developments."),
    )
    pinned = models.BooleanField(
        _("pinned"),
        default=False,
        help_text=_("Shown at the top of the live blog until unpinned (the newest pin wins)."),
    )
    author = models.ForeignKey(
        "people.AuthorPage",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The name shown with the post."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    posted_at = models.DateTimeField(
        _("posted at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set when the post is published; readers see this time."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LivePostQuerySet.as_manager()

    panels = [
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldPanel("author"),
        MultiFieldPanel([FieldPanel("key_update"), FieldPanel("pinned")], heading=_("Flags")),
    ]

    class Meta:
        verbose_name = _("live post")
        verbose_name_plural = _("live posts")
        ordering = ["-posted_at", "-pk"]
        indexes = [
            models.Index(
                fields=["page", "posted_at"],
                name="live_post_published",
                condition=Q(status="published"),
            )
        ]
        permissions = [("publish_livepost", _("Can publish live posts"))]

    def __str__(self) -> str:
        return self.headline or self.summary()

    def summary(self, length: int = 80) -> str:
        """The post's first words, for lists where it has no headline."""
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        for block in self.body:
            if block.block_type == "paragraph":
                return Truncator(strip_tags(block.value.source)).chars(length)
        return str(_("Post %(number)s")) % {"number": self.pk or ""}

    @property
    def anchor(self) -> str:
        return f"post-{self.pk}"
