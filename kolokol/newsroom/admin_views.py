"""Administrators' pages in the admin: the audit log, adding a language service."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access

from kolokol.newsroom.launch import MAX_SLUG, ServiceError, add_service
from kolokol.newsroom.models import AuditEvent
from kolokol.services.models import ServiceHomePage, language_choices

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


class ServiceForm(forms.Form):
    """What ``kolokol service add`` asks for; ``add_service`` checks the rest."""

    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=language_choices)
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=255,
        help_text=gettext_lazy("As readers see it, e.g. “Kolokol Uzbek”."),
    )
    slug = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=MAX_SLUG,
        help_text=gettext_lazy(
            "The service's address after the site's: uz gives /uz/. "
            "Lower-case Latin letters, digits and hyphens."
        ),
    )
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        max_length=64,
        initial=settings.TIME_ZONE,
        help_text=gettext_lazy("Publication times are shown in this zone, e.g. Asia/Tashkent."),
    )


def add_language_service(request: HttpRequest) -> HttpResponse:
    """Settings → Language services: the services, and a form adding one (administrators only)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = add_service(**form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            home = result.home
            if result.changed:
                messages.success(
                    request,
                    _(
                        "The service “%(name)s” is ready at %(url)s: its sections, indexes, roles and review workflow."
                    )
                    % {"name": home.title, "url": home.url},
                    buttons=[
                        messages.button(reverse("wagtailadmin_explore", args=[home.pk]), _("Open"))
                    ],
                )
            else:
                messages.info(
                    request,
                    _("The service “%(name)s” is already there; nothing changed.")
                    % {"name": home.title},
                )
            return redirect("language_services")
    return render(
        request,
        "newsroom/admin/language_services.html",
        {
            "page_title": _("Language services"),
            "header_icon": "site",
            "form": form,
            "services": ServiceHomePage.objects.order_by("path"),
        },
    )
