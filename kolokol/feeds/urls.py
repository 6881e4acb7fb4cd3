from django.urls import re_path

from kolokol.feeds import views

# Before Wagtail's catch-all, whose paths never hold a dot.
urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)(?P<name>feed\.(?:rss|atom|json))$",
        views.feed,
        name="feed",
    ),
]
