"""A "New article" action per service on the dashboard, straight into a section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.admin.ui.components import Component


def sections_to_write_in(user) -> list[tuple[Any, str | None, list[tuple[Any, str]]]]:
    """(service, its home's edit address if the user may curate it, [(section, add-article
    address)]) for every service where the user may add an article or edit the home."""
    from kolokol.sections.models import SectionPage
    from kolokol.services.models import ServiceHomePage

    rows = []
    for service in ServiceHomePage.objects.order_by("path"):
        sections = [
            (
                section,
                reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk)),
            )
            for section in SectionPage.objects.child_of(service).order_by("path")
            if section.permissions_for_user(user).can_add_subpage()
        ]
        home = (
            reverse("wagtailadmin_pages:edit", args=(service.pk,))
            if service.permissions_for_user(user).can_edit()
            else None
        )
        if sections or home:
            rows.append((service, home, sections))
    return rows


class NewArticlePanel(Component):
    name = "new_article"
    order = 30
    template_name = "newsroom/new_article_panel.html"

    def __init__(self, request: HttpRequest) -> None:
        self.rows = sections_to_write_in(request.user)

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        return {"rows": self.rows}

    def render_html(self, parent_context=None) -> str:
        return super().render_html(parent_context or {}) if self.rows else ""
