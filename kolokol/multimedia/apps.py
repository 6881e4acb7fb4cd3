from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MultimediaConfig(AppConfig):
    name = "kolokol.multimedia"
    label = "multimedia"
    verbose_name = _("Audio and video")

    def ready(self) -> None:
        import mimetypes

        from kolokol.multimedia import signals  # noqa: F401

        # Python takes .ts for Qt translations; served from the app (the
        # embedded default), HLS segments must say what they are.
        mimetypes.add_type("video/mp2t", ".ts")
