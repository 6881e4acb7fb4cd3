from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "kolokol.backups"
    label = "backups"
    verbose_name = "Backups"
