"""kolokol worker: the background jobs of a production installation.

It runs queued tasks (``kolokol.publishing.tasks``: the renders after every
publish, Wagtail's own background work) on ``--tasks`` threads, and puts
back in the queue the tasks of workers that died (``kolokol.publishing.runner``).
Several times a second it applies to this server's rendered store what was
published through any server (``kolokol.publishing.fanout``) and sweeps
stale pages out of it (see ``sweep.sweep``), which matters when nginx
serves the store from disk; it keeps the store's copy of the services'
facts (``.onion-locations.map`` for nginx) current;
every minute Wagtail's ``publish_scheduled`` (which publishes and expires
scheduled pages) and every hour ``purge_comments`` (old rejected and spam
comments, last days' like tokens and salts) are enqueued as tasks, once for
the whole installation however many workers run (``kolokol.publishing.periodic``).
With KOLOKOL_MIRRORS set it also keeps those static
mirrors up to date after every publish (``kolokol.publishing.following``).

It logs (logger ``kolokol.worker``) each task it runs with its time, a
failed one with its traceback, and every ``--heartbeat-every`` seconds a
line saying it is alive, what it did since and how long the queue is.

``kolokol serve`` starts one as its child (``--stop-with`` the server's
process id), so scheduled publishing works without cron or a second unit.
"""

import contextlib
import ctypes
import logging
import os
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kolokol.publishing import (
    fanout,
    health,
    periodic,
    render,
    runner,
    servicemap,
    sweep,
    tasks,
)
from kolokol.publishing.admin_views import counts
from kolokol.publishing.following import Follower
from kolokol.publishing.runner import Runner

