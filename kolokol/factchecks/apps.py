from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactchecksConfig(AppConfig):
    name = "kolokol.factchecks"
    verbose_name = _("Fact-checks")

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from kolokol.breaking.permissions import ServicePermissionPolicy
        from kolokol.factchecks import signals  # noqa: F401 (connect the receivers)
        from kolokol.factchecks.models import Rating

        # Scoped to the user's services in every admin view (see breaking.permissions).
        register_permission_policy(Rating, ServicePermissionPolicy(Rating))
