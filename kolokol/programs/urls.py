from django.urls import re_path

from kolokol.programs import podcast

# Before Wagtail's catch-all, whose paths never hold a dot.
urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w-]+/)+)podcast\.rss$", podcast.feed, name="podcast"),
]