logger = logging.getLogger(__name__)
# What the worker does, for operators (settings.LOGGING shows it at INFO).
log = logging.getLogger("kolokol.worker")
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to send us SIGTERM when our parent goes, however it goes."""
    # Elsewhere (no prctl) the parent check in the loop does it, within a second.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# The jobs run every round; between rounds the store follows what other
# servers publish (``fanout``) every FANOUT_SECONDS: one indexed read of the
# events after the last one seen, so a page another server changed leaves
# this store about that long after the commit.
ROUND_SECONDS = 0.25
FANOUT_SECONDS = 0.1


class Command(BaseCommand):
    help = "Run the publisher's background jobs until stopped (SIGTERM or Ctrl-C)."
    heartbeat_every = 60.0
    said_at = 0.0  # time.monotonic() of the last "alive" line

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run each job once and exit")
        parser.add_argument(
            "--schedule-every", type=int, default=60, help="seconds between publish_scheduled runs"
        )
        parser.add_argument(
            "--tasks",
            type=int,
            default=1,
            metavar="N",
            help="threads running queued tasks (renders after a publish; 0: none here)",
        )
        parser.add_argument(
            "--media",
            type=int,
            default=1,
            metavar="N",
            help="threads transcoding audio and video with ffmpeg (0: none here)",
        )
        parser.add_argument(
            "--heartbeat-every",
            type=float,
            default=60,
            metavar="SECONDS",
            help="seconds between the log lines saying the worker is alive (tasks done, queue)",
        )
        parser.add_argument(
            "--stop-with",
            type=int,
            metavar="PID",
            help="stop when the process PID (our parent, e.g. kolokol serve) has gone",
        )

    def handle(self, *args, **options):
        # Run in-process (tests, another command) the caller gets its own
        # signal handlers back.
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.run(**options)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def run(
        self,
        once=False,
        schedule_every=60,
        stop_with=None,
        tasks=1,
        media=1,
        heartbeat_every=60,
        **options,
    ):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        # Ctrl-C in a terminal reaches the server and its worker alike.
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        if stop_with:
            die_with_parent()
        self.follower = Follower(settings.KOLOKOL_MIRRORS, say=self.stdout.write)
        self.heartbeat_every = heartbeat_every
        self.said_at = time.monotonic()
        if not once:
            log.info(
                "worker: started (pid %d, %d task threads, a line like this every %g s)",
                os.getpid(),
                tasks if settings.KOLOKOL_TASKS == "database" else 0,
                heartbeat_every,
            )
        runners = []
        if settings.KOLOKOL_TASKS == "database" and not once:
            queues = settings.TASKS["default"]["QUEUES"]
            others = [queue for queue in queues if queue not in settings.MEDIA_QUEUES]
            runners = [Runner(queues=others) for _ in range(tasks)]
            runners += [Runner(queues=settings.MEDIA_QUEUES) for _ in range(media)]
            for thread in runners:
                thread.start()
        self.runners = runners
        try:
            self.loop(stopping, once, schedule_every, stop_with)
            if once and settings.KOLOKOL_TASKS == "database" and tasks:
                once_runner = Runner()
                while once_runner.run_one():  # what is queued now, then exit
                    pass
                self.follower.tick()  # says how the mirrors' exports went
        finally:
            for thread in runners:
                thread.stop()
            if not once:
                log.info("worker: stopped (pid %d)", os.getpid())

    def loop(self, stopping, once, schedule_every, stop_with) -> None:
        every = {**periodic.EVERY, "publish_scheduled": schedule_every}
        failures = 0
        while not stopping:
            if stop_with and os.getppid() != stop_with:
                break
            try:
                self.run_jobs(once=once, every=every)
                # After the jobs: what they published goes out in this round.
                self.follower.tick()
                if not once:
                    # The process is alive while a runner spends an hour on
                    # one video: its heartbeat must not wait for that task.
                    if self.runners:
                        self.runners[0].beat()
                    self.follow_other_servers(stopping)
                    if time.monotonic() - self.said_at >= self.heartbeat_every:
                        self.say_alive()
            except Exception:
                if once:
                    raise
                # A lock held a moment too long, a database restart or a bad
                # page must not stop this server's upkeep for good: log it and
                # try again soon, less often while it lasts.
                failures += 1
                logger.exception("worker: a background job failed; retrying")
                time.sleep(min(0.5 * 2 ** (failures - 1), 5.0))
                continue
            failures = 0
            if once:
                break

    def say_alive(self) -> None:
        """One line: alive, what the task threads did since the last one, the queue now."""
        queue = counts()
        since, self.said_at = time.monotonic() - self.said_at, time.monotonic()
        done, failed = runner.finished.take()
        log.info(
            "worker: alive; tasks in the last %.0f s: %d done, %d failed; queue: %s",
            since,
            done,
            failed,
            ", ".join(f"{count} {state}" for state, count in queue.items())
            or "none kept (KOLOKOL_TASKS=immediate)",
        )

    def follow_other_servers(self, stopping) -> None:
        """Until the next round: apply other servers' publishing events as they come."""
        end = time.monotonic() + ROUND_SECONDS
        while not stopping and (left := end - time.monotonic()) > 0:
            time.sleep(min(FANOUT_SECONDS, left))
            if settings.KOLOKOL_STORE_ENABLED:
                fanout.apply(render.store())

    def run_jobs(self, once: bool = False, every: dict[str, float] | None = None) -> None:
        close_old_connections()
        if settings.KOLOKOL_STORE_ENABLED:
            fanout.apply(render.store())
            if servicemap.sync_files():
                self.stdout.write("services' facts changed: reload nginx for the onion map")
        if settings.KOLOKOL_TASKS == "database":
            runner.reclaim()
        tasks.clear_dead_markers()
        swept = sweep.sweep()
        for slug, count in swept.items():
            self.stdout.write(f"{slug}: {count} stale pages removed, hot pages rendered")
        if once:
            # Run by hand (or cron): every job now, here.
            for name in every or {}:
                periodic.JOBS[name].call()
        elif every:
            periodic.enqueue_due(every)
        health.beat()
