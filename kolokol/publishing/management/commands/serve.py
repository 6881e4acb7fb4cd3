"""Serve the site with granian, a production-grade WSGI server.

Granian runs without an access log: readers' addresses are never written
anywhere. Static files are served by WhiteNoise inside the app (with
precompressed variants); uploaded media by granian itself.
"""

import os
import shutil
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor

from kolokol.config import env_bool
from kolokol.publishing import metrics


def start_worker() -> subprocess.Popen:
    """Start ``kolokol worker`` (scheduled publishing, store sweeps) as our child.

    This process then becomes granian (same process id), and the worker stops
    when it does: it watches that id and Linux signals it when its parent
    exits. One small process, so no cron job is needed for scheduled pages.
    """
    command = [sys.executable, "-m", "kolokol", "worker", "--stop-with", str(os.getpid())]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603 (our own command)


BACKPRESSURE = 1024
HEADER_READ_TIMEOUT_MS = 5_000


class Command(BaseCommand):
    help = "Serve Kolokol over HTTP with granian (PORT, HOST and KOLOKOL_WORKERS apply)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("KOLOKOL_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            default=not env_bool("KOLOKOL_SERVE_WORKER", True),
            help="do not start 'kolokol worker' beside the server (when it runs on its own)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("KOLOKOL_THREADS", "4")),
            help="Python threads per worker; requests beyond them wait in line.",
        )

    def check_database(self) -> None:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("the database is not up to date: run 'kolokol migrate' first")
        if settings.KOLOKOL_STORE_ENABLED:
            # Before the first reader: what was published through other servers
            # while this one was stopped leaves its store.
            from kolokol.publishing import fanout, render

            fanout.apply(render.store())

    def handle(self, *args, host, port, workers, threads, no_worker=False, **options):
        # Fail here, with one line, rather than in every worker on the first
        # request; a database busy for a moment (SQLite's write lock held by
        # a worker) is waited for, a few seconds at most.
        for pause in (0.5, 1, 2, 4, None):
            try:
                self.check_database()
                break
            except OperationalError as error:
                if pause is None or "locked" not in str(error):
                    raise CommandError(f"the database cannot be used: {error}") from None
                time.sleep(pause)
        granian = shutil.which("granian") or os.path.join(
            os.path.dirname(sys.executable), "granian"
        )
        command = [
            granian,
            "--interface", "wsgi",
            "--host", host,
            "--port", str(port),
            "--workers", str(workers),
            "--blocking-threads", str(threads),
            # Idle keep-alive connections take a place in granian's queue
            # until their next request: with room for a few (threads * 4), a
            # handful of idle clients stalled everyone for 30 s. Plenty of
            # room, and idle connections closed after 5 s without a request.
            "--backpressure", str(BACKPRESSURE),
            "--http1-header-read-timeout", str(HEADER_READ_TIMEOUT_MS),
            "--no-access-log",
            # Renditions go through the app (kolokol/media/views.py), which
            # gives them their security headers; granian's own static files
            # would go out with none. Production serves them from nginx.
            "kolokol.wsgi:application",
        ]  # fmt: skip
        self.stdout.write(f"Kolokol on http://{host}:{port}/ (admin: /admin/), {workers} workers")
        sys.stdout.flush()
        # Each Python thread would otherwise get its own glibc malloc arena;
        # two keep the workers' memory flat with no measurable cost in speed.
        os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        # Prometheus' per-process files: those of processes gone (the last
        # run's) are dropped, so the folder does not grow with every restart.
        metrics.clean(settings.KOLOKOL_METRICS_DIR)
        if not no_worker:
            start_worker()
        os.execv(granian, command)  # noqa: S606 (replace this process: signals reach granian)
