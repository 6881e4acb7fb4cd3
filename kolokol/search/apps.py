from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kolokol.search"
    label = "search"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from kolokol.search import signals  # noqa: F401 (connects the index hooks)
