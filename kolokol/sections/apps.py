from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "kolokol.sections"
    label = "sections"
