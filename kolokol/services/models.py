"""Language services: the portal at ``/`` and one home page per service."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from kolokol.core.pages import ServicePageMixin, activate_language, mark_storable, paginate

RTL_LANGUAGES = {"fa", "ar", "he", "ur"}


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


class PortalPage(Page):
    """The installation's front door at ``/``: links to every language service."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown above the list of services."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["services.ServiceHomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("portal")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServiceHomePage.objects.child_of(self).live().order_by("path")
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any):
        response = super().serve(request, *args, **kwargs)
        mark_storable(request, response)
        return response

    def route(self, request: HttpRequest, path_components: list[str]):
        """Find the deepest page on the path in one query, not two per level.

        Wagtail walks the tree a level at a time; for /ru/section/article/
        that is six queries before anything renders. Looking the path's
        prefixes up by ``url_path`` at once gives the same page, which then
        routes what is left (``page/2/``, ``topics/выборы/``) itself.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/"
            for depth in range(1, len(path_components) + 1)
        ]
        found = list(Page.objects.filter(url_path__in=prefixes).order_by("depth").specific())
        if not found:
            raise Http404
        # As in Wagtail's walk, a page's own routes (``page/2/``, ``search/``)
        # win over a child page with the same slug.
        for page in found[:-1]:
            remaining = path_components[page.depth - self.depth :]
            if isinstance(page, RoutablePageMixin):
                try:
                    page.resolve_subpage("/" + "/".join(remaining) + "/")
                except Http404:
                    continue
                return page.route(request, remaining)
        deepest = found[-1]
        return deepest.route(request, path_components[deepest.depth - self.depth :])


class ServiceHomePage(ServicePageMixin, RoutablePageMixin, Page):
    """The home page of one language service (e.g. /ru/), and the root of its sections.

    Everything below it is published in the service's language and shown in
    its time zone.
    """

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("All pages of this service are shown in this language."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Publication times are shown in this zone, e.g. Europe/Prague."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first on the home page. Leave empty to lead with the latest article."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    footer_text = RichTextField(
        _("footer text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown in the footer of every page of this service."),
    )
    mirror_urls = models.TextField(
        _("mirror addresses"),
        blank=True,
        help_text=_("Other addresses where this service can be read, one per line."),
    )
    onion_url = models.URLField(
        _("onion address"),
        blank=True,
        help_text=_("The service's .onion address; Tor Browser offers it to readers."),
    )
    feeds_full_text = models.BooleanField(
        _("full text in feeds"),
        default=True,
        help_text=_(
            "Feeds carry whole articles. Turn off to send only the headline and standfirst."
        ),
    )
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Marks every page of this service as fictional demo content."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("lead_story"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("language"), FieldPanel("time_zone")],
            heading=_("Language and time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("mirror_urls"),
                FieldPanel("onion_url"),
                FieldPanel("footer_text"),
                FieldPanel("is_demo"),
            ],
            heading=_("Footer"),
        ),
        FieldPanel("feeds_full_text"),
        *Page.settings_panels,
    ]
    parent_page_types = ["services.PortalPage"]
    subpage_types = ["sections.SectionPage", "sections.TopicIndexPage", "people.AuthorIndexPage"]

    class Meta:
        verbose_name = _("service home page")

    @property
    def is_rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def language_name(self) -> str:
        return get_language_info(self.language)["name_local"]

    @property
    def mirrors(self) -> list[str]:
        return [line.strip() for line in self.mirror_urls.splitlines() if line.strip()]

    def activate(self, request: HttpRequest) -> None:
        from kolokol.publishing.outage import known_languages, known_onions

        activate_language(request, self.language, self.time_zone)
        known_languages[self.slug] = self.language
        known_onions[self.slug] = self.onion_url

    def chrome_context(self) -> dict[str, Any]:
        """What the header, navigation and footer of this service's pages show (cached)."""
        from kolokol.core import chrome

        return chrome.for_service(self)

    def section_pages(self):
        from kolokol.sections.models import SectionPage

        return self.get_children().live().type(SectionPage).filter(show_in_menus=True)

    def topic_index_page(self):
        from kolokol.sections.models import TopicIndexPage

        return self.get_children().live().type(TopicIndexPage).specific().first()

    def articles(self):
        from kolokol.articles.models import ArticlePage

        return (
            ArticlePage.objects.live().public().descendant_of(self).order_by("-first_published_at")
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from kolokol.sections.models import SectionPage

        context = super().get_context(request, *args, **kwargs)
        articles = self.articles().select_related("lead_image")
        picked = self.lead_story_id and articles.filter(pk=self.lead_story_id).first()
        lead = picked or articles.first()
        shown = {lead.pk} if lead else set()
        top = list(articles.exclude(pk__in=shown)[:4])
        shown.update(a.pk for a in top)
        by_section = []
        for section in SectionPage.objects.child_of(self).live():
            latest = list(articles.child_of(section).exclude(pk__in=shown)[:4])
            if latest:
                by_section.append((section, latest))
        context.update(lead=lead, top_stories=top, by_section=by_section)
        return context

    @path("")
    def home(self, request: HttpRequest):
        return self.render(request)

    @path("search/")
    def search(self, request: HttpRequest):
        """Search this service's published articles (Wagtail's search backend)."""
        query = request.GET.get("q", "").strip()[:200]
        results = None
        if query:
            found = self.articles().specific().search(query, order_by_relevance=True)
            results = paginate(found, request.GET.get("page"))
        context = super().get_context(request)
        context.update(query=query, results=results)
        return TemplateResponse(request, "services/search.html", context)
