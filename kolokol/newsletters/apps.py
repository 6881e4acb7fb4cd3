from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "kolokol.newsletters"
    verbose_name = _("Newsletters")

    def ready(self) -> None:
        from kolokol.newsletters import signals  # noqa: F401
