from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kolokol.demo"
    label = "demo"
