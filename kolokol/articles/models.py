"""The article: what readers come for."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtailmedia.widgets import AdminMediaChooser

from kolokol.articles.forms import ArticlePageForm
from kolokol.core import sitefacts
from kolokol.core.alt_text import require_alt_text, require_transcript
from kolokol.core.blocks import ArticleBodyBlock
from kolokol.services.models import ServicePageMixin

RELATED_LIMIT = 4


def article_view(name: str):
    """The view an app built on this one gives an article's ``name/`` address, or None.

    The copy for partner sites lives at ``<article>/republish/`` but is made by
    ``kolokol.republishing``, which registers its view under the Wagtail hook
    ``kolokol_article_republish``, as search does for a service's ``search/``
    (``kolokol.services.models.service_view``).
    """
    views = hooks.get_hooks(f"kolokol_article_{name}")
    return views[-1] if views else None


# Whether partner sites may republish an article: None leaves it to the service.
REPUBLISHING_CHOICES = [
    (None, _("as the service decides")),
    (True, _("allowed")),
    (False, _("not allowed")),
]


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageQuerySet(PageQuerySet):
    """How every app selects articles: a service's, a section's, an author's, a topic's.

    Each listing is live and public articles, newest first; the apps below this
    one (services, sections) reach it through ``core.pages.page_type``.
    """

    def public(self) -> ArticlePageQuerySet:
        """Without the articles under a view restriction.

        Wagtail's ``public()`` asks the database for the restrictions each
        time; these come from the site facts kept until the cache clock moves.
        """
        return sitefacts.public(self)

    def listed(self) -> ArticlePageQuerySet:
        """Live and public, newest first: what readers may see listed."""
        return self.live().public().order_by("-first_published_at")

    def in_service(self, service) -> ArticlePageQuerySet:
        return self.descendant_of(service).listed()

    def in_section(self, section) -> ArticlePageQuerySet:
        return self.child_of(section).listed()

    def by_author(self, author) -> ArticlePageQuerySet:
        # By the bylines' page ids, not a join: see ``tagged``.
        return self.filter(pk__in=ArticleAuthor.objects.filter(author=author).values("page_id"))

    def tagged(self, tag_ids: Iterable[int]) -> ArticlePageQuerySet:
        """Articles carrying any of ``tag_ids``.

        Filtered by ``pk__in`` a subquery, rather than joining the tag table
        and adding DISTINCT, so the database walks the newest pages by their
        publication-time index and stops at the first few: on a 100,000
        article archive that is milliseconds instead of half a second.
        """
        return self.filter(
            pk__in=ArticleTag.objects.filter(tag_id__in=list(tag_ids)).values("content_object_id")
        )

    def taggings(self):
        """The tagging rows of these articles (topic counts and dates)."""
        return ArticleTag.objects.filter(content_object_id__in=self.values("pk")).order_by()


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleAuthor(Orderable):
    """One name in an article's byline, in the order editors set."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "people.AuthorPage",
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="bylines",
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")


