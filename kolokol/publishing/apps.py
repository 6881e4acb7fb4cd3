from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "kolokol.publishing"
    label = "publishing"

    def ready(self) -> None:
        from kolokol.core import outage
        from kolokol.publishing import servicemap, signals  # noqa: F401 (connects the hooks)

        # Outage pages learn a service's language from the facts the publisher keeps.
        outage.learn_languages_from(servicemap.language)
