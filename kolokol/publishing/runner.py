"""Running queued tasks inside ``kolokol worker``, and taking back those of dead workers.

django-tasks-db keeps the queue; its ``Worker.run_task`` runs one task and
records the result. Two things are ours. An idle runner asks the database
only every ``LOOK_SECONDS`` (tasks enqueued on other machines, retries that
come due), with a plain read, and locks the queue only when something is
ready, so it takes no write lock while idle (SQLite has one for the whole
database); the app processes on its own machine ring a doorbell (a file's
date, looked at every ``IDLE_SECONDS``) when they enqueue a publish's
renders, so those start within a few hundredths of a second. And a task
whose worker died mid-run (killed, its machine lost) would stay "running"
for ever: each runner notes that it is alive every ``BEAT_SECONDS``, and any
worker puts the tasks of a runner silent for ``KOLOKOL_TASK_DEAD_AFTER`` seconds back in
the queue, where another runner takes them (the tasks are idempotent).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from django_tasks import TaskResultStatus

from kolokol.publishing import logfilter, metrics

logger = logging.getLogger(__name__)
# What the worker does, for operators (settings.LOGGING shows it at INFO).
log = logging.getLogger("kolokol.worker")

IDLE_SECONDS = 0.02
LOOK_SECONDS = 1.0
BEAT_SECONDS = 3.0


class Tasks:
    """Tasks this process's runners finished since the worker's last heartbeat line."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = self.failed = 0

    def add(self, *, failed: bool) -> None:
        with self.lock:
            if failed:
                self.failed += 1
            else:
                self.done += 1

    def take(self) -> tuple[int, int]:
        """(done, failed) since the last take."""
        with self.lock:
            counts, self.done, self.failed = (self.done, self.failed), 0, 0
        return counts


finished = Tasks()


def doorbell() -> Path:
    return Path(settings.DATA_DIR) / "tasks-doorbell"


def ring() -> None:
    """Tell this machine's runners that work was just enqueued (queued in the database)."""
    if settings.KOLOKOL_TASKS != "database":
        return  # run at once where it was enqueued: no runner to wake
    bell = doorbell()
    try:
        os.utime(bell)
    except FileNotFoundError:
        with contextlib.suppress(OSError):
            bell.touch()
    except OSError:
        pass


PREFIX = "tasks@"


class Runner(threading.Thread):
    """Takes ready tasks one at a time and runs them, until ``stop()``."""

    def __init__(self, backend_name: str = "default", queues: list[str] | None = None) -> None:
        super().__init__(name="kolokol-tasks", daemon=True)
        self.backend_name = backend_name
        # None: every queue of the backend.
        self.queues = queues
        self.worker_id = f"{PREFIX}{socket.gethostname()}:{os.getpid()}"[:64]
        self.stopping = threading.Event()
        self.beaten = 0.0

    def stop(self, timeout: float = 60) -> None:
        """Finish the task under way, then stop."""
        self.stopping.set()
        self.join(timeout)

    def run(self) -> None:
        rung: float | None = self.bell()
        looked, pause = 0.0, 0.0
        try:
            while not self.stopping.is_set():
                bell = self.bell()
                if bell == rung and time.monotonic() - looked < LOOK_SECONDS:
                    self.stopping.wait(IDLE_SECONDS)
                    continue
                rung, looked = bell, time.monotonic()
                try:
                    while self.run_one() and not self.stopping.is_set():
                        looked = time.monotonic()  # busy: look again at once
                    pause = 0.0
                except DatabaseError:
                    # A lock held a moment too long (SQLite), or the database
                    # away: again soon, then less often while it lasts.
                    pause = min(max(pause * 2, 0.2), 5.0)
                    logger.warning(
                        "tasks: the database failed; again in %.1f s", pause, exc_info=True
                    )
                    connections.close_all()
                    rung = None  # look at once after the pause
                    self.stopping.wait(pause)
        finally:
            connections.close_all()

    @staticmethod
    def bell() -> float:
        try:
            return os.stat(doorbell()).st_mtime_ns
        except OSError:
            return 0

    def beat(self) -> None:
        from kolokol.publishing.models import Heartbeat

        if time.monotonic() - self.beaten >= BEAT_SECONDS:
            try:
                Heartbeat.objects.update_or_create(
                    name=self.worker_id, defaults={"seen_at": timezone.now()}
                )
            except DatabaseError:
                # Not alive for others until the next beat gets through; the
                # work itself goes on (DEAD_AFTER spans several beats).
                logger.debug("tasks: heartbeat not written", exc_info=True)
                return
            self.beaten = time.monotonic()

    def run_one(self) -> bool:
        """Run one ready task, if there is one; whether one ran."""
        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult
        from django_tasks_db.utils import exclusive_transaction

        close_old_connections()
        self.beat()
        # This installation's queues on this machine: another machine's own
        # queue (its mirrors' exports) waits for that machine's workers.
        ready = DBTaskResult.objects.ready().filter(
            backend_name=self.backend_name,
            queue_name__in=self.queues or settings.TASKS[self.backend_name]["QUEUES"],
        )
        if not ready.exists():  # a plain read: no lock while idle
            return False
        with exclusive_transaction(ready.db):
            found = ready.get_locked()
            if found is not None:
                found.claim(self.worker_id)
        if found is None:
            return False  # another runner was quicker
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=False,
            backend_name=self.backend_name,
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )
        timer = time.perf_counter()
        # The task is logged here, once, with its time (logfilter.LoggedByWorker).
        logfilter.running_task.active = True
        try:
            worker.run_task(found)
        finally:
            logfilter.running_task.active = False
        took = time.perf_counter() - timer
        failed = found.status == TaskResultStatus.FAILED
        finished.add(failed=failed)
        name = found.task_path.rpartition(".")[2]
        metrics.TASK_SECONDS.labels(task=name, outcome="failed" if failed else "ok").observe(took)
        if failed:
            log.error(
                "worker: task %s failed after %.2f s (id %s)\n%s",
                found.task_path,
                took,
                found.id,
                found.traceback.rstrip(),
            )
        else:
            log.info("worker: task %s done in %.2f s (id %s)", found.task_path, took, found.id)
        return True


def reclaim(now=None) -> int:
    """Put back in the queue the tasks of runners silent for KOLOKOL_TASK_DEAD_AFTER seconds."""
    from django_tasks_db.models import DBTaskResult

    from kolokol.publishing.models import Heartbeat

    now = now or timezone.now()
    running = list(DBTaskResult.objects.running().only("id", "worker_ids"))
    if not running:
        return 0
    alive = set(
        Heartbeat.objects.filter(
            name__startswith=PREFIX,
            seen_at__gte=now - timedelta(seconds=settings.KOLOKOL_TASK_DEAD_AFTER),
        ).values_list("name", flat=True)
    )
    dead = [task.pk for task in running if task.worker_ids and task.worker_ids[-1] not in alive]
    if dead:
        # Only if still running: its runner may have finished it meanwhile.
        count = (
            DBTaskResult.objects.running()
            .filter(pk__in=dead)
            .update(status="READY", started_at=None)
        )
        if count:
            logger.warning("tasks: %d tasks of stopped workers queued again", count)
        return count
    return 0
