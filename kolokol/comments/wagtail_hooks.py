from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kolokol.comments import admin_views
from kolokol.comments.models import Comment, CommentPolicy


@hooks.register("register_log_actions")
def log_actions(actions):
    """Moderation decisions go into Wagtail's site history, with who made them."""
    actions.register_model(Comment, ModelLogEntry)
    actions.register_action("comments.approve", _("Approve comment"), _("Comment approved"))
    actions.register_action("comments.reject", _("Reject comment"), _("Comment rejected"))
    actions.register_action("comments.spam", _("Mark comment as spam"), _("Comment marked as spam"))
    actions.register_action("comments.delete", _("Delete comment"), _("Comment deleted"))


@hooks.register("register_admin_urls")
def urls():
    return [path("reader-comments/", admin_views.queue, name="comments_queue")]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.moderated_services(request.user).exists()


@hooks.register("register_admin_menu_item")
def menu_item():
    return ModeratorMenuItem(
        _("Comments"), reverse("comments_queue"), icon_name="comment", order=160
    )


class PendingCommentsPanel(Component):
    name = "pending_comments"
    order = 90
    template_name = "comments/admin/dashboard_panel.html"

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts, "queue_url": reverse("comments_queue")}


@hooks.register("construct_homepage_panels")
def dashboard(request, panels):
    counts = admin_views.pending_counts(request.user)
    if counts:
        panels.append(PendingCommentsPanel(counts))


class CommentPolicyViewSet(SnippetViewSet):
    model = CommentPolicy
    icon = "comment"
    menu_label = _("Comment policies")
    add_to_settings_menu = True
    list_display = ["service", "moderation", "close_after_days"]


register_snippet(CommentPolicyViewSet)
