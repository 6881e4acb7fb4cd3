"""Radio and TV programs of a service, each a podcast.

A program is a kind of section (a multi-table subclass of ``SectionPage``):
its episodes are articles filed under it whose lead is a video or audio
clip, so the home page, listings, feeds, sitemaps and search take them as
they take every article. What a program adds is what podcast apps need:
square artwork, a category, and its feed at ``<program>/podcast.rss``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from kolokol.multimedia.models import Clip
from kolokol.sections.models import SectionPage

FEED_NAME = "podcast.rss"

# Apple Podcasts' categories a news service files its programs under.
CATEGORIES = [
    ("News", _("News")),
    ("News|Daily News", _("News: daily news")),
    ("News|Politics", _("News: politics")),
    ("News|News Commentary", _("News: commentary")),
    ("Society & Culture", _("Society and culture")),
    ("Society & Culture|Documentary", _("Society and culture: documentary")),
    ("History", _("History")),
    ("Education", _("Education")),
    ("Arts", _("Arts")),
    ("Music", _("Music")),
    ("Government", _("Government")),
]


class ProgramPage(SectionPage):
    class Medium(models.TextChoices):
        RADIO = "radio", _("Radio program")
        TV = "tv", _("TV program")
        PODCAST = "podcast", _("Podcast")

    medium = models.CharField(_("kind"), max_length=8, choices=Medium.choices, default=Medium.RADIO)
    about = models.TextField(
        _("about the program"),
        blank=True,
        help_text=_("Who makes it, when it is on air, what it covers. Podcast apps show it too."),
    )
    artwork = models.ForeignKey(
        "media.NewsImage",
        verbose_name=_("artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square, at least 1400 × 1400 pixels: podcast apps ask for that."),
    )
    hosts = models.CharField(
        _("hosts"),
        max_length=200,
        blank=True,
        help_text=_("Shown as the podcast's author. Left empty, the service's name."),
    )
    category = models.CharField(
        _("podcast category"), max_length=64, choices=CATEGORIES, default="News"
    )
    explicit = models.BooleanField(
        _("explicit content"),
        default=False,
        help_text=_("Podcast apps warn listeners and hide it from children's accounts."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("medium"),
        FieldPanel("intro"),
        FieldPanel("about"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [FieldPanel("hosts"), FieldPanel("category"), FieldPanel("explicit")],
            heading=_("Podcast"),
        ),
    ]
    parent_page_types = ["services.ServiceHomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "programs/program_page.html"

    class Meta:
        verbose_name = _("program")

    def articles(self):
        return super().articles().select_related("lead_clip")

    def episodes(self):
        """Its articles that lead with a playable clip, newest first."""
        return (
            self.articles()
            .filter(lead_clip__status=Clip.Status.READY)
            .order_by("-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The newest episode plays at the top of the program's first page.
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.kwargs.get("number") in (None, 1):
            context["latest_episode"] = self.episodes().select_related("lead_clip").first()
        return context

    @property
    def feed_url(self) -> str:
        return self.url + FEED_NAME

    def listed_files(self) -> list[str]:
        """Files beside the program that list its episodes (the publisher renders them again)."""
        return [self.feed_url]
