"""Review feedback reaches the writer: a "Request changes" comment on their dashboard and page.

Wagtail keeps the reviewer's comment on the rejected task and shows it in
the page's History only, and tells the writer by email, which a newsroom
without SMTP never sends. Here the writer sees it where they work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

# The newest this many on the dashboard; each page says its own.
SHOWN = 20


@dataclass
class ChangesRequested:
    page: Page
    comment: str
    by: str
    at: datetime | None


def _feedback(state: WorkflowState, page: Page) -> ChangesRequested:
    rejected = (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    by = rejected.finished_by if rejected is not None else None
    return ChangesRequested(
        page=page,
        comment=(rejected.comment if rejected is not None else "") or "",
        by=(by.get_full_name() or by.get_username()) if by is not None else "",
        at=rejected.finished_at if rejected is not None else None,
    )


def requested_of(user) -> list[ChangesRequested]:
    """Pages this user sent for review that came back with changes requested, newest first."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        requested_by=user,
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
    ).order_by("-created_at")[:SHOWN]
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    return [
        _feedback(state, pages[int(state.object_id)].specific_deferred)
        for state in states
        if int(state.object_id) in pages
    ]


class FeedbackPanel(Component):
    name = "changes_requested"
    order = 40
    template_name = "newsroom/changes_requested_panel.html"

    def __init__(self, request: HttpRequest) -> None:
        self.items = requested_of(request.user)

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        return {"items": self.items}

    def render_html(self, parent_context=None) -> str:
        return super().render_html(parent_context or {}) if self.items else ""


def show_on_page(request: HttpRequest, page: Page) -> None:
    """Put the reviewer's request above the editor of a page that came back."""
    if request.method != "GET":
        return
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    feedback = _feedback(state, page)
    if feedback.comment:
        message = _("Changes requested by %(who)s: “%(comment)s”") % {
            "who": feedback.by or _("a reviewer"),
            "comment": feedback.comment,
        }
    else:
        message = _("Changes requested by %(who)s.") % {"who": feedback.by or _("a reviewer")}
    messages.warning(request, message)
