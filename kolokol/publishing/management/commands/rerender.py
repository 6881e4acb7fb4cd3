"""Render every public page into the rendered store (after a template or settings change).

With a bucket configured (kolokol/publishing/objectstore.py) the bucket's
prefix is emptied too and every page uploaded again, here and now: the
repair after an object-storage outage.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kolokol.core.progress import progress
from kolokol.publishing import render, servicemap
from kolokol.publishing.addresses import public_urls
from kolokol.services.models import ServiceHomePage


class Command(BaseCommand):
    help = "Empty the rendered store (of one service or all) and render every public page again."

    def add_arguments(self, parser):
        parser.add_argument("--service", help="slug of one service, e.g. ru")
        parser.add_argument(
            "--purge-only", action="store_true", help="empty the store; pages render on demand"
        )

    def handle(self, *args, service=None, purge_only=False, **options):
        home = None
        if service:
            home = ServiceHomePage.objects.filter(slug=service).first()
            if home is None:
                raise CommandError(f"no service with slug {service!r}")
        store = render.store()
        root = home.url if home else "/"
        since = time.time()
        store.delete_tree(root)
        bucket = bool(settings.KOLOKOL_STORE_S3_BUCKET)
        if bucket:
            from kolokol.publishing import objectstore

            if objectstore.sync([], since, [root])[1]:
                raise CommandError("object storage: emptying the bucket failed (see the log)")
        servicemap.write()
        if purge_only:
            self.stdout.write("Rendered store emptied.")
            return
        urls = public_urls(home)
        failed = []
        for url in progress(urls, len(urls), "Rendering", out=self.stderr):
            status = render.refresh([url])[url]
            if status != 200:
                failed.append(f"{url} ({status})")
            elif bucket and objectstore.sync([url], since)[0]:
                failed.append(f"{url} (not uploaded)")
        self.stdout.write(f"Rendered {len(urls) - len(failed)} pages into {store.root}.")
        if failed:
            raise CommandError("failed: " + ", ".join(failed[:20]))
