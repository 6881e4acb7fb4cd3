from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelegramConfig(AppConfig):
    name = "kolokol.telegram"
    verbose_name = _("Telegram")

    def ready(self) -> None:
        from kolokol.telegram import signals  # noqa: F401
