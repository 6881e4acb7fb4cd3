from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "kolokol.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from kolokol.newsroom import audit, signals  # noqa: F401 (connect the receivers)
