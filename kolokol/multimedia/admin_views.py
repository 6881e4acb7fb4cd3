"""The admin's side of audio and video beyond wagtailmedia's own views.

- the source file, for editors who may change the clip (readers never get it);
- "Transcoding": each recent clip's state, percentage and problem;
- captions: WebVTT files per clip and language.
"""

from __future__ import annotations

import os

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from kolokol.multimedia import problems
from kolokol.multimedia.forms import CaptionForm
from kolokol.multimedia.models import Caption, Clip


def policy():
    return policy_registry.get_by_type(Clip)


def changeable(user):
    return policy().instances_user_has_permission_for(user, "change")


def source(request: HttpRequest, pk: int) -> FileResponse:
    clip = get_object_or_404(Clip, pk=pk)
    if not policy().user_has_permission_for_instance(request.user, "change", clip):
        raise PermissionDenied
    return FileResponse(
        clip.file.open("rb"), as_attachment=True, filename=os.path.basename(clip.file.name)
    )


def transcoding(request: HttpRequest) -> HttpResponse:
    if not policy().user_has_any_permission(request.user, ["add", "change"]):
        raise PermissionDenied
    clips = list(
        changeable(request.user).order_by("-created_at").prefetch_related("renditions")[:50]
    )
    for clip in clips:
        clip.problem_message = problems.message(clip.problem)
    busy = any(c.status in (Clip.Status.WAITING, Clip.Status.TRANSCODING) for c in clips)
    return TemplateResponse(
        request, "multimedia/admin/transcoding.html", {"clips": clips, "busy": busy}
    )


class CaptionPolicy(BasePermissionPolicy):
    """Whoever may change audio and video may add their captions (scoped per clip in the views)."""

    def user_has_permission(self, user, action):
        return policy().user_has_any_permission(user, ["add", "change"])

    def users_with_any_permission(self, actions):
        return policy().users_with_any_permission(["add", "change"])


class CaptionIndexView(generic.IndexView):
    def get_base_queryset(self):
        captions = Caption.objects.filter(clip__in=changeable(self.request.user))
        wanted = self.request.GET.get("clip", "")
        if wanted.isdigit():
            captions = captions.filter(clip_id=wanted)
        return captions.select_related("clip")


class ScopedForm:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["clip"].queryset = changeable(self.request.user).order_by("title")
        return form


class ScopedObject:
    def get_object(self, queryset=None):
        caption = super().get_object(queryset)
        if not changeable(self.request.user).filter(pk=caption.clip_id).exists():
            raise PermissionDenied
        return caption


class CaptionCreateView(ScopedForm, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("clip", "")
        if wanted.isdigit():
            initial["clip"] = int(wanted)
        return initial


class CaptionEditView(ScopedObject, ScopedForm, generic.EditView):
    pass


class CaptionDeleteView(ScopedObject, generic.DeleteView):
    pass


class CaptionViewSet(ModelViewSet):
    model = Caption
    form_fields = ["clip", "language", "kind", "file"]
    icon = "doc-full"
    menu_label = _("Captions")
    add_to_admin_menu = False
    index_view_class = CaptionIndexView
    add_view_class = CaptionCreateView
    edit_view_class = CaptionEditView
    delete_view_class = CaptionDeleteView
    list_display = ["clip", Column("language", label=_("language")), "kind"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return CaptionForm


caption_viewset = CaptionViewSet("captions")
