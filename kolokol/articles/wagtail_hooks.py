from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from kolokol.articles.choosers import article_chooser


@hooks.register("register_admin_viewset")
def register_article_chooser():
    return article_chooser


@hooks.register("insert_global_admin_js")
def tag_field_enter_makes_a_tag():
    return format_html('<script src="{}" defer></script>', static("articles/admin/tags.js"))
