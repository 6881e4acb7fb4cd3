from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "kolokol.media"
    label = "media"

    def ready(self) -> None:
        from kolokol.media.encoders import use_faster_avif

        use_faster_avif()
