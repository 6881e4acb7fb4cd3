"""Prepare an installation: migrate, collect static files, load the demo once."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files, and load the demo content if the site is empty."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load demo content into an empty site."
        )

    def handle(self, *args, no_demo=False, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=0)
        from kolokol.services.models import PortalPage

        if not no_demo and not PortalPage.objects.exists():
            self.stdout.write("Empty site: loading the demo content…")
            call_command("load_demo", verbosity=verbosity)
        # Every service gets its editorial roles and review workflow (idempotent).
        call_command("newsroom", "setup", verbosity=verbosity)
        # Templates, static file names or settings may have changed with this
        # release: stored pages are rendered afresh as readers ask for them.
        call_command("rerender", purge_only=True, verbosity=verbosity)
