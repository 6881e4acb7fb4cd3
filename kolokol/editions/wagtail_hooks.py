from wagtail import hooks

from kolokol.editions import views

hooks.register("kolokol_service_offline", views.offline)
