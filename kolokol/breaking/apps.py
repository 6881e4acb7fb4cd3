from django.apps import AppConfig


class BreakingConfig(AppConfig):
    name = "kolokol.breaking"
    label = "breaking"

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from kolokol.breaking.models import BreakingNews
        from kolokol.breaking.permissions import ServicePermissionPolicy

        register_permission_policy(BreakingNews, ServicePermissionPolicy(BreakingNews))
