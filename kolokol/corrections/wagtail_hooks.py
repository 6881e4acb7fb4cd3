from wagtail import hooks

from kolokol.corrections import views

hooks.register("kolokol_service_corrections", views.corrections)
