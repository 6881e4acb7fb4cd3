from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "kolokol.people"
    label = "people"
