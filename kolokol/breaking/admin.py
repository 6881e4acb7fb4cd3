"""Breaking news in the admin: scoped to the services a user may act for.

Only chief editors (through their service's group) and administrators hold
the breaking-news permissions; ``services_with`` narrows them to the
services of the user's own groups, so a chief editor of one service neither
sees nor changes another's banners. The dashboard panel sets a banner in
two clicks and clears one in one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.snippets.views import snippets

from kolokol.breaking.models import BreakingNews
from kolokol.newsroom.permissions import can_act_for, services_with

CLEAR_ACTION = "kolokol.breaking.clear"


def allowed_services(user, action: str = "change"):
    return services_with(user, f"breaking.{action}_breakingnews")


class ServiceFormMixin:
    """Offer only the user's own services in the form; a new item starts with ``?service=``."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["service"].queryset = allowed_services(self.request.user, "add")
        return form


class ServiceObjectMixin:
    """Another service's item is forbidden, whatever its address."""

    def get_object(self, *args, **kwargs):
        item = super().get_object(*args, **kwargs)
        if not can_act_for(self.request.user, "breaking.change_breakingnews", item.service):
            raise PermissionDenied
        return item


class CreateView(ServiceFormMixin, snippets.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("service", "")
        if wanted.isdigit() and allowed_services(self.request.user, "add").filter(pk=wanted):
            initial["service"] = int(wanted)
        return initial


class EditView(ServiceFormMixin, ServiceObjectMixin, snippets.EditView):
    pass


class CopyView(ServiceFormMixin, ServiceObjectMixin, snippets.CopyView):
    pass


class DeleteView(ServiceObjectMixin, snippets.DeleteView):
    pass


class HistoryView(ServiceObjectMixin, snippets.HistoryView):
    pass


class UsageView(ServiceObjectMixin, snippets.UsageView):
    pass


@require_POST
def clear(request: HttpRequest, pk: int) -> HttpResponse:
    """End a banner now: it stays in the list (and the log) as a past item."""
    item = get_object_or_404(BreakingNews, pk=pk)
    if not can_act_for(request.user, "breaking.change_breakingnews", item.service):
        raise PermissionDenied
    now = timezone.now()
    if item.is_active(now):
        item.starts_at = min(item.starts_at, now - timedelta(seconds=1))
        item.expires_at = now
        item.save(update_fields=["starts_at", "expires_at"])
        log(instance=item, action=CLEAR_ACTION, user=request.user)
        messages.success(request, _("Breaking news “%(headline)s” cleared.") % {"headline": item})
    return redirect("wagtailadmin_home")


class DashboardPanel(Component):
    """Per service the user may act for: the current banner, "Clear now", "Set breaking news"."""

    name = "breaking_news"
    order = 50
    template_name = "breaking/admin/dashboard_panel.html"

    def __init__(self, request: HttpRequest, add_url_name: str):
        self.request = request
        self.add_url_name = add_url_name

    def services(self):
        return list(allowed_services(self.request.user, "add").order_by("path"))

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        services = self.services()
        current = BreakingNews.objects.active().filter(service__in=services)
        add_url = reverse(self.add_url_name)
        return {
            "rows": [
                {
                    "service": service,
                    "items": [item for item in current if item.service_id == service.pk],
                    "add_url": f"{add_url}?service={service.pk}",
                }
                for service in services
            ],
            "request": self.request,
            "csrf_token": parent_context.get("csrf_token"),
        }

    def render_html(self, parent_context=None) -> str:
        if not self.services():
            return ""
        return super().render_html(parent_context or {})


CLEAR_LABEL = gettext_lazy("Breaking news: clear now")
