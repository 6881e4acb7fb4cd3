"""Breaking news in the admin: scoped to the services a user may act for.

Only chief editors (through their service's group) and administrators hold
the breaking-news permissions; ``services_with`` narrows them to the
services of the user's own groups, so a chief editor of one service neither
sees nor changes another's banners. The dashboard panel sets a banner in
two clicks and clears one in one.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.snippets.views import snippets

from kolokol.articles.choosers import article_chooser
from kolokol.breaking.models import BreakingNews
from kolokol.newsroom.permissions import can_act_for, services_with

CLEAR_ACTION = "kolokol.breaking.clear"


def allowed_services(user, action: str = "change"):
    return services_with(user, f"breaking.{action}_breakingnews")


def _zone(service) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(service.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


class ServiceFormMixin:
    """Offer only the user's own services in the form; a new item starts with ``?service=``.

    Times are entered and shown in the service's own zone (the one its
    readers live in), and the form says which: a chief editor in Prague
    setting a banner for Bishkek types Bishkek's time.
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        service = form.fields["service"]
        service.queryset = allowed_services(self.request.user, "add")
        # A list of the user's services (one or two) rather than Wagtail's page
        # chooser; and the article chooser for the link. Wagtail's page chooser
        # also names its button once per process, in whatever language the
        # first request had, so every editor got that one's language.
        service.widget = forms.Select(choices=service.choices)
        if "link_page" in form.fields:
            form.fields["link_page"].widget = article_chooser.widget_class()
        zone = timezone.get_current_timezone_name()
        for name in ("starts_at", "expires_at"):
            if name in form.fields:
                form.fields[name].help_text = " ".join(
                    filter(
                        None,
                        [str(form.fields[name].help_text), _("Time in %(zone)s.") % {"zone": zone}],
                    )
                )
        return form

    def dispatch(self, request, *args, **kwargs):
        self.request = request
        service = None
        if "pk" in kwargs:
            item = BreakingNews.objects.filter(pk=kwargs["pk"]).select_related("service").first()
            service = item.service if item is not None else None
        wanted = request.POST.get("service") or request.GET.get("service", "")
        if wanted.isdigit():
            service = allowed_services(request.user, "add").filter(pk=wanted).first() or service
        if service is None:
            return super().dispatch(request, *args, **kwargs)
        with timezone.override(_zone(service)):
            response = super().dispatch(request, *args, **kwargs)
            # Wagtail restores the editor's own zone when the view returns:
            # the form is shown in the service's while it is still active.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


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
def clear_all(request: HttpRequest, service_pk: int) -> HttpResponse:
    """End every banner of a service now, the ones waiting behind the first too."""
    service = get_object_or_404(allowed_services(request.user, "change"), pk=service_pk)
    now = timezone.now()
    ended = 0
    for item in BreakingNews.objects.active(now).filter(service=service):
        item.starts_at = min(item.starts_at, now - timedelta(seconds=1))
        item.expires_at = now
        item.save(update_fields=["starts_at", "expires_at"])
        log(instance=item, action=CLEAR_ACTION, user=request.user)
        ended += 1
    if ended:
        messages.success(
            request,
            ngettext(
                "%(count)d breaking news item ended on %(service)s.",
                "%(count)d breaking news items ended on %(service)s.",
                ended,
            )
            % {"count": ended, "service": service.title},
        )
    return redirect("wagtailadmin_home")


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
        rows = []
        for service in services:
            # Newest first: readers see the first; each one behind it shows
            # when the one before is cleared or expires.
            items = [item for item in current if item.service_id == service.pk]
            rows.append(
                {
                    "service": service,
                    "zone": service.time_zone,
                    "items": [
                        {
                            "item": item,
                            "next": items[index + 1] if index + 1 < len(items) else None,
                        }
                        for index, item in enumerate(items)
                    ],
                    "add_url": f"{add_url}?service={service.pk}",
                }
            )
        return {
            "rows": rows,
            "request": self.request,
            "csrf_token": parent_context.get("csrf_token"),
        }

    def render_html(self, parent_context=None) -> str:
        if not self.services():
            return ""
        return super().render_html(parent_context or {})


CLEAR_LABEL = gettext_lazy("Breaking news: clear now")
