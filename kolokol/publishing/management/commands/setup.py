"""Prepare an installation: migrate, collect static files, load the demo once.

Safe to run again, and run again after every upgrade (README, "Upgrading"):
it never empties the rendered store. Pages stored by the previous release
stay served (to readers, and while the database is away) until this
machine's workers have rendered each of them again over its old copy.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from kolokol.publishing.store import CONTENT_TYPES, INDEX

# Addresses per queued task, and below the priority of editors' publishes
# (10): after an upgrade, today's news reaches readers before old pages are
# brought up to date.
BATCH = 200
PRIORITY = -20


def stored_addresses() -> tuple[list[str], list[str]]:
    """The pages and the other files (feeds, sitemaps, robots.txt) in this
    machine's store, by address."""
    from kolokol.publishing import render

    root = render.store().root
    pages: list[str] = []
    files: list[str] = []
    if not root.is_dir():
        return pages, files
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        # Dotted names are the store's bookkeeping; .br, .gz, .gone are
        # the variants and markers of a stored file.
        if any(part.startswith(".") for part in parts) or path.suffix not in CONTENT_TYPES:
            continue
        if not path.is_file():
            continue
        if path.name == INDEX:
            pages.append("/" + "".join(f"{part}/" for part in parts[:-1]))
        else:
            files.append("/" + "/".join(parts))
    return pages, files


def refresh_in_place() -> int:
    """Queue every stored address to be rendered again by this machine's
    workers (its own store); returns how many were queued."""
    from kolokol.publishing import tasks

    pages, files = stored_addresses()
    since = time.time()
    for which, urls in ((tasks.refresh_pages, pages), (tasks.refresh_files, files)):
        queued = which.using(queue_name=settings.HOST_QUEUE, priority=PRIORITY)
        for start in range(0, len(urls), BATCH):
            queued.enqueue(urls=urls[start : start + BATCH], since=since)
    return len(pages) + len(files)


class Command(BaseCommand):
    help = (
        "Migrate, collect static files, and load the demo content (with --no-demo: "
        "only the portal) if the site is empty."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Give an empty site only its portal page, no demo content.",
        )

    def handle(self, *args, no_demo=False, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=0)
        from kolokol.services.models import PortalPage
        from kolokol.services.portal import portal

        if not PortalPage.objects.exists():
            if no_demo:
                # The portal at / instead of Wagtail's welcome page, ready
                # for services (`kolokol service add`).
                portal()
                if verbosity > 0:
                    self.stdout.write(
                        "Empty site: portal created; add services with 'kolokol service add'."
                    )
            else:
                self.stdout.write("Empty site: loading the demo content…")
                call_command("load_demo", verbosity=verbosity)
        # Every service gets its editorial roles and review workflow (idempotent).
        call_command("newsroom", "setup", verbosity=verbosity)
        # nginx includes the onion map: it must exist before nginx starts.
        from kolokol.publishing import servicemap

        servicemap.write()
        # Templates, static file names or settings may have changed with this
        # release: the stored pages are rendered again, in the background.
        # (collectstatic leaves the previous release's static files in place,
        # so a page stored before still looks right until then.)
        queued = refresh_in_place()
        if queued and verbosity:
            self.stdout.write(
                f"{queued} stored pages and files queued to be rendered again "
                "(by `kolokol worker`); they are served as they are until then."
            )
