from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kolokol.twostep import views


@hooks.register("register_admin_urls")
def twostep_urls():
    return [
        path("two-step/", views.index, name="twostep_index"),
        path("two-step/verify/", views.verify, name="twostep_verify"),
        path("two-step/authenticator/", views.authenticator, name="twostep_authenticator"),
        path("two-step/recovery-codes/", views.recovery_codes, name="twostep_recovery"),
        path("two-step/remove/<str:kind>/<int:pk>/", views.remove, name="twostep_remove"),
    ]


@hooks.register("register_account_menu_item")
def twostep_account_item(request):
    return {
        "url": reverse("twostep_index"),
        "label": _("Two-step verification"),
        "help_text": _("Add an authenticator app or a passkey, and make recovery codes."),
    }
