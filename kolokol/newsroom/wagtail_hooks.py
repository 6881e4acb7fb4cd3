"""The newsroom in Wagtail's admin: review feedback where the writer works, the audit
log, adding a language service."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kolokol.core.admin_menu import AdministratorMenuItem
from kolokol.newsroom import admin_views, feedback, scope, writing


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("audit-log/", admin_views.audit_log, name="audit_log"),
        path("services/", admin_views.add_language_service, name="language_services"),
    ]


@hooks.register("register_settings_menu_item")
def audit_menu_item():
    return AdministratorMenuItem(
        _("Audit log"), reverse("audit_log"), icon_name="history", order=910
    )


@hooks.register("register_settings_menu_item")
def language_services_menu_item():
    return AdministratorMenuItem(
        _("Language services"), reverse("language_services"), icon_name="site", order=905
    )


@hooks.register("construct_homepage_panels")
def changes_requested_panel(request, panels):
    panels.append(feedback.FeedbackPanel(request))


@hooks.register("before_edit_page")
def changes_requested_message(request, page):
    feedback.show_on_page(request, page)


@hooks.register("construct_homepage_panels")
def new_article_panel(request, panels):
    panels.append(writing.NewArticlePanel(request))


@hooks.register("construct_page_chooser_queryset")
def pages_in_own_services(pages, request):
    return scope.pages_in_own_services(pages, request.user)


@hooks.register("construct_image_chooser_queryset")
def images_in_own_services(images, request):
    return scope.media_in_own_services(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def documents_in_own_services(documents, request):
    return scope.media_in_own_services(documents, request.user)