class ArticlePage(ServicePageMixin, Page):
    """A news article. Its section is the section page it is filed under.

    The page title is the headline. Publication time is when it was first
    published; "updated" is set by editors when the story changes materially,
    not on every typo fix.
    """

    objects = ArticlePageManager()

    kicker = models.CharField(
        _("kicker"),
        max_length=60,
        blank=True,
        help_text=_("A word or two above the headline, e.g. “Exclusive” or “Analysis”."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        help_text=_("One or two sentences under the headline that sum up the story."),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        blank=True,
        help_text=_("Where the story was reported from, e.g. “BISHKEK”."),
    )
    updated_at = models.DateTimeField(
        _("updated at"),
        null=True,
        blank=True,
        help_text=_("Set when the story has changed materially since it was first published."),
    )
    lead_image = models.ForeignKey(
        "media.NewsImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown under the headline and in lists. Its alt text and credit come with it."),
    )
    lead_image_caption = models.CharField(
        _("lead image caption"),
        max_length=300,
        blank=True,
        help_text=_("What the reader should know about the picture, shown under it."),
    )
    lead_clip = models.ForeignKey(
        "multimedia.Clip",
        verbose_name=_("lead video or audio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Makes this a video or audio story: the player takes the lead image's place "
            "at the top (the lead image still shows in lists), and feeds carry the file."
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=ArticleTag,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Topics link this article to others on the same subject."),
    )
    comments_closed = models.BooleanField(
        _("comments closed"),
        default=False,
        help_text=_("Readers can no longer comment; the comments already shown stay."),
    )
    # Yes, no, or the service's choice: a form that leaves it out keeps it as it is.
    republishing = models.BooleanField(
        _("republishing by partner sites"),
        null=True,
        blank=True,
        default=None,
        choices=REPUBLISHING_CHOICES,
        help_text=_(
            "Whether partner sites may copy this article from its “Republish this article” "
            "page. Choose “not allowed” when part of it is not ours to give (an agency photo) "
            "or when a copy elsewhere could put a source at risk."
        ),
    )

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel("title", heading=_("Headline"), placeholder=_("Headline")),
        FieldPanel("standfirst"),
        InlinePanel("bylines", label=_("Byline")),
        FieldPanel("dateline"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")],
            heading=_("Lead image"),
        ),
        FieldPanel("lead_clip", widget=AdminMediaChooser),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "article_notes",
            heading=_("Corrections and updates"),
            label=_("Correction or update"),
            help_text=_(
                "Readers see updates under the standfirst and corrections after the text, "
                "each with its date, and on the service's corrections page."
            ),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("updated_at")]
    base_form_class = ArticlePageForm
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("comments_closed"),
        FieldPanel("republishing"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("first_published_at"),
    ]
    # A program's episodes are articles too (kolokol.programs).
    parent_page_types = ["sections.SectionPage", "programs.ProgramPage"]
    subpage_types: list[str] = []
    # Fetched with the article when a reader's request finds it (PortalPage.route).
    route_select_related = ("lead_image", "lead_clip")

    class Meta:
        verbose_name = _("article")

    @property
    def section(self) -> Page:
        # Routing found the section on its way here (PortalPage.route).
        return getattr(self, "_kolokol_parent", None) or self.get_parent()

    @property
    def republishable(self) -> bool:
        """Whether partner sites may copy this article: its own choice, else its service's.

        Never while its service has chosen no licence to offer it under.
        """
        service = self.service
        if service is None or not service.republishing_licence:
            return False
        if self.republishing is None:
            return service.republishing_allowed
        return self.republishing

    def route(self, request: HttpRequest, path_components: list[str]):
        # An article has no child pages. One name below it may be an address
        # that an app above this one answers (``republish/``, see article_view).
        if len(path_components) == 1 and self.live:
            view = article_view(path_components[0])
            if view is not None:
                # Passed as RoutablePageMixin passes its views, so a kind of
                # article that is also routable serves it the same way.
                return RouteResult(self, kwargs={"view": partial(view, article=self)})
        return super().route(request, path_components)

    def serve(self, request: HttpRequest, *args: Any, view=None, **kwargs: Any):
        # Wagtail's serve view checked the article's view restrictions (its
        # before_serve_page hook) before either.
        if view is not None:
            return view(request)
        return super().serve(request, *args, **kwargs)

    def clean(self) -> None:
        super().clean()
        try:
            require_alt_text(self.lead_image)
        except ValidationError as error:
            raise ValidationError({"lead_image": error}) from None
        try:
            require_transcript(self.lead_clip)
        except ValidationError as error:
            raise ValidationError({"lead_clip": error}) from None
        # A note newer than the "updated" time moves it on: readers and feeds
        # see that the story changed. Runs for every revision and save.
        newest = max((note.noted_at for note in self.article_notes.all()), default=None)
        since = self.updated_at or self.first_published_at
        if newest is not None and (since is None or newest > since):
            self.updated_at = newest

    def notes(self) -> list:
        """Corrections and updates of this article, newest first (page, feeds)."""
        # Sorted here, not by the database: in a preview they are unsaved.
        return sorted(self.article_notes.all(), key=lambda note: note.noted_at, reverse=True)

    def authors(self) -> list:
        """The bylines' authors, in order (asked by the byline and the JSON-LD: fetched once)."""
        if "_authors" not in self.__dict__:
            bylines = self.bylines.select_related("author").only(
                "page_id", "author__title", "author__url_path", "author__live"
            )
            self._authors = [byline.author for byline in bylines]
        return self._authors

    def related_articles(self, tags=None) -> list:
        """Other live articles of the service sharing a topic, newest first.

        Taken from the topic listings' order (``newest_ids``), which the topic
        pages keep anyway: a query that sorted every article carrying a
        common topic took 35 ms per article on a 100,000-article archive.
        """
        from kolokol.core.pages import newest_ids
        from kolokol.sections.models import topic_key

        service = self.service
        tag_ids = [tag.pk for tag in (self.tags.all() if tags is None else tags)]
        if not tag_ids or service is None:
            return []

        def topic(tag_id: int):
            return lambda: ArticlePage.objects.in_service(service).tagged([tag_id])

        candidates = {
            pk
            for tag_id in tag_ids
            for pk in newest_ids(topic(tag_id), topic_key(service, tag_id))[: RELATED_LIMIT + 1]
            if pk != self.pk
        }
        # Live and public when the listing was read (the key moves with every publish).
        newest = ArticlePage.objects.filter(pk__in=candidates).order_by("-first_published_at")
        # A link each: the title and the address, not whole articles.
        return list(newest.only("title", "url_path")[:RELATED_LIMIT])

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        topic_index = context.get("topic_index")
        tags = list(self.tags.all())
        context["topics"] = [
            (tag, f"{topic_index.url}{tag.slug}/" if topic_index else None) for tag in tags
        ]
        context["related"] = self.related_articles(tags)
        notes = self.notes()
        context["updates"] = [note for note in notes if not note.is_correction]
        context["corrections"] = [note for note in notes if note.is_correction]
        return context
