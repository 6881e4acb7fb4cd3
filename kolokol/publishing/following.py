"""Mirrors that follow the origin: `kolokol worker` keeps KOLOKOL_MIRRORS up to date.

An export from cron starts Python, Django and Wagtail each time, which is
most of an incremental export's time; the worker is already running, so it
exports each configured mirror incrementally as soon as something was
published (the cache clock moves on every publishing event), and once a
minute anyway, since a breaking-news banner can expire without any event.
The export runs in a thread of its own, so a long one (the first, full
export of an empty folder) never holds up scheduled publishing or the
store's sweep.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connections

from kolokol.core import clock
from kolokol.publishing import manifest, mirror

logger = logging.getLogger(__name__)

EVERY = 60  # seconds between exports of a mirror when nothing was published


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
        self.thread: threading.Thread | None = None

    def due(self) -> list[tuple[Path, str]]:
        version, now = clock.version(), time.monotonic()
        return [
            (directory, base_url)
            for directory, base_url in self.mirrors
            if (last := self.exported.get(directory)) is None
            or last[0] != version
            or now - last[1] >= self.every
        ]

    def tick(self, background: bool = True) -> None:
        """Export the mirrors that fell behind; in a thread unless ``background`` is off."""
        if self.thread is not None and self.thread.is_alive():
            return  # the next tick after it finishes sees what was published meanwhile
        due = self.due()
        if not due:
            return
        if not background:
            self.export(due)
            return
        self.thread = threading.Thread(
            target=self.export, args=(due,), name="kolokol-mirrors", daemon=True
        )
        self.thread.start()

    def export(self, due: list[tuple[Path, str]]) -> None:
        try:
            for directory, base_url in due:
                # Read before exporting: a publish during the export moves the
                # version on, and the next tick exports again.
                version, started = clock.version(), time.monotonic()
                try:
                    report = mirror.export_site(directory, base_url=base_url, incremental=True)
                except manifest.Busy as busy:
                    self.say(f"mirror {directory}: not exported now, {busy}")
                except Exception:
                    # Retried after ``every`` seconds, not every second.
                    logger.exception("mirror %s: export failed", directory)
                else:
                    self.say(
                        f"mirror {directory}: {len(report.written)} files written, "
                        f"{len(report.deleted)} deleted in {time.monotonic() - started:.2f} s"
                        + (
                            f"; not exported: {', '.join(report.failed[:5])}"
                            if report.failed
                            else ""
                        )
                    )
                self.exported[directory] = (version, time.monotonic())
        finally:
            if threading.current_thread() is not threading.main_thread():
                connections.close_all()  # this thread's own; hold none between exports
