from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kolokol.core"
    label = "core"
    verbose_name = "Kolokol"
