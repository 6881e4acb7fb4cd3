from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from kolokol.multimedia import admin_views
from kolokol.multimedia.models import Caption

register_permission_policy(Caption, admin_views.CaptionPolicy(Caption))


@hooks.register("register_admin_urls")
def urls():
    return [
        path("multimedia/<int:pk>/source/", admin_views.source, name="multimedia_source"),
        path("multimedia/transcoding/", admin_views.transcoding, name="multimedia_transcoding"),
    ]


@hooks.register("register_admin_viewset")
def register_captions():
    return admin_views.caption_viewset


class TranscodingMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.policy().user_has_any_permission(request.user, ["add", "change"])


@hooks.register("register_admin_menu_item")
def transcoding_menu_item():
    return TranscodingMenuItem(
        _("Transcoding"), reverse("multimedia_transcoding"), icon_name="media", order=302
    )
