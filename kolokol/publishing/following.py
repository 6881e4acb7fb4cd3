"""Mirrors that follow the origin: `kolokol worker` keeps KOLOKOL_MIRRORS up to date.

An export from cron starts Python, Django and Wagtail each time, which is
most of an incremental export's time; the worker is already running, so it
has each configured mirror exported incrementally as soon as something was
published (the cache clock moves on every publishing event), and once a
minute anyway, since a breaking-news banner can expire without any event.

Each export is a task (:func:`export_mirror`) in this machine's own queue
(``settings.HOST_QUEUE``): the folder is on this machine, so only the workers
here take it, on their task threads, where a long export (the first, full
one of an empty folder) holds up neither scheduled publishing nor the
store's sweep. A failed export is a failed task administrators see; the
next one is enqueued a minute later. One export per mirror is in the queue
at a time.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus, task

from kolokol.core import clock
from kolokol.publishing import manifest, mirror, mirrorbuckets

logger = logging.getLogger(__name__)

EVERY = 60  # seconds between exports of a mirror when nothing was published


@task()
def export_mirror(directory: str, base_url: str) -> str:
    """Export the site into ``directory`` incrementally; one line on what was done."""
    started = time.monotonic()
    try:
        report = mirror.export_site(Path(directory), base_url=base_url, incremental=True)
    except manifest.Busy as busy:
        return f"mirror {directory}: not exported now, {busy}"
    line = (
        f"mirror {directory}: {len(report.written)} files written, "
        f"{len(report.deleted)} deleted in {time.monotonic() - started:.2f} s"
        + (f"; not exported: {', '.join(report.failed[:5])}" if report.failed else "")
    )
    if (target := mirrorbuckets.for_folder(Path(directory))) is not None:
        uploaded, removed = mirrorbuckets.push(target, report.written, report.deleted)
        line += f"; bucket {target.bucket}: {uploaded} uploaded, {removed} deleted"
    return line


class Follower:
    def __init__(
        self,
        mirrors: list[tuple[Path, str]],
        every: float = EVERY,
        say: Callable[[str], object] = print,
    ) -> None:
        self.mirrors = mirrors
        self.every = every
        self.say = say  # one line per export (the worker's output, the journal)
        self.exported: dict[Path, tuple[int, float]] = {}  # cache clock, monotonic time
        self.started: dict[Path, int] = {}  # the cache clock its running export started at
        self.pending: dict[Path, TaskResult] = {}

    def due(self) -> list[tuple[Path, str]]:
        version, now = clock.version(), time.monotonic()
        return [
            (directory, base_url)
            for directory, base_url in self.mirrors
            if (last := self.exported.get(directory)) is None
            or last[0] != version
            or now - last[1] >= self.every
        ]

    def tick(self) -> None:
        """Report the exports that finished; enqueue those of mirrors that fell behind."""
        for directory in list(self.pending):
            if self.finished(directory):
                del self.pending[directory]
        for directory, base_url in self.due():
            if directory in self.pending:
                continue  # the next tick after it finishes sees what was published meanwhile
            # Read before the export: a publish during it moves the version
            # on, and a later tick exports again. A failed export is tried
            # again after ``every`` seconds, not every second.
            self.exported[directory] = (clock.version(), time.monotonic())
            self.started[directory] = clock.version()
            here = export_mirror.using(queue_name=settings.HOST_QUEUE)
            self.pending[directory] = here.enqueue(directory=str(directory), base_url=base_url)
            if self.finished(directory):  # run at once (the immediate backend)
                del self.pending[directory]

    def finished(self, directory: Path) -> bool:
        """Whether the export of ``directory`` is over (and said so); refreshed from the queue."""
        result = self.pending[directory]
        if not result.is_finished:
            result.refresh()
        if not result.is_finished:
            return False
        ok = result.status == TaskResultStatus.SUCCESSFUL
        if ok:
            self.say(result.return_value or "")
        else:
            logger.error("mirror %s: export failed (its task shows why)", directory)
        self.record(directory, ok, result)
        return True

    def record(self, directory: Path, ok: bool, result: TaskResult) -> None:
        """Keep how the export went for the admin's Mirrors page."""
        from kolokol.publishing.models import MirrorStatus

        base_url = dict(self.mirrors).get(directory, "")
        now = timezone.now()
        if ok:
            message = str(result.return_value or "")
        else:
            errors = getattr(result, "errors", None) or []
            message = errors[-1].traceback.strip().splitlines()[-1] if errors else "failed"
        fields: dict[str, object] = {
            "base_url": base_url,
            "host": socket.gethostname(),
            "last_attempt_at": now,
            "ok": ok and "not exported" not in message,
            "message": message[:2000],
        }
        if ok:
            fields |= {"last_success_at": now, "synced_version": self.started.get(directory, 0)}
        MirrorStatus.objects.update_or_create(directory=str(directory), defaults=fields)
