from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepublishingConfig(AppConfig):
    name = "kolokol.republishing"
    verbose_name = _("Republishing")
