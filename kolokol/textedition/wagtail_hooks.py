from wagtail import hooks

from kolokol.textedition import views

# ServiceHomePage routes /<service>/text/… here (services.models.service_view).
hooks.register("kolokol_service_text", views.text_edition)
