"""Load the fictional demo services (Russian and English). Idempotent."""

from django.core.management.base import BaseCommand

from kolokol.demo.loader import load


class Command(BaseCommand):
    help = "Load the demo services, sections, authors, articles and breaking news (idempotent)."

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        count = {"n": 0}

        def progress(message: str) -> None:
            count["n"] += 1
            if verbose:
                self.stdout.write(f"  {message}")
            elif count["n"] % 5 == 0:
                self.stdout.write(f"  {count['n']} articles…")

        homes = load(progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {', '.join(h.url for h in homes)} ({count['n']} new articles)"
            )
        )
