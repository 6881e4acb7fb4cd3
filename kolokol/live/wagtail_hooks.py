from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from kolokol.live.admin_views import live_post_viewset
from kolokol.live.models import LiveBlogPage
from kolokol.live.permissions import may_post
from kolokol.services.chrome import LivePeriod


@hooks.register("register_admin_viewset")
def register_live_posts():
    return live_post_viewset


@hooks.register("kolokol_service_live")
def live_periods(service) -> list[LivePeriod]:
    """The service's live blogs not over yet: their teasers carry the LIVE badge in time."""
    blogs = LiveBlogPage.objects.live().descendant_of(service)
    blogs = blogs.filter(Q(live_until__isnull=True) | Q(live_until__gt=timezone.now()))
    return [
        LivePeriod(page_id, starts, ends)
        for page_id, starts, ends in blogs.values_list("pk", "live_from", "live_until")
    ]


def _desk_button(page, user):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, LiveBlogPage):
        return []
    if not may_post(user, page.specific):
        return []
    url = reverse(live_post_viewset.get_url_name("index")) + f"?page={page.pk}"
    return [Button(_("Live posts"), url, icon_name="time", priority=5)]


@hooks.register("register_page_header_buttons")
def live_desk_header_button(page, user, view_name, next_url=None):
    return _desk_button(page, user)


@hooks.register("register_page_listing_buttons")
def live_desk_listing_button(page, user, next_url=None):
    return _desk_button(page, user)
