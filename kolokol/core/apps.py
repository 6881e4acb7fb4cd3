from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kolokol.core"
    label = "core"
    verbose_name = "Kolokol"

    def ready(self) -> None:
        from kolokol.core import checks  # noqa: F401 (registers them)
