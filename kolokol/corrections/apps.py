from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "kolokol.corrections"
    label = "corrections"
