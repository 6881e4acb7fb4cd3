"""The moderation queue in the Wagtail admin.

Moderators see and act on the comments of the services whose moderator
group they belong to (``kolokol.newsroom.permissions.services_with`` with
the ``comments.moderate_comment`` permission), and nothing else.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kolokol.comments import text
from kolokol.comments.models import Comment, State
from kolokol.comments.moderation import decide
from kolokol.newsroom.permissions import services_with

PERMISSION = "comments.moderate_comment"
ACTIONS = {
    "approve": gettext_lazy("Approve"),
    "reject": gettext_lazy("Reject"),
    "spam": gettext_lazy("Mark as spam"),
    "delete": gettext_lazy("Delete"),
}
PER_PAGE = 50


def moderated_services(user) -> QuerySet:
    return services_with(user, PERMISSION)


def moderated_comments(user) -> QuerySet:
    """Every comment on articles of the services ``user`` moderates."""
    paths = list(moderated_services(user).values_list("path", flat=True))
    if not paths:
        return Comment.objects.none()
    return Comment.objects.filter(reduce(or_, (Q(article__path__startswith=p) for p in paths)))


def pending_counts(user) -> list[tuple[object, int]]:
    """(service, comments awaiting moderation) for each service ``user`` moderates."""
    return [
        (
            service,
            Comment.objects.filter(
                article__path__startswith=service.path, state=State.PENDING
            ).count(),
        )
        for service in moderated_services(user).order_by("path")
    ]


def queue(request: HttpRequest) -> HttpResponse:
    if not moderated_services(request.user).exists():
        raise PermissionDenied
    comments = moderated_comments(request.user).select_related("article", "parent")
    if request.method == "POST":
        return act(request, comments)
    state = request.GET.get("state", State.PENDING)
    if state in State.values:
        comments = comments.filter(state=state)
    article = request.GET.get("article", "")
    if (article_id := text.as_id(article)) is not None:
        comments = comments.filter(article_id=article_id)
    comments = comments.order_by("-created_at", "-pk")
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "comments/admin/queue.html",
        {
            "page_title": _("Comments"),
            "header_icon": "comment",
            "comments": page,
            "states": State.choices,
            "state": state,
            "article": article,
            "actions": ACTIONS.items(),
            "counts": pending_counts(request.user),
        },
    )


def act(request: HttpRequest, comments: QuerySet) -> HttpResponse:
    """One button on a row (``one=approve:12``) or a bulk action on the ticked rows."""
    one = request.POST.get("one", "")
    if ":" in one:
        action, _sep, pk = one.partition(":")
        ids = [pk]
    else:
        action, ids = request.POST.get("action", ""), request.POST.getlist("ids")
    ids = [pk for pk in map(text.as_id, ids) if pk is not None]
    back = request.POST.get("next") or reverse("comments_queue")
    if not back.startswith("/admin/"):
        back = reverse("comments_queue")
    if action not in ACTIONS or not ids:
        messages.error(request, _("Choose an action and at least one comment."))
        return HttpResponseRedirect(back)
    # Only comments this moderator may touch: ids from elsewhere are ignored.
    changed = decide(list(comments.filter(pk__in=ids)), action, user=request.user)
    messages.success(
        request,
        ngettext("%(count)d comment: %(action)s.", "%(count)d comments: %(action)s.", changed)
        % {"count": changed, "action": ACTIONS[action]},
    )
    return HttpResponseRedirect(back)
