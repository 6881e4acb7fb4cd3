"""The audit log in the admin, for administrators: sign-ins and changes of powers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access

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


@require_admin_access
def tag_autocomplete(request: HttpRequest, app_name=None, model_name=None) -> HttpResponse:
    """Wagtail's tag autocomplete, offering the tags of the user's own services only.

    A tag is often the name of a story before it runs: another service's
    reporter must not learn it from the autocomplete.
    """
    from django.http import JsonResponse
    from taggit.models import Tag
    from wagtail.admin.views import tags

    from kolokol.articles.models import ArticlePage
    from kolokol.newsroom.scope import pages_in_own_services

    if request.user.is_superuser or (app_name, model_name) not in {(None, None), ("taggit", "tag")}:
        return tags.autocomplete(request, app_name, model_name)
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    articles = pages_in_own_services(ArticlePage.objects.all(), request.user)
    names = (
        Tag.objects.filter(
            name__istartswith=term, articles_articletag_items__content_object__in=articles
        )
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)[: tags.TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
