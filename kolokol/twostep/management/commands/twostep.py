"""``kolokol twostep status`` lists who has which second step; ``kolokol twostep
reset USER`` removes a user's methods and codes (a lost phone), so they
sign in with their password and add a new method."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kolokol.newsroom.audit import Action, record
from kolokol.twostep import methods
from kolokol.twostep.models import TwoStepPolicy


class Command(BaseCommand):
    help = "Show or reset editors' two-step verification."

    def add_arguments(self, parser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("status", help="who has an authenticator app, passkeys, codes left")
        reset = commands.add_parser("reset", help="remove a user's methods and recovery codes")
        reset.add_argument("username")

    def handle(self, *args, command: str, **options) -> None:
        User = get_user_model()
        if command == "status":
            policy = TwoStepPolicy.load()
            for user in User.objects.filter(is_active=True).order_by("username"):
                app = "app" if methods.authenticators(user).exists() else "-"
                keys = methods.passkeys(user).count()
                due = "required" if policy.requires(user) else "optional"
                self.stdout.write(
                    f"{user.get_username():<24} {app:<4} passkeys: {keys}  "
                    f"recovery codes: {methods.recovery_left(user):<3} {due}"
                )
            return
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"no user {options['username']!r}") from None
        removed = methods.remove_all(user)
        record(Action.TWO_STEP_RESET, user.get_username(), actor="kolokol twostep reset")
        self.stdout.write(
            f"{user.get_username()}: {removed} method(s) removed; they sign in with their "
            "password and add a new one."
        )
