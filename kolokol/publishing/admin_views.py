"""Background work in the admin: how much is queued, running and failed; failed work run again.

For administrators only: a task's arguments and traceback can name any
page of any service.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

SHOWN = 50  # failed tasks listed, newest first


def counts() -> dict[str, int]:
    """Queued, running and failed tasks; empty when tasks are not kept (immediate backend)."""
    if settings.KOLOKOL_TASKS != "database":
        return {}
    from django_tasks_db.models import DBTaskResult

    return {
        "queued": DBTaskResult.objects.filter(status="READY").count(),
        "running": DBTaskResult.objects.running().count(),
        "failed": DBTaskResult.objects.failed().count(),
    }


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


@require_http_methods(["GET", "POST"])
def background_work(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    failed = []
    if settings.KOLOKOL_TASKS == "database":
        from django_tasks_db.models import DBTaskResult, get_date_max

        if request.method == "POST":
            chosen = DBTaskResult.objects.failed()
            task = request.POST.get("task", "")
            if task != "all":
                try:
                    chosen = chosen.filter(pk=uuid.UUID(task))
                except ValueError:  # not a task's id: nothing to retry
                    chosen = chosen.none()
            # The same row goes back in the queue: its history (which workers
            # tried it) stays with it. The tasks are idempotent.
            again = chosen.update(
                status="READY",
                run_after=get_date_max(),
                started_at=None,
                finished_at=None,
                exception_class_path="",
                traceback="",
            )
            messages.success(
                request,
                ngettext("%(count)d task queued again.", "%(count)d tasks queued again.", again)
                % {"count": again},
            )
            return redirect("background_work")
        failed = [
            {
                "id": task.pk,
                "name": task.task_name,
                "finished_at": task.finished_at,
                "error": first_line(task.traceback),
            }
            for task in DBTaskResult.objects.failed().order_by("-finished_at")[:SHOWN]
        ]
    return render(
        request,
        "publishing/admin/background_work.html",
        {
            "page_title": _("Background work"),
            "header_icon": "cogs",
            "counts": counts(),
            "failed": failed,
        },
    )


def mirror_rows(now: float | None = None) -> list[dict]:
    """Each followed mirror: where, when last synced, how far behind, the last error."""
    from kolokol.core import clock
    from kolokol.publishing.models import MirrorStatus

    version = clock.version()
    now = time.time() if now is None else now
    rows = []
    for status in MirrorStatus.objects.all():
        behind = version > status.synced_version
        rows.append(
            {
                "status": status,
                # Everything published before the last export started is in the
                # mirror: the oldest change missing is at most this old.
                "lag": round(now - status.synced_version / 1e9)
                if behind and status.synced_version
                else 0,
                "behind": behind,
            }
        )
    return rows


def mirrors(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    return render(
        request,
        "publishing/admin/mirrors.html",
        {"page_title": _("Mirrors"), "header_icon": "globe", "rows": mirror_rows()},
    )
