from django.urls import re_path

from kolokol.live import views

# Before Wagtail's catch-all, whose paths never hold a dot.
urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w-]+/)+)updates\.json$", views.updates, name="live_updates"),
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)(?P<name>posts\.(?:atom|rss))$",
        views.feed,
        name="live_feed",
    ),
]
