"""kolokol service: the installation's language services.

kolokol service add --language uz --name "Kolokol Oʻzbek" --slug uz [--time-zone Asia/Tashkent]
kolokol service list
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kolokol.newsroom.launch import ServiceError, add_service
from kolokol.services.models import ServiceHomePage


class Command(BaseCommand):
    help = "Add a language service (home, sections, indexes, roles, workflow) or list them."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser(
            "add", help="create a service, its sections and indexes, its roles and workflow"
        )
        add.add_argument(
            "--language",
            required=True,
            help=f"language code: {', '.join(code for code, _name in settings.LANGUAGES)}",
        )
        add.add_argument("--name", required=True, help='the service\'s name, e.g. "Kolokol Uzbek"')
        add.add_argument("--slug", required=True, help="its address, e.g. uz for /uz/")
        add.add_argument(
            "--time-zone", default="UTC", help="times are shown in this zone (default UTC)"
        )
        actions.add_parser("list", help="the services, with language and address")

    def handle(self, *args, action, **options):
        if action == "list":
            return self.list()
        try:
            result = add_service(
                language=options["language"],
                name=options["name"],
                slug=options["slug"],
                time_zone=options["time_zone"],
            )
        except ServiceError as error:
            raise CommandError(str(error)) from None
        home = result.home
        if result.changed:
            self.stdout.write(f"{home.title} at {home.url}: made {', '.join(result.made)}")
        else:
            self.stdout.write(f"{home.title} at {home.url} is already there; nothing changed")

    def list(self) -> None:
        services = ServiceHomePage.objects.order_by("path")
        if not services:
            self.stdout.write("No services yet: add one with 'kolokol service add'")
        for home in services:
            state = "" if home.live else " (not published)"
            self.stdout.write(
                f"{home.slug}\t{home.language}\t{home.url or '-'}\t{home.title}{state}"
            )
