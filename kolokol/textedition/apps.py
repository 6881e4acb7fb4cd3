from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextEditionConfig(AppConfig):
    name = "kolokol.textedition"
    label = "textedition"
    verbose_name = _("Text-only edition")
