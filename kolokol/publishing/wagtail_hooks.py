from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from kolokol.core.admin_menu import AdministratorMenuItem
from kolokol.publishing import admin_views


@hooks.register("register_admin_urls")
def urls():
    return [
        path("background-work/", admin_views.background_work, name="background_work"),
        path("mirrors/", admin_views.mirrors, name="mirrors_status"),
    ]


@hooks.register("register_settings_menu_item")
def menu_item():
    return AdministratorMenuItem(
        _("Background work"), reverse("background_work"), icon_name="cogs", order=900
    )


@hooks.register("register_settings_menu_item")
def mirrors_menu_item():
    return AdministratorMenuItem(
        _("Mirrors"), reverse("mirrors_status"), icon_name="globe", order=910
    )


class BackgroundWorkPanel(Component):
    name = "background_work"
    order = 95
    template_name = "publishing/admin/dashboard_panel.html"

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts, "url": reverse("background_work")}


@hooks.register("construct_homepage_panels")
def dashboard(request, panels):
    # Administrators, when something waits or went wrong.
    if request.user.is_superuser:
        counts = admin_views.counts()
        if counts.get("failed") or counts.get("queued", 0) > 10:
            panels.append(BackgroundWorkPanel(counts))
