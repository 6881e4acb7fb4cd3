from django.urls import re_path

from kolokol.editions import views

# Before Wagtail's catch-all, whose paths never hold a dot.
urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)offline/(?P<name>[\w-]+\.(?:html|epub|html\.sig|epub\.sig|pem))$",
        views.download,
        name="edition_file",
    ),
]
