"""Language services: the portal at ``/`` and one home page per service."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.encoding import escape_uri_path
from django.utils.functional import cached_property, lazy
from django.utils.translation import get_language_info, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.forms import BaseChildFormSet
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from kolokol.core import mirroring, sitefacts
from kolokol.core.pages import (
    SERVICE_DEPTH,
    activate_language,
    mark_storable,
    page_type,
)
from kolokol.core.sitefacts import CachedRestrictionsMixin
from kolokol.core.slugs import NewsroomPageForm, slug_from_title, unique_slug
from kolokol.services import chrome


def language_choices() -> list[tuple[str, str]]:
    """The languages a service may have: settings.LANGUAGES, extended by configuration.

    A callable, so that migrations name this function rather than copy the
    list: an installation with more languages (KOLOKOL_EXTRA_LANGUAGES) has no
    model changes to migrate.
    """
    return list(settings.LANGUAGES)


def language_is_rtl(language: str) -> bool:
    """Whether ``language`` is written right to left, as Django's templates will say."""
    return language.split("-")[0] in settings.LANGUAGES_BIDI


# Top stories under the lead on a service home: picked by the chief editor,
# the remaining places filled with the newest articles.
TOP_STORIES = 4


def service_view(name: str) -> Callable[..., HttpResponse]:
    """The view an app built on this one gives a service's ``name/`` address.

    Search and the corrections list live at ``/ru/search/`` and
    ``/ru/corrections/`` but are made by their own apps, which register
    their view under the Wagtail hook ``kolokol_service_<name>``.
    """
    views = hooks.get_hooks(f"kolokol_service_{name}")
    if not views:
        raise Http404
    return views[-1]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


class ServicePageMixin(CachedRestrictionsMixin):
    """Mixed into every page that lives inside a language service.

    It finds the service the page belongs to, switches the request to the
    service's language and time zone, and gives templates what the page
    chrome needs (section navigation, the other services, the breaking news).
    """

    base_form_class = NewsroomPageForm

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # Pages made without the admin (the demo, imports, tests) get the
        # same address as the admin would give them, not Wagtail's Unicode
        # slug. The parent is known once the page has a tree path, or when
        # Wagtail's add-child view has set it (Wagtail's own attribute).
        parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
        if not self.slug and self.title and parent is not None:
            self.slug = unique_slug(slug_from_title(self.title), parent.get_children(), self)
        super().full_clean(*args, **kwargs)

    @cached_property
    def service(self) -> ServiceHomePage | None:
        if self.depth < SERVICE_DEPTH:
            return None
        steplen = self.steplen
        return ServiceHomePage.objects.filter(path=self.path[: SERVICE_DEPTH * steplen]).first()

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any):
        service = self.service
        if service is not None:
            service.activate(request)
        response = super().serve(request, *args, **kwargs)
        mark_storable(request, response)
        if service is not None and service.onion_url:
            # Tor Browser offers readers the onion service for this page.
            response["Onion-Location"] = service.onion_url.rstrip("/") + escape_uri_path(
                request.path
            )
        return response

    def serve_preview(self, request: HttpRequest, mode_name: str):
        service = self.service
        if service is not None:
            service.activate(request)
        return super().serve_preview(request, mode_name)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        service = self.service
        context["service"] = service
        if service is not None:
            context.update(service.chrome_context())
        return context


