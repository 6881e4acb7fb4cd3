"""The form editors post with: the status offered is the one their role allows."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kolokol.live.models import LivePost
from kolokol.live.permissions import live_blogs_for, may_publish


class LivePostForm(WagtailAdminModelForm):
    status = forms.ChoiceField(
        label=_("Status"),
        widget=forms.RadioSelect,
        help_text=_("A published post is on the live blog within seconds."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "page" in self.fields:
            blogs = live_blogs_for(user).order_by("-live_from")
            self.fields["page"].queryset = blogs
            self.fields["page"].widget = forms.Select(choices=self.fields["page"].choices)
        page = self.instance.page if self.instance.page_id else self._page_from_data()
        publisher = page is not None and may_publish(user, page)
        choices = [(LivePost.Status.DRAFT, LivePost.Status.DRAFT.label)]
        if publisher:
            choices.insert(0, (LivePost.Status.PUBLISHED, _("Publish now")))
        else:
            choices.insert(0, (LivePost.Status.SUBMITTED, _("Submit for review")))
        if self.instance.status == LivePost.Status.PUBLISHED and not publisher:
            choices = [(LivePost.Status.PUBLISHED, LivePost.Status.PUBLISHED.label)]
        self.fields["status"].choices = choices
        self.fields["status"].initial = self.instance.status if self.instance.pk else choices[0][0]

    def _page_from_data(self):
        wanted = self.data.get("page") or self.initial.get("page")
        if wanted and "page" in self.fields:
            return self.fields["page"].queryset.filter(pk=wanted).first()
        return None

    def clean(self):
        cleaned = super().clean()
        page = cleaned.get("page") or (self.instance.page if self.instance.page_id else None)
        if (
            page is not None
            and cleaned.get("status") == LivePost.Status.PUBLISHED
            and self.instance.status != LivePost.Status.PUBLISHED
            and not may_publish(self.for_user, page)
        ):
            self.add_error("status", _("An editor publishes posts on this live blog."))
        return cleaned

    def save(self, commit: bool = True) -> LivePost:
        post = super().save(commit=False)
        post.status = self.cleaned_data["status"]
        if post.status == LivePost.Status.PUBLISHED and post.posted_at is None:
            post.posted_at = timezone.now()
        if post.created_by_id is None:
            post.created_by = self.for_user
        if commit:
            post.save()
        return post

    class Meta:
        model = LivePost
        fields = ["page", "headline", "body", "author", "key_update", "pinned"]
