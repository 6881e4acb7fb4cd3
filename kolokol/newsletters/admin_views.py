"""Newsletters in the admin: subscribers counted, issues composed, sent and followed, addresses exported or deleted.

Each user sees the services they may send for (``newsletters.add_issue``,
chief editors); exporting and deleting addresses takes the permissions on
subscribers, which only chief editors and administrators hold.
"""

from __future__ import annotations

import csv
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kolokol.articles.models import ArticlePage
from kolokol.newsletters import addresses, mail, tasks
from kolokol.newsletters.models import Issue, Subscriber
from kolokol.newsroom.permissions import can_act_for, services_with

SEND = "newsletters.add_issue"
EXPORT = "newsletters.view_subscriber"
DELETE = "newsletters.delete_subscriber"
RECENT_DAYS = 7
ISSUES_SHOWN = 20
COUNTED = ("confirmed", "daily", "breaking", "waiting")


def _service(request: HttpRequest, pk: int, permission: str = SEND):
    return get_object_or_404(services_with(request.user, permission), pk=pk)


def overview(request: HttpRequest) -> HttpResponse:
    services = list(services_with(request.user, SEND).order_by("path"))
    if not services:
        raise PermissionDenied
    counts: dict[int, dict[str, int]] = {}
    groups = (
        Subscriber.objects.filter(service__in=services)
        .values_list("service_id", "confirmed", "daily", "breaking")
        .annotate(n=Count("id"))
        .order_by()
    )
    for service_id, is_confirmed, daily, breaking, n in groups:
        row = counts.setdefault(service_id, dict.fromkeys(COUNTED, 0))
        if not is_confirmed:
            row["waiting"] += n
            continue
        row["confirmed"] += n
        row["daily"] += n if daily else 0
        row["breaking"] += n if breaking else 0
    rows = [
        {
            "service": service,
            "counts": counts.get(service.pk, {}),
            "issues": list(Issue.objects.filter(service=service)[:ISSUES_SHOWN]),
            "may_export": can_act_for(request.user, EXPORT, service),
            "may_delete": can_act_for(request.user, DELETE, service),
        }
        for service in services
    ]
    return render(
        request,
        "newsletters/admin/overview.html",
        {"page_title": _("Newsletters"), "header_icon": "mail", "rows": rows},
    )


class IssueForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    intro = forms.CharField(
        label=gettext_lazy("Introduction"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    articles = forms.MultipleChoiceField(
        label=gettext_lazy("Articles"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        recent = ArticlePage.objects.in_service(service).filter(
            first_published_at__gte=timezone.now() - timedelta(days=RECENT_DAYS)
        )[:100]
        self.fields["articles"].choices = [(str(a.pk), a.title) for a in recent]


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, service_pk: int) -> HttpResponse:
    service = _service(request, service_pk)
    form = IssueForm(request.POST or None, service=service)
    preview = None
    if request.method == "POST" and form.is_valid():
        issue = Issue(
            service=service,
            kind=Issue.Kind.EDITION,
            subject=form.cleaned_data["subject"],
            intro=form.cleaned_data["intro"],
            articles=[int(pk) for pk in form.cleaned_data["articles"]],
            created_by=request.user,
        )
        if "send" in request.POST:
            issue.save()
            tasks.queue(issue)
            messages.success(request, _("The newsletter is being sent."))
            return redirect("newsletters_overview")
        preview = mail.compose(issue).text.replace(mail.UNSUBSCRIBE, "…")
    return render(
        request,
        "newsletters/admin/compose.html",
        {
            "page_title": _("New newsletter: %(service)s") % {"service": service.title},
            "header_icon": "mail",
            "service": service,
            "form": form,
            "preview": preview,
        },
    )


@require_POST
def send_rest(request: HttpRequest, issue_pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=issue_pk, service__in=services_with(request.user, SEND))
    if issue.status == Issue.Status.FAILED:
        Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.QUEUED, attempts=0)
        tasks.queue(issue)
        messages.success(request, _("The rest of the newsletter is being sent."))
    return redirect("newsletters_overview")


class _Echo:
    def write(self, value: str) -> str:
        return value


def export(request: HttpRequest, service_pk: int) -> StreamingHttpResponse:
    """The service's confirmed and waiting subscribers as CSV, decrypted (for a move or a reader's request)."""
    service = _service(request, service_pk, EXPORT)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(["address", "daily", "breaking", "confirmed", "subscribed_at"])
        for subscriber in Subscriber.objects.filter(service=service).order_by("pk").iterator():
            yield writer.writerow(
                [
                    addresses.unseal(subscriber.sealed_address),
                    subscriber.daily,
                    subscriber.breaking,
                    subscriber.confirmed,
                    subscriber.created_at.isoformat(),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{service.slug}-subscribers.csv"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def delete_address(request: HttpRequest, service_pk: int) -> HttpResponse:
    """Delete one reader's address on their request (by mail, by phone): found by its digest."""
    service = _service(request, service_pk, DELETE)
    given = request.POST.get("address", "")
    deleted, _kinds = Subscriber.objects.filter(
        service=service, digest=addresses.digest(given)
    ).delete()
    if deleted:
        messages.success(request, _("The address is deleted."))
    else:
        messages.warning(request, _("No subscriber has this address."))
    return redirect("newsletters_overview")
