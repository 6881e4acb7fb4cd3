"""Choosing an article: the newest first, with its picture, one click to pick.

Wagtail's page chooser walks the page tree (portal, service, section) and
shows titles only: a chief editor putting three stories on the home page
clicked through the tree three times and picked by headline alone. This
chooser lists the articles of the user's own services, newest first, with
their lead picture, section and status, searchable; it is the chooser of
every field that points at an article (the lead story, the top stories).
Which services the user may see is decided where the page chooser's is
(``construct_page_chooser_queryset``, kolokol.newsroom.scope).
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from kolokol.articles.models import ArticlePage

# The size listings use for small pictures, so the rendition usually exists.
THUMBNAIL = "fill-96x54"


class ThumbnailColumn(Column):
    cell_template_name = "articles/admin/thumbnail_cell.html"

    def get_cell_context_data(self, instance: ArticlePage, parent_context: Any) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        image = instance.lead_image
        # Beside the headline it names nothing more: alt="" in the template.
        context["thumbnail"] = image.get_rendition(THUMBNAIL) if image else None
        return context


class SectionColumn(Column):
    cell_template_name = "wagtailadmin/tables/cell.html"

    def get_value(self, instance: ArticlePage) -> str:
        section = instance.get_parent()
        return f"{section.get_parent().title} › {section.title}"


def visible_articles(request):
    """The articles this user may choose: those the page chooser would show."""
    articles = ArticlePage.objects.all()
    for hook in hooks.get_hooks("construct_page_chooser_queryset"):
        articles = hook(articles, request)
    return articles


class ArticleChooseMixin:
    construct_queryset_hook_name = "construct_page_chooser_queryset"
    per_page = 20

    def get_object_list(self):
        return (
            ArticlePage.objects.select_related("lead_image")
            .order_by(
                F("first_published_at").desc(nulls_first=True),
                "-latest_revision_created_at",
            )
            .distinct()
        )

    def apply_object_list_ordering(self, objects):
        return objects  # newest first, drafts on top (get_object_list)

    @property
    def columns(self) -> list[Column]:
        return [
            ThumbnailColumn("thumbnail", label=_("Picture"), width="1%"),
            self.title_column,
            SectionColumn("section", label=_("Section")),
            LiveStatusTagColumn(sort_key=None),
            DateColumn("first_published_at", label=_("Published")),
        ]


class ArticleChooseView(ArticleChooseMixin, ChooseView):
    pass


class ArticleChooseResultsView(ArticleChooseMixin, ChooseResultsView):
    pass


class ArticleChosenView(ChosenView):
    def get_object(self, pk):
        # Chosen by number (the widget, or a crafted address): the title of
        # another service's draft must not come back either.
        return visible_articles(self.request).get(pk=pk)


class ArticleChooserViewSet(ChooserViewSet):
    model = ArticlePage
    icon = "doc-full"
    choose_one_text = gettext_lazy("Choose an article")
    choose_another_text = gettext_lazy("Choose another article")
    edit_item_text = gettext_lazy("Edit this article")
    choose_view_class = ArticleChooseView
    choose_results_view_class = ArticleChooseResultsView
    chosen_view_class = ArticleChosenView


article_chooser = ArticleChooserViewSet("article_chooser", url_prefix="articles/chooser")
