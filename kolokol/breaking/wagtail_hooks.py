from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kolokol.breaking import admin
from kolokol.breaking.models import BreakingNews
from kolokol.services.chrome import BANNER_HOOK, BreakingItem


class BreakingNewsViewSet(SnippetViewSet):
    model = BreakingNews
    icon = "warning"
    menu_label = _("Breaking news")
    add_to_admin_menu = True
    menu_order = 150
    list_display = ["headline", "service", "starts_at", "expires_at"]
    list_filter = ["service"]
    add_view_class = admin.CreateView
    edit_view_class = admin.EditView
    copy_view_class = admin.CopyView
    delete_view_class = admin.DeleteView
    history_view_class = admin.HistoryView
    usage_view_class = admin.UsageView

    def get_queryset(self, request):
        return BreakingNews.objects.filter(service__in=admin.allowed_services(request.user))


breaking_news_viewset = BreakingNewsViewSet()
register_snippet(breaking_news_viewset)


# After Wagtail's own (order): "select all" in the listing means the
# user's services' items, not every service's (the policy refuses the
# others anyway; this keeps them off the confirmation page too).
@hooks.register("register_bulk_action", order=100)
class DeleteBreakingNews(DeleteBulkAction):
    models = [BreakingNews]

    def get_all_objects_in_listing_query(self, parent_id):
        allowed = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "delete"
        )
        return allowed.values_list("pk", flat=True)


@hooks.register("register_admin_urls")
def urls():
    return [
        path("breaking/<int:pk>/clear/", admin.clear, name="breaking_news_clear"),
        path(
            "breaking/service/<int:service_pk>/clear/",
            admin.clear_all,
            name="breaking_news_clear_all",
        ),
    ]


@hooks.register("construct_homepage_panels")
def dashboard_panel(request, panels):
    panels.append(admin.DashboardPanel(request, breaking_news_viewset.get_url_name("add")))


@hooks.register("register_log_actions")
def log_actions(actions):
    @actions.register_action(admin.CLEAR_ACTION)
    class Cleared(LogFormatter):
        label = admin.CLEAR_LABEL

        def format_message(self, log_entry):
            return _("Breaking news cleared: the banner stopped showing")


@hooks.register(BANNER_HOOK)
def breaking_banners(service) -> list[BreakingItem]:
    """The service's items that have not expired, for the banner of its pages."""
    items = BreakingNews.objects.filter(service=service, expires_at__gt=timezone.now())
    return [
        BreakingItem(item.headline, item.url, item.starts_at, item.expires_at)
        for item in items.select_related("link_page")
    ]
