"""kolokol export DIR: write the public site as a static mirror."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kolokol.core.progress import progress
from kolokol.publishing import mirror
from kolokol.publishing.management.commands.rerender import public_urls
from kolokol.services.models import ServiceHomePage


class Command(BaseCommand):
    help = "Write the public site (all services or one) as a static mirror in DIR."
    # Run from cron after every publish, where the whole-project system
    # checks added a tenth to an incremental export; `kolokol check` and
    # `kolokol serve` still run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--service", help="slug of one service, e.g. ru")
        parser.add_argument(
            "--base-url",
            default="",
            help="where the mirror will be served, e.g. https://m.example/news/",
        )
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="render only what was published, changed or removed since the last export",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="rendering processes (default: one per CPU core)",
        )

    def handle(self, *args, directory, service, base_url, incremental, jobs, **options):
        homes = ServiceHomePage.objects.live()
        if service:
            homes = homes.filter(slug=service)
            if not homes:
                raise CommandError(f"no live service with slug {service!r}")
        home = homes.first() if service else None

        def every_url() -> list[str]:
            urls = public_urls(home)
            if home is None and "/" not in urls:
                urls.insert(0, "/")
            return urls

        # A one-service export into a folder shared with others must not
        # delete the other services' files.
        prefix = home.url.strip("/") + "/" if home else ""

        def keep(path: str) -> bool:
            return bool(prefix) and not path.startswith((prefix, "static/", "media/"))

        report = mirror.export(
            directory,
            every_url,
            list(homes),
            base_url=base_url,
            incremental=incremental,
            jobs=jobs,
            service=home,
            progress=lambda items, total: progress(items, total, "Exporting", out=self.stderr),
            keep=keep,
        )
        self.stdout.write(
            f"Mirror in {directory}: {len(report.written)} files written, "
            f"{report.unchanged} unchanged, {len(report.deleted)} deleted."
        )
        if report.failed:
            raise CommandError("not exported: " + ", ".join(report.failed[:20]))
