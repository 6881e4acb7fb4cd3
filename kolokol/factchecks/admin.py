"""The rating scales in the admin, each service's kept by its own editors.

Editors and chief editors hold the rating permissions through their
service's groups (``newsroom.roles``); ``services_with`` narrows them to the
services of the user's own groups, so an editor of one service neither sees
nor changes another's scale. As for breaking news, the model's permission
policy is scoped the same way (``apps.py``), for Wagtail's generic views
and bulk actions.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from wagtail.snippets.views import snippets

from kolokol.factchecks.models import Rating
from kolokol.newsroom.permissions import can_act_for, services_with


def allowed_services(user, action: str = "change"):
    return services_with(user, f"factchecks.{action}_rating")


class ServiceFormMixin:
    """Offer only the user's own services; a new rating starts with ``?service=``."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        service = form.fields["service"]
        service.queryset = allowed_services(self.request.user, "add").order_by("path")
        # A list of the user's services (one or two), not Wagtail's page chooser.
        service.widget = forms.Select(choices=service.choices)
        return form


class ServiceObjectMixin:
    """Another service's rating is forbidden, whatever its address."""

    action = "change"

    def get_object(self, *args, **kwargs):
        rating = super().get_object(*args, **kwargs)
        if not can_act_for(self.request.user, f"factchecks.{self.action}_rating", rating.service):
            raise PermissionDenied
        return rating


class CreateView(ServiceFormMixin, snippets.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("service", "")
        services = allowed_services(self.request.user, "add")
        if wanted.isdigit() and services.filter(pk=wanted).exists():
            initial["service"] = int(wanted)
        elif services.count() == 1:
            initial["service"] = services.get().pk
        return initial


class EditView(ServiceFormMixin, ServiceObjectMixin, snippets.EditView):
    pass


class CopyView(ServiceFormMixin, ServiceObjectMixin, snippets.CopyView):
    pass


class DeleteView(ServiceObjectMixin, snippets.DeleteView):
    action = "delete"


class HistoryView(ServiceObjectMixin, snippets.HistoryView):
    pass


class UsageView(ServiceObjectMixin, snippets.UsageView):
    pass


def ratings_of(user):
    """The ratings ``user`` may see in the admin: their own services' scales."""
    return Rating.objects.filter(service__in=allowed_services(user, "view")).select_related(
        "service"
    )
