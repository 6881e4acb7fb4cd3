from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "kolokol.articles"
    label = "articles"
