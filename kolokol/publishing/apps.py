from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "kolokol.publishing"
    label = "publishing"

    def ready(self) -> None:
        from kolokol.publishing import signals  # noqa: F401 (connects the hooks)