class PortalPage(CachedRestrictionsMixin, Page):
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
        homes = ServiceHomePage.objects.child_of(self).live().order_by("path")
        # The portal of a mirror that holds some services lists those only.
        context["services"] = [home for home in homes if mirroring.holds(home.url)]
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any):
        response = super().serve(request, *args, **kwargs)
        mark_storable(request, response)
        return response

    def route(self, request: HttpRequest, path_components: list[str]):
        """Find the deepest page on the path in one query, not two per level.

        Wagtail walks the tree a level at a time; for /ru/section/article/
        that is six queries before anything renders. The live pages above
        the articles are known per process (``sitefacts.upper_pages``); what
        is below them is looked up by ``url_path`` at once, as its own type
        when its parent allows only one. The page found then routes what is
        left (``page/2/``, ``topics/выборы/``) itself.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/"
            for depth in range(1, len(path_components) + 1)
        ]
        upper = sitefacts.facts().upper_pages()
        found = []
        for prefix in prefixes:
            if prefix not in upper:
                break
            found.append(upper[prefix])
        rest = prefixes[len(found) :]
        if rest:
            below_upper = len(found) == sitefacts.UPPER_DEPTH - self.depth
            child_types = found[-1].specific_class.allowed_subpage_models() if found else []
            if below_upper and not child_types:
                pass  # nothing below (a topic index): the rest is the page's own route
            elif below_upper and (model := _common_base(child_types)) is not None:
                # An article, or a kind of article (a live blog, a fact-check):
                # fetched as an article, then as its own kind when it is one.
                related = getattr(model, "route_select_related", ())
                found += [
                    page if page.specific_class is model else page.specific
                    for page in model.objects.filter(url_path=rest[0]).select_related(*related)
                ]
            else:
                # Something above is not live or not known yet: ask for all.
                found = list(
                    Page.objects.filter(url_path__in=prefixes).order_by("depth").specific()
                )
        if not found:
            raise Http404
        # The pages above each one are already here: the service and the
        # section an article renders need not be fetched again.
        service = found[0] if isinstance(found[0], ServiceHomePage) else None
        for above, page in zip([self, *found], found, strict=False):
            if above.depth == page.depth - 1 and page.depth > sitefacts.UPPER_DEPTH:
                page._kolokol_parent = above
            if service is not None and isinstance(page, ServicePageMixin):
                page.__dict__["service"] = service
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


def _common_base(models: list) -> type | None:
    """The one page type all of ``models`` are kinds of, if there is one."""
    for model in models:
        if all(issubclass(other, model) for other in models):
            return model
    return None


def belongs_to(article, home) -> bool:
    """Whether ``article`` is filed under the service ``home`` (not yet in the tree: no)."""
    return bool(home.path) and article.path.startswith(home.path)


class TopStoriesFormSet(BaseChildFormSet):
    """The chief editor's picks: at most TOP_STORIES, each once, all of this service."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "The home page shows at most %(num)d top story. Remove one before adding another.",
            "The home page shows at most %(num)d top stories. Remove one before adding another.",
            "num",
        ),
    }

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            article = getattr(form, "cleaned_data", {}).get("article")
            if article is None:
                continue
            if not belongs_to(article, self.instance):
                # Neither named nor shown in the chooser again: it may be another
                # service's draft or embargo, asked for by its number.
                form.add_error(
                    "article", _("This is not an article of this service; pick one of its own.")
                )
                form.data = form.data.copy()
                form.data[form.add_prefix("article")] = ""
            elif article.pk in seen:
                form.add_error("article", _("This article is already among the top stories."))
            seen.add(article.pk)


def top_stories_help() -> str:
    return ngettext(
        "Up to %(num)d story shown under the lead, in this order. Places left empty, "
        "and picks that are no longer published, fill with the newest articles.",
        "Up to %(num)d stories shown under the lead, in this order. Places left empty, "
        "and picks that are no longer published, fill with the newest articles.",
        TOP_STORIES,
    ) % {"num": TOP_STORIES}


class TopStoriesPanel(InlinePanel):
    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = TopStoriesFormSet
        return options


