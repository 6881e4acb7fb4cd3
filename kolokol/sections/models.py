"""Sections of a service (Politics, Culture …) and its topics."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from kolokol.core.pages import archive_page, page_type
from kolokol.services.models import ServicePageMixin


class SectionPage(ServicePageMixin, RoutablePageMixin, Page):
    """A section of a service; its articles live under it.

    Listed newest first, twenty to a page, at ``page/2/``, ``page/3/`` …
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One sentence under the section name saying what it covers."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["services.ServiceHomePage"]
    # Live blogs and fact-checks are kinds of article (subclasses of it).
    subpage_types = ["articles.ArticlePage", "live.LiveBlogPage", "factchecks.FactCheckPage"]

    class Meta:
        verbose_name = _("section")

    def articles(self):
        articles = page_type("articles.ArticlePage").objects.in_section(self)
        return articles.select_related("lead_image")

    @property
    def listing_key(self) -> tuple:
        """Names this section's listing for ``newest_ids`` (its pages, feeds, the publisher)."""
        return ("section", self.pk)

    @path("")
    @path("page/<int:number>/")
    def listing(self, request: HttpRequest, number: int | None = None):
        page_of_articles = archive_page(self.articles(), number, key=self.listing_key)
        return self.render(request, context_overrides={"articles": page_of_articles})


def topic_key(service, tag_id: int) -> tuple:
    """Names a topic's listing in a service for ``newest_ids`` (topic pages, related articles)."""
    return ("topic", service.pk, tag_id)


class TopicIndexPage(ServicePageMixin, RoutablePageMixin, Page):
    """The topics of a service at ``topics/``, and one page per topic.

    Topics are the tags editors put on articles; a topic page lists the
    service's articles carrying that tag.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["services.ServiceHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("topic index")

    def topics(self) -> list[Tag]:
        """Topics used by the service's live public articles, by name, with how many each.

        Counted over the tagging rows of the service's article ids, then the
        few tags fetched by id: joining tags to pages through the article
        table and grouping by name took three times as long at 100,000
        articles, and this index is rendered again on every publish.
        """
        taggings = self.service.articles().taggings()
        counts = dict(taggings.values_list("tag_id").annotate(count=Count("id")))
        tags = list(Tag.objects.filter(pk__in=counts).order_by("name"))
        for tag in tags:
            tag.article_count = counts[tag.pk]
        return tags

    def topic_url(self, tag: Tag) -> str:
        return self.url + self.reverse_subpage("topic", kwargs={"slug": tag.slug})

    @path("")
    def index(self, request: HttpRequest):
        return self.render(request, context_overrides={"topics": self.topics()})

    @path("<str:slug>/")
    @path("<str:slug>/page/<int:number>/", name="topic_page")
    def topic(self, request: HttpRequest, slug: str, number: int | None = None):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        service = self.service
        articles = service.articles().tagged([tag.pk]).select_related("lead_image")
        page_of_articles = archive_page(articles, number, key=topic_key(service, tag.pk))
        if not page_of_articles.object_list:
            raise Http404
        return self.render(
            request,
            template="sections/topic_page.html",
            context_overrides={"topic": tag, "articles": page_of_articles},
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["topic_index"] = self
        return context
