"""The live desk: each live blog's posts in the admin, newest first, and the post form.

Wagtail's model views (list, create, edit, delete) with the service scope
and the roles of ``kolokol.live.permissions`` on top: an editor sees the
live blogs of their own services only, a reporter changes only their own
posts until they are published.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from kolokol.live.forms import LivePostForm
from kolokol.live.models import LivePost
from kolokol.live.permissions import live_blogs_for, may_change


def _scoped(request):
    posts = LivePost.objects.filter(page__in=live_blogs_for(request.user, "view"))
    wanted = request.GET.get("page", "")
    if wanted.isdigit():
        posts = posts.filter(page_id=wanted)
    return posts.select_related("page", "author")


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return _scoped(self.request).order_by("-posted_at", "-created_at")

    def get_add_url(self):
        url = super().get_add_url()
        wanted = self.request.GET.get("page", "")
        return f"{url}?page={wanted}" if url and wanted.isdigit() else url


class ScopedObjectMixin:
    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if not may_change(self.request.user, post):
            raise PermissionDenied
        return post


class CreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("page", "")
        if wanted.isdigit() and live_blogs_for(self.request.user).filter(pk=wanted).exists():
            initial["page"] = int(wanted)
        return initial

    def get_success_url(self):
        return f"{super().get_success_url()}?page={self.object.page_id}"


class EditView(ScopedObjectMixin, generic.EditView):
    def get_success_url(self):
        return f"{super().get_success_url()}?page={self.object.page_id}"


class DeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class LivePostViewSet(ModelViewSet):
    model = LivePost
    icon = "time"
    menu_label = _("Live posts")
    add_to_admin_menu = True
    menu_order = 250
    form_fields = LivePostForm.Meta.fields
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    list_filter = ["status", "key_update"]
    list_display = [
        Column("__str__", label=_("Post"), accessor="__str__"),
        Column("page", label=_("Live blog")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("posted_at", label=_("Posted at")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("page"),
            FieldPanel("headline"),
            FieldPanel("body"),
            FieldPanel("author"),
            MultiFieldPanel([FieldPanel("key_update"), FieldPanel("pinned")], heading=_("Flags")),
            FieldPanel("status"),
        ],
        base_form_class=LivePostForm,
    )


live_post_viewset = LivePostViewSet("live_posts")
