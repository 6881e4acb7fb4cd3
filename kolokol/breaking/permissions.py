"""Breaking news permissions that hold in every admin view, bulk actions included.

The model permissions (``breaking.delete_breakingnews`` …) say what a chief
editor may do; the services of their own groups say where. Our snippet views
check the item's service themselves, but Wagtail's generic views (the
listing's bulk delete with "select all") ask the model's permission policy,
so the policy itself is scoped to the user's services.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from kolokol.newsroom.permissions import can_act_for, services_with


class ServicePermissionPolicy(ModelPermissionPolicy):
    def _permission(self, action: str) -> str:
        return f"{self.app_label}.{self._get_permission_codename(action)}"

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return self.user_has_permission(user, action) and can_act_for(
            user, self._permission(action), instance.service
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        scope = Q(pk__in=[])
        for action in actions:
            scope |= Q(service__in=services_with(user, self._permission(action)))
        return self.model._default_manager.filter(scope)
