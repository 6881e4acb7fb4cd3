from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoStepConfig(AppConfig):
    name = "kolokol.twostep"
    label = "twostep"
    verbose_name = _("Two-step verification")

    def ready(self) -> None:
        from kolokol.twostep import audit  # noqa: F401 (connects the audit log's receivers)
