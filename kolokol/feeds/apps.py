from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "kolokol.feeds"
    label = "feeds"
