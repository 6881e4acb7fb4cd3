from django.apps import AppConfig


class BreakingConfig(AppConfig):
    name = "kolokol.breaking"
    label = "breaking"
