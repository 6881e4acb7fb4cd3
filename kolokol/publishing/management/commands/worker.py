"""kolokol worker: the background jobs of a production installation.

Several times a second it applies to this server's rendered store what was
published through any server (``kolokol.publishing.fanout``) and sweeps
stale pages out of it (see ``sweep.sweep``), which matters when nginx
serves the store from disk; it keeps the store's copy of the services'
facts (``.onion-locations.map`` for nginx) current;
every minute it runs Wagtail's ``publish_scheduled``, which publishes and
expires scheduled pages (their re-rendering follows from the publish hooks);
every hour ``purge_comments`` (old rejected and spam comments, last days'
like tokens and salts). With KOLOKOL_MIRRORS set it also keeps those static
mirrors up to date after every publish (``kolokol.publishing.following``).

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
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kolokol.publishing import fanout, health, publisher, render, servicefacts, sweep
from kolokol.publishing.following import Follower

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to send us SIGTERM when our parent goes, however it goes."""
    # Elsewhere (no prctl) the parent check in the loop does it, within a second.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PURGE_EVERY = 3600  # seconds between purge_comments runs (and pruning of old events)
# Between rounds: what another server publishes reaches this one's store
# within about this long.
ROUND_SECONDS = 0.25


class Command(BaseCommand):
    help = "Run the publisher's background jobs until stopped (SIGTERM or Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run each job once and exit")
        parser.add_argument(
            "--schedule-every", type=int, default=60, help="seconds between publish_scheduled runs"
        )
        parser.add_argument(
            "--store-only",
            action="store_true",
            help="only keep this server's store current (every app server but one, "
            "when several share the database: the jobs for all run once, elsewhere)",
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

    def run(self, once=False, schedule_every=60, stop_with=None, store_only=False, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        # Ctrl-C in a terminal reaches the server and its worker alike.
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        if stop_with:
            die_with_parent()
        last_schedule = None
        last_purge = None
        self.follower = Follower(
            [] if store_only else settings.KOLOKOL_MIRRORS, say=self.stdout.write
        )
        while not stopping:
            if stop_with and os.getppid() != stop_with:
                break
            due = (
                once or last_schedule is None or time.monotonic() - last_schedule >= schedule_every
            )
            purge = once or last_purge is None or time.monotonic() - last_purge >= PURGE_EVERY
            try:
                self.run_jobs(
                    publish_scheduled=due and not store_only,
                    purge_comments=purge and not store_only,
                )
                # After the jobs: what they published goes out in this round.
                self.follower.tick(background=not once)
                if due:
                    last_schedule = time.monotonic()
                if purge:
                    last_purge = time.monotonic()
            except Exception:
                if once:
                    raise
                # A database restart or a bad page must not stop scheduled
                # publishing for good: log it and try again next round.
                logger.exception("worker: a background job failed; retrying")
                time.sleep(5)
            if once:
                break
            time.sleep(ROUND_SECONDS)

    def run_jobs(self, publish_scheduled: bool, purge_comments: bool = False) -> None:
        close_old_connections()
        if settings.KOLOKOL_STORE_ENABLED:
            fanout.apply(render.store())
            if servicefacts.sync_files():
                self.stdout.write("services' facts changed: reload nginx for the onion map")
        swept = sweep.sweep()
        for slug, count in swept.items():
            self.stdout.write(f"{slug}: {count} stale pages removed, hot pages rendered")
        if publish_scheduled:
            call_command("publish_scheduled", verbosity=0)
        if purge_comments:
            call_command("purge_comments", verbosity=0)
            fanout.prune()
        publisher.wait()
        health.beat()
