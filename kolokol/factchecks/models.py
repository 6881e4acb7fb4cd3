"""Fact-checks: a claim, who made it, the verdict on the service's own scale, the
reasoning and the sources; and each service's index of them.

A fact-check is an article (``FactCheckPage`` extends ``ArticlePage`` in its
own table), so sections, topics, authors, feeds, sitemaps, search, the
publisher and the text edition list it like any other story; what it adds
is shown on its own page, on the fact-check index and to search engines
as schema.org ``ClaimReview``.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Max, Min
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from kolokol.articles.models import ArticlePage, ArticlePageQuerySet
from kolokol.core.pages import archive_page, archive_page_of, newest_ids
from kolokol.factchecks.blocks import SourcesBlock
from kolokol.factchecks.forms import FactCheckPageForm
from kolokol.factchecks.linked_data import claim_review
from kolokol.services.models import ServicePageMixin


class Rating(models.Model):
    """One verdict on a service's fact-check scale, e.g. "Misleading".

    Each service keeps its own scale, worded in its own language; a new
    service starts with five ratings (``scale.DEFAULT_SCALE``). The position
    on the scale (1 is the worst) is what search engines get with the label.
    """

    service = models.ForeignKey(
        "services.ServiceHomePage",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="fact_check_ratings",
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        help_text=_("The verdict as readers see it, in the service's language, e.g. “Misleading”."),
    )
    value = models.PositiveSmallIntegerField(
        _("position on the scale"),
        validators=[MinValueValidator(1)],
        help_text=_(
            "1 for the worst verdict (a false claim), higher numbers for verdicts closer to "
            "the truth. Search engines are given this number with the label."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "When this verdict is given, in one sentence. Readers see it in the legend "
            "of the fact-check index."
        ),
    )

    panels = [
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("label"), FieldPanel("value")]),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("fact-check rating")
        verbose_name_plural = _("fact-check ratings")
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "value"],
                name="factchecks_rating_one_per_position",
                violation_error_message=_(
                    "The service already has a rating at this position on the scale."
                ),
            ),
            models.UniqueConstraint(
                fields=["service", "label"],
                name="factchecks_rating_unique_label",
                violation_error_message=_("The service already has a rating with this label."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        # A verdict in use belongs to its service's fact-checks: moved to
        # another service, they would show a verdict from a foreign scale.
        if self.pk is None:
            return
        was = Rating.objects.filter(pk=self.pk).values_list("service_id", flat=True).first()
        if was is not None and was != self.service_id and self.fact_checks.exists():
            raise ValidationError(
                {"service": _("Fact-checks carry this verdict: it stays with its service.")}
            )

    @cached_property
    def scale_bounds(self) -> tuple[int, int]:
        """The lowest and highest positions on this rating's scale (the service's)."""
        bounds = Rating.objects.filter(service_id=self.service_id).aggregate(
            worst=Min("value"), best=Max("value")
        )
        worst, best = bounds["worst"], bounds["best"]
        return (
            min(worst or self.value, self.value),
            max(best or self.value, self.value),
        )

    @property
    def worst_value(self) -> int:
        return self.scale_bounds[0]

    @property
    def best_value(self) -> int:
        return self.scale_bounds[1]

    @property
    def tone(self) -> str:
        """Where the verdict sits on its scale, for its styling: "low", "middle" or "high".

        Only a hint: the label always says the verdict in words.
        """
        worst, best = self.scale_bounds
        if best <= worst:
            return "middle"
        share = (self.value - worst) / (best - worst)
        if share < 1 / 3:
            return "low"
        return "high" if share > 2 / 3 else "middle"


FactCheckPageManager = PageManager.from_queryset(ArticlePageQuerySet)


def _fact_check_panels(article_panels: list) -> list:
    """The article's panels with the claim and verdict under the standfirst, the body
    as the reasoning, and the sources after it."""
    claim = MultiFieldPanel(
        [
            FieldPanel("claim"),
            FieldRowPanel([FieldPanel("claimant"), FieldPanel("claimant_kind")]),
            FieldRowPanel([FieldPanel("claim_date"), FieldPanel("claim_url")]),
            # A list of the service's verdicts (FactCheckPageForm), not a chooser of all.
            FieldPanel("rating", widget=forms.RadioSelect),
        ],
        heading=_("Claim and verdict"),
    )
    panels = []
    for panel in article_panels:
        name = getattr(panel, "field_name", None)
        if name == "body":
            panels += [
                FieldPanel(
                    "body",
                    heading=_("Reasoning"),
                    help_text=_(
                        "How we checked the claim and what we found: the reasons for the verdict."
                    ),
                ),
                FieldPanel("sources"),
            ]
            continue
        panels.append(panel)
        if name == "standfirst":
            panels.append(claim)
    return panels


class FactCheckPage(ArticlePage):
    """A fact-check: a claim someone made, checked, with a verdict on the service's scale.

    The article's body is the reasoning; the claim, who made it, when and
    where, the verdict and the sources are fields of their own, shown in a
    box at the top of the page and told to search engines as a ClaimReview.
    """

    PERSON = "person"
    ORGANIZATION = "organization"
    CLAIMANT_KINDS = [(PERSON, _("a person")), (ORGANIZATION, _("an organisation or group"))]

    claim = models.TextField(
        _("claim"),
        max_length=600,
        help_text=_(
            "The statement checked, word for word where possible, without quotation marks. "
            "Search results show it too: under 75 characters reads best there."
        ),
    )
    claimant = models.CharField(
        _("who said it"),
        max_length=200,
        help_text=_("The person or organisation that made the claim, e.g. “Mayor Anna Ivanova”."),
    )
    claimant_kind = models.CharField(
        _("who said it is"),
        max_length=12,
        choices=CLAIMANT_KINDS,
        default=PERSON,
        help_text=_("Search engines are told whether a person or an organisation made the claim."),
    )
    claim_date = models.DateField(
        _("when it was said"),
        null=True,
        blank=True,
        help_text=_("The day the claim was made or first seen, if known."),
    )
    claim_url = models.URLField(
        _("where it appeared"),
        max_length=500,
        blank=True,
        help_text=_(
            "The address of the speech, post or article making the claim. Readers get the "
            "link; search engines are asked not to follow it."
        ),
    )
    # Nullable so that a draft may be saved before the verdict is reached;
    # publishing asks for it (blank=False).
    rating = models.ForeignKey(
        Rating,
        verbose_name=_("verdict"),
        null=True,
        on_delete=models.PROTECT,
        related_name="fact_checks",
        help_text=_(
            "On the service's own scale. Chief editors and editors keep the scale under "
            "Snippets → Fact-check ratings."
        ),
    )
    sources = StreamField(
        SourcesBlock(),
        verbose_name=_("sources"),
        blank=True,
        help_text=_("The documents, data and people we consulted, listed after the reasoning."),
    )

    objects = FactCheckPageManager()

    content_panels = _fact_check_panels(ArticlePage.content_panels)
    base_form_class = FactCheckPageForm
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("claim", boost=2),
        index.SearchField("claimant"),
    ]
    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("fact-check")
        verbose_name_plural = _("fact-checks")

    def clean(self) -> None:
        super().clean()
        if self.rating_id is None:
            return
        service = self._service_for_checks()
        if service is not None and self.rating.service_id != service.pk:
            raise ValidationError({"rating": _("Choose a verdict from this service's own scale.")})

    def _service_for_checks(self):
        """The page's service, also while it is being made (not yet in the tree)."""
        if self.path:
            return self.service
        # Wagtail's add-child view sets the parent before validating.
        parent = getattr(self, "_cached_parent_obj", None)
        return getattr(parent.specific, "service", None) if parent is not None else None

    @property
    def claimant_type(self) -> str:
        """The schema.org type of whoever made the claim."""
        return "Organization" if self.claimant_kind == self.ORGANIZATION else "Person"

    @property
    def claim_site(self) -> str:
        """The host name of the claim's address, as the link to it reads."""
        host = urlsplit(self.claim_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def claim_day(self) -> datetime | None:
        """The claim's date as a (naive, midday) moment, for the ``newsdate`` filter,
        which writes dates the readers' way (Persian pages in the Solar Hijri calendar)."""
        return datetime.combine(self.claim_date, time(12)) if self.claim_date else None

    def fact_check_index(self) -> FactCheckIndexPage | None:
        service = self.service
        return FactCheckIndexPage.of_service(service) if service is not None else None

    def listed_also(self) -> list[str]:
        """The publisher's question: the fact-check index's pages that show this one."""
        index = self.fact_check_index()
        return index.archive_urls(self) if index is not None and index.url else []

    def linked_data(self, data: dict[str, Any], canonical: str | None) -> dict[str, Any]:
        """The page as a schema.org ``ClaimReview``, made from the NewsArticle ``data``.

        Only properties schema.org defines on each type, and those Google
        asks of a fact-check (claimReviewed, reviewRating with its
        alternateName, url, author). A draft without a verdict stays a
        NewsArticle.
        """
        if self.rating is None:
            return data
        return claim_review(self, data, canonical)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["fact_check_index"] = self.fact_check_index()
        return context


class FactCheckIndexPage(ServicePageMixin, RoutablePageMixin, Page):
    """A service's fact-checks, newest first, with the legend of its rating scale.

    At most one per service, directly under its home page. Archive pages at
    ``page/1/``, ``page/2/`` … are numbered from the oldest, as a section's,
    so a new fact-check changes the front and the newest archive page only.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences on what the newsroom checks and how it chooses."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["services.ServiceHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("fact-check index")

    @classmethod
    def of_service(cls, service) -> FactCheckIndexPage | None:
        """The service's live fact-check index, if it has one."""
        return cls.objects.child_of(service).live().first()

    def fact_checks(self):
        """The service's live, public fact-checks, newest first."""
        return FactCheckPage.objects.in_service(self.service).select_related("rating", "lead_image")

    @property
    def listing_key(self) -> tuple:
        """Names this listing for ``newest_ids`` (its pages and the publisher)."""
        return ("fact-checks", self.pk)

    def ratings(self) -> list[Rating]:
        """The service's scale, best verdict first (the legend)."""
        ratings = list(Rating.objects.filter(service=self.service).order_by("-value"))
        _know_bounds(ratings, ratings)
        return ratings

    def archive_urls(self, fact_check: FactCheckPage) -> list[str]:
        """The front, and the archive pages that show ``fact_check`` or changed with it.

        Published: the front, the newest archive page and the one before it
        (whose "newer" link may now lead to a page just begun), and the page
        holding it. Withdrawn: every page from the one that held it to the
        last, since each of them moved up by one (the last may now be empty
        and leaves the store).
        """
        items = self.fact_checks()
        ids = newest_ids(items, self.listing_key)
        newest = archive_page_of(max(len(ids) - 1, 0))
        if fact_check.pk in ids:
            held = archive_page_of(len(ids) - 1 - ids.index(fact_check.pk))
            pages = {newest, max(newest - 1, 1), held}
        else:
            older = 0
            if fact_check.first_published_at is not None:
                older = items.filter(first_published_at__lt=fact_check.first_published_at).count()
            pages = set(range(archive_page_of(older), archive_page_of(len(ids)) + 1))
        return [self.url, *(f"{self.url}page/{number}/" for number in sorted(pages))]

    @path("")
    @path("page/<int:number>/")
    def listing(self, request: HttpRequest, number: int | None = None):
        fact_checks = archive_page(self.fact_checks(), number, key=self.listing_key)
        ratings = self.ratings()
        _know_bounds(ratings, [item.rating for item in fact_checks if item.rating])
        return self.render(
            request, context_overrides={"fact_checks": fact_checks, "ratings": ratings}
        )


def _know_bounds(scale: list[Rating], ratings: list[Rating]) -> None:
    """Tell ``ratings`` the bounds of ``scale`` (one service's), so none asks the database."""
    if scale:
        values = [rating.value for rating in scale]
        for rating in ratings:
            rating.__dict__["scale_bounds"] = (min(values), max(values))
