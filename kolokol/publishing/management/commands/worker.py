"""kolokol worker: the background jobs of a production installation.

Every second it sweeps stale pages out of the rendered store (see
``services.sweep``), which matters when nginx serves the store from disk;
every minute it runs Wagtail's ``publish_scheduled``, which publishes and
expires scheduled pages (their re-rendering follows from the publish hooks);
every hour ``purge_comments`` (old rejected and spam comments, last days'
like tokens and salts).
"""

import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kolokol.publishing import services

PURGE_EVERY = 3600  # seconds between purge_comments runs


class Command(BaseCommand):
    help = "Run the publisher's background jobs until stopped (SIGTERM or Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run each job once and exit")
        parser.add_argument(
            "--schedule-every", type=int, default=60, help="seconds between publish_scheduled runs"
        )

    def handle(self, *args, once=False, schedule_every=60, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        last_schedule = 0.0
        last_purge = 0.0
        while not stopping:
            close_old_connections()
            swept = services.sweep()
            for slug, count in swept.items():
                self.stdout.write(f"{slug}: {count} stale pages removed, hot pages rendered")
            if time.monotonic() - last_schedule >= schedule_every or once:
                call_command("publish_scheduled", verbosity=0)
                last_schedule = time.monotonic()
            if time.monotonic() - last_purge >= PURGE_EVERY or once:
                call_command("purge_comments", verbosity=0)
                last_purge = time.monotonic()
            services.wait()
            if once:
                break
            time.sleep(1)
