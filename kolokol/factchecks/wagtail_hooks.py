from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kolokol.factchecks import admin
from kolokol.factchecks.models import Rating


class RatingViewSet(SnippetViewSet):
    """Snippets → Fact-check ratings: each service's scale, for its editors."""

    model = Rating
    icon = "tick-inverse"
    menu_label = _("Fact-check ratings")
    list_display = ["label", "value", "service", "description"]
    ordering = ["service__path", "-value"]
    add_view_class = admin.CreateView
    edit_view_class = admin.EditView
    copy_view_class = admin.CopyView
    delete_view_class = admin.DeleteView
    history_view_class = admin.HistoryView
    usage_view_class = admin.UsageView

    def get_queryset(self, request):
        return admin.ratings_of(request.user)


rating_viewset = RatingViewSet()
register_snippet(rating_viewset)


# After Wagtail's own (order): "select all" in the listing means the user's
# services' ratings, as for breaking news.
@hooks.register("register_bulk_action", order=100)
class DeleteRatings(DeleteBulkAction):
    models = [Rating]

    def get_all_objects_in_listing_query(self, parent_id):
        allowed = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "delete"
        )
        return allowed.values_list("pk", flat=True)


@hooks.register("kolokol_service_nav")
def fact_check_index_in_nav(service) -> list:
    """The service's fact-check index in its navigation, when "Show in menus" is ticked."""
    from kolokol.factchecks.models import FactCheckIndexPage
    from kolokol.services.chrome import Link

    index = FactCheckIndexPage.of_service(service)
    if index is None or not index.show_in_menus:
        return []
    return [Link(index.title, index.url, index.path)]
