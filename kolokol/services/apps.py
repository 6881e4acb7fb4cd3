from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "kolokol.services"
    label = "services"
