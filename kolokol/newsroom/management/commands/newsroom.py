"""kolokol newsroom: create the editorial roles and give them to people.

kolokol newsroom setup                    groups, permissions and workflows of every service
kolokol newsroom grant USER ROLE SERVICE  e.g. grant olga reporter ru
kolokol newsroom revoke USER ROLE SERVICE
kolokol newsroom grant USER admin         an administrator (Django superuser)
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import ROLES, retire_wagtail_groups, setup_service

ADMIN = "admin"


class Command(BaseCommand):
    help = "Set up the editorial roles of every service, or grant and revoke them."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("setup", help="create or complete every service's roles and workflow")
        for name in ("grant", "revoke"):
            action = actions.add_parser(name, help=f"{name} a role (or 'admin')")
            action.add_argument("user", help="user name")
            action.add_argument("role", help=", ".join([*ROLES, ADMIN]))
            action.add_argument("service", nargs="?", help="service slug, e.g. ru")

    def handle(self, *args, action, **options):
        if action == "setup":
            return self.setup()
        user = self.find_user(options["user"])
        role = options["role"].replace("-", "_").lower()
        if role == ADMIN:
            return self.administrator(user, grant=action == "grant")
        if role not in ROLES:
            known = ", ".join([*ROLES, ADMIN])
            raise CommandError(f"unknown role '{options['role']}': choose one of {known}")
        home = self.find_service(options["service"])
        group = setup_service(home, warn=lambda message: None)[role]
        label = f"{Role(role).label} ({home.slug})"
        if action == "grant":
            user.groups.add(group)
            if role in {Role.REPORTER, Role.EDITOR, Role.CHIEF_EDITOR}:
                # Writers get their byline in the service (linked by name or made).
                from kolokol.people.models import AuthorPage

                author = AuthorPage.for_user(user, home)
                self.stdout.write(
                    f"{user.get_username()} writes as “{author.title}” ({author.url})"
                )
            self.stdout.write(f"{user.get_username()} is now {label}")
        else:
            user.groups.remove(group)
            self.stdout.write(f"{user.get_username()} is no longer {label}")

    def setup(self):
        from kolokol.services.models import ServiceHomePage

        retired = retire_wagtail_groups(warn=self.warn)
        if retired and self.verbosity_level > 0:
            self.stdout.write(f"Wagtail's starter groups retired: {', '.join(retired)}")
        for home in ServiceHomePage.objects.order_by("path"):
            groups = setup_service(home, warn=self.warn)
            if self.verbosity_level > 0:
                names = ", ".join(group.name for group in groups.values())
                self.stdout.write(f"{home.slug}: {names}; workflow ready")

    def execute(self, *args, **options):
        self.verbosity_level = options.get("verbosity", 1)
        return super().execute(*args, **options)

    def warn(self, message: str) -> None:
        self.stderr.write(f"warning: {message}")

    def find_user(self, name: str):
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: name})
        except User.DoesNotExist:
            raise CommandError(
                f"no user '{name}': create one first with 'kolokol createsuperuser' "
                "or in the admin (Settings → Users)"
            ) from None

    def find_service(self, slug: str | None):
        from kolokol.services.models import ServiceHomePage

        services = ServiceHomePage.objects.order_by("path")
        known = ", ".join(services.values_list("slug", flat=True)) or "none yet"
        if not slug:
            raise CommandError(f"which service? give its slug ({known})")
        home = services.filter(slug=slug).first()
        if home is None:
            raise CommandError(f"unknown service '{slug}': the services are {known}")
        return home

    def administrator(self, user, grant: bool) -> None:
        user.is_superuser = user.is_staff = grant
        user.save(update_fields=["is_superuser", "is_staff"])
        if grant:
            self.stdout.write(f"{user.get_username()} is now an administrator")
        else:
            self.stdout.write(f"{user.get_username()} is no longer an administrator")