class HomePick(Orderable):
    """One top story the chief editor put on a service home, in the order set."""

    home = ParentalKey(
        "services.ServiceHomePage", on_delete=models.CASCADE, related_name="top_picks"
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("top story")
        verbose_name_plural = _("top stories")


class RepublishingLicence(models.TextChoices):
    """The licences a service may offer partner sites its articles under.

    What each one asks of partners, and its deed's address, is
    ``kolokol.republishing.licences``.
    """

    CC_BY = "cc-by-4.0", _("CC BY 4.0: credit us")
    CC_BY_ND = "cc-by-nd-4.0", _("CC BY-ND 4.0: credit us, no changes")
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0: credit us, no changes, not for sale")


class ServiceHomePage(ServicePageMixin, RoutablePageMixin, Page):
    """The home page of one language service (e.g. /ru/), and the root of its sections.

    Everything below it is published in the service's language and shown in
    its time zone.
    """

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=language_choices,
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
    republishing_allowed = models.BooleanField(
        _("partner sites may republish articles"),
        default=False,
        help_text=_(
            "Each article then offers a “Republish this article” page with its text to copy, "
            "under the licence below. An article can opt out (or in) in its own settings."
        ),
    )
    republishing_licence = models.CharField(
        _("republishing licence"),
        max_length=20,
        choices=RepublishingLicence.choices,
        blank=True,
        default="",
        help_text=_(
            "The Creative Commons licence partner sites republish under. Without one, "
            "no article can be republished."
        ),
    )
    republishing_terms = models.TextField(
        _("terms for partners"),
        blank=True,
        help_text=_(
            "Shown to partner sites above the text to copy, e.g. “Tell us at partners@… "
            "when you republish.” Plain text."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("lead_story"),
        TopStoriesPanel(
            "top_picks",
            heading=_("Top stories"),
            label=_("article to the top stories"),
            max_num=TOP_STORIES,
            help_text=lazy(top_stories_help, str)(),
        ),
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
        MultiFieldPanel(
            [
                FieldPanel("republishing_allowed"),
                FieldPanel("republishing_licence"),
                FieldPanel("republishing_terms"),
            ],
            heading=_("Republishing"),
        ),
        *Page.settings_panels,
    ]
    parent_page_types = ["services.PortalPage"]
    subpage_types = [
        "sections.SectionPage",
        "sections.TopicIndexPage",
        "people.AuthorIndexPage",
        "factchecks.FactCheckIndexPage",
        "programs.ProgramPage",
    ]

    class Meta:
        verbose_name = _("service home page")

    def clean(self) -> None:
        super().clean()
        if self.lead_story is not None and not belongs_to(self.lead_story, self):
            raise ValidationError(
                {"lead_story": _("The lead story must be an article of this service.")}
            )
        if self.republishing_allowed and not self.republishing_licence:
            raise ValidationError(
                {"republishing_licence": _("Choose the licence partner sites republish under.")}
            )

    @property
    def is_rtl(self) -> bool:
        return language_is_rtl(self.language)

    @property
    def language_name(self) -> str:
        try:
            return get_language_info(self.language)["name_local"]
        except KeyError:  # a language since taken out of KOLOKOL_EXTRA_LANGUAGES
            return self.language

    @property
    def mirrors(self) -> list[str]:
        return [line.strip() for line in self.mirror_urls.splitlines() if line.strip()]

    def activate(self, request: HttpRequest) -> None:
        activate_language(request, self.language, self.time_zone)

    def chrome_context(self) -> dict[str, Any]:
        """What the header, navigation and footer of this service's pages show (cached)."""
        return chrome.for_service(self)

    def section_pages(self):
        sections = page_type("sections.SectionPage")
        return self.get_children().live().type(sections).filter(show_in_menus=True)

    def topic_index_page(self):
        topic_index = page_type("sections.TopicIndexPage")
        return self.get_children().live().type(topic_index).specific().first()

    def articles(self):
        """The service's live, public articles, newest first (an ``ArticlePageQuerySet``)."""
        return page_type("articles.ArticlePage").objects.in_service(self)

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        """What every page of the service shows (its chrome), without the home's stories.

        For the service's other addresses (search, corrections).
        """
        return super().get_context(request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles().select_related("lead_image")
        lead, top = self.front(articles)
        shown = {article.pk for article in [lead, *top] if article}
        by_section = []
        for section in page_type("sections.SectionPage").objects.child_of(self).live():
            latest = list(articles.child_of(section).exclude(pk__in=shown)[:4])
            if latest:
                by_section.append((section, latest))
        context.update(lead=lead, top_stories=top, by_section=by_section)
        return context

    def front(self, articles) -> tuple[Any, list]:
        """The lead and the top stories: the editors' picks that are live, then the newest.

        A pick that was unpublished is simply not among the live articles, so
        it leaves the home page with the next rendering (the publisher renders
        the home again on every unpublish). Four queries at most, however many picks.
        """
        pick_ids = list(dict.fromkeys(pick.article_id for pick in self.top_picks.all()))
        wanted = [pk for pk in [self.lead_story_id, *pick_ids] if pk]
        live = {article.pk: article for article in articles.filter(pk__in=wanted)}
        picks = [live[pk] for pk in pick_ids if pk in live]
        lead = live.get(self.lead_story_id) or articles.first()
        top = [article for article in picks if article != lead][:TOP_STORIES]
        if len(top) < TOP_STORIES:
            shown = [article.pk for article in [lead, *top] if article]
            top += articles.exclude(pk__in=shown)[: TOP_STORIES - len(top)]
        return lead, top

    @path("")
    def home(self, request: HttpRequest):
        return self.render(request)

    @path("search/")
    def search(self, request: HttpRequest):
        """Search this service's published articles (``kolokol.search.views``)."""
        return service_view("search")(request, self)

    @path("corrections/")
    @path("corrections/page/<int:number>/", name="corrections_page")
    def corrections(self, request: HttpRequest, number: int | None = None):
        """Every correction and update of the service's articles (``kolokol.corrections.views``)."""
        return service_view("corrections")(request, self, number)

    # The text-only edition (``kolokol.textedition.views``); routes are tried
    # in the order defined, the innermost decorator first.
    @path("text/<path:address>/", name="text_article")
    @path("text/page/<int:number>/", name="text_page")
    @path("text/")
    def text_edition(
        self, request: HttpRequest, number: int | None = None, address: str | None = None
    ):
        """Headlines and articles without pictures, fonts or scripts."""
        return service_view("text")(request, self, number=number, address=address)

    @path("offline/")
    def offline(self, request: HttpRequest):
        """The service's signed offline editions and its key (``kolokol.editions.views``)."""
        return service_view("offline")(request, self)

    def corrections_url(self) -> str:
        """The corrections list's address ("" while the service is outside any site)."""
        url = self.url
        return url + self.reverse_subpage("corrections") if url else ""
