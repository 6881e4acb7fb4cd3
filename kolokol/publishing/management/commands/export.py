"""kolokol export DIR: write the public site as a static mirror."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kolokol.core.progress import progress
from kolokol.publishing import manifest, mirror


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
            "--relative-links",
            action="store_true",
            help="make every link relative to its page, so the mirror also works "
            "opened from a folder (file://, a USB stick)",
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

    def handle(
        self, *args, directory, service, base_url, relative_links, incremental, jobs, **options
    ):
        try:
            report = mirror.export_site(
                directory,
                service=service or "",
                base_url=base_url,
                incremental=incremental,
                jobs=jobs,
                relative=relative_links,
                progress=lambda items, total: progress(items, total, "Exporting", out=self.stderr),
            )
        except (LookupError, manifest.Busy) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Mirror in {directory}: {len(report.written)} files written, "
            f"{report.unchanged} unchanged, {len(report.deleted)} deleted."
        )
        if report.failed:
            raise CommandError("not exported: " + ", ".join(report.failed[:20]))
