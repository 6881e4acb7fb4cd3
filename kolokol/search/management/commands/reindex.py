"""``kolokol reindex``: rebuild the site search index from the published articles."""

from django.core.management.base import BaseCommand

from kolokol.search import index


class Command(BaseCommand):
    help = "Rebuild the site search index of every service's published, public articles."

    def handle(self, *args, **options) -> None:
        counts, dropped = index.rebuild(out=self.stderr._out)
        for slug, count in sorted(counts.items()):
            self.stdout.write(f"{slug}: {count} articles")
        self.stdout.write(
            f"Indexed {sum(counts.values())} articles in {len(counts)} services; "
            f"dropped {dropped} entries no longer published."
        )
