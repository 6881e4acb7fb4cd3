from wagtail import hooks

from kolokol.search import views

hooks.register("kolokol_service_search", views.search)
