from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "kolokol.editions"
    label = "editions"
