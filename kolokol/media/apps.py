from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "kolokol.media"
    label = "media"
