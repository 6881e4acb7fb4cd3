"""The service's Telegram channel in the admin: its settings, what was posted, failures retried.

For chief editors of the service (``telegram.change_channel``). The bot
token is write-only: the form never shows it back.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kolokol.newsroom.permissions import services_with
from kolokol.telegram.models import Channel, Post
from kolokol.telegram.tasks import post

MANAGE = "telegram.change_channel"
SHOWN = 20


class ChannelForm(forms.ModelForm):
    token = forms.CharField(
        label=gettext_lazy("Bot token"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("From @BotFather. Leave empty to keep the current one."),
    )

    class Meta:
        model = Channel
        fields = ["chat", "public_url", "post_articles", "post_breaking"]

    def save(self, commit: bool = True) -> Channel:
        channel = super().save(commit=False)
        if self.cleaned_data["token"]:
            channel.token = self.cleaned_data["token"].strip()
        if commit:
            channel.save()
        return channel


def overview(request: HttpRequest) -> HttpResponse:
    services = list(services_with(request.user, MANAGE).order_by("path"))
    if not services:
        raise PermissionDenied
    rows = [
        {
            "service": service,
            "channel": Channel.objects.filter(service=service).first(),
            "posts": list(Post.objects.filter(service=service)[:SHOWN]),
        }
        for service in services
    ]
    return render(
        request,
        "telegram/admin/overview.html",
        {"page_title": _("Telegram"), "header_icon": "globe", "rows": rows},
    )


@require_http_methods(["GET", "POST"])
def channel(request: HttpRequest, service_pk: int) -> HttpResponse:
    service = get_object_or_404(services_with(request.user, MANAGE), pk=service_pk)
    existing = Channel.objects.filter(service=service).first()
    form = ChannelForm(request.POST or None, instance=existing or Channel(service=service))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The Telegram channel is saved."))
        return redirect("telegram_overview")
    return render(
        request,
        "telegram/admin/channel.html",
        {
            "page_title": _("Telegram channel: %(service)s") % {"service": service.title},
            "header_icon": "globe",
            "form": form,
            "has_token": bool(existing and existing.sealed_token),
        },
    )


@require_POST
def retry(request: HttpRequest, post_pk: int) -> HttpResponse:
    item = get_object_or_404(
        Post, pk=post_pk, service__in=services_with(request.user, MANAGE), status=Post.Status.FAILED
    )
    Post.objects.filter(pk=item.pk).update(status=Post.Status.QUEUED, attempts=0, error="")
    post.enqueue(item.pk)
    messages.success(request, _("The post is being sent again."))
    return redirect("telegram_overview")
