"""The audit log in the admin, for administrators: sign-ins and changes of powers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kolokol.newsroom.models import AuditEvent

PER_PAGE = 100


def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    events = AuditEvent.objects.all()
    chosen = request.GET.get("action", "")
    if chosen in AuditEvent.Action.values:
        events = events.filter(action=chosen)
    account = request.GET.get("account", "").strip()
    if account:
        events = events.filter(username__iexact=account)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "newsroom/admin/audit_log.html",
        {
            "page_title": _("Audit log"),
            "header_icon": "history",
            "events": page,
            "actions": AuditEvent.Action.choices,
            "chosen": chosen,
            "account": account,
        },
    )
