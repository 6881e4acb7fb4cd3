from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kolokol.api"
    label = "api"
    verbose_name = _("Headless API")

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from kolokol.api.cors import read_only_api

        check_request_enabled.connect(read_only_api, dispatch_uid="kolokol.api.cors")
