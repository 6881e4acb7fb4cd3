from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kolokol.newsletters import admin_views
from kolokol.newsroom.menu import ServiceMenuItem


@hooks.register("register_admin_urls")
def urls():
    return [
        path("newsletters/", admin_views.overview, name="newsletters_overview"),
        path("newsletters/<int:service_pk>/new/", admin_views.compose, name="newsletters_compose"),
        path(
            "newsletters/<int:service_pk>/subscribers.csv",
            admin_views.export,
            name="newsletters_export",
        ),
        path(
            "newsletters/<int:service_pk>/delete/",
            admin_views.delete_address,
            name="newsletters_delete",
        ),
        path(
            "newsletters/issue/<int:issue_pk>/send/",
            admin_views.send_rest,
            name="newsletters_send_rest",
        ),
    ]


@hooks.register("register_admin_menu_item")
def menu_item():
    return ServiceMenuItem(
        _("Newsletters"),
        reverse("newsletters_overview"),
        icon_name="mail",
        order=350,
        permission=admin_views.SEND,
    )
