from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kolokol.newsroom.menu import ServiceMenuItem
from kolokol.telegram import admin_views
from kolokol.telegram.models import Channel


@hooks.register("kolokol_service_channels")
def channel_link(service):
    channel = Channel.objects.filter(service=service).exclude(public_url="").first()
    return [("Telegram", channel.public_url)] if channel else []


@hooks.register("register_admin_urls")
def urls():
    return [
        path("telegram/", admin_views.overview, name="telegram_overview"),
        path("telegram/<int:service_pk>/", admin_views.channel, name="telegram_channel"),
        path("telegram/post/<int:post_pk>/retry/", admin_views.retry, name="telegram_retry"),
    ]


@hooks.register("register_admin_menu_item")
def menu_item():
    return ServiceMenuItem(
        _("Telegram"),
        reverse("telegram_overview"),
        icon_name="globe",
        order=360,
        permission=admin_views.MANAGE,
    )
