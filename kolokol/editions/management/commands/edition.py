"""``kolokol edition SERVICE`` writes a signed offline edition; ``kolokol edition verify FILE`` checks one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kolokol.editions import keys
from kolokol.editions.issue import issue
from kolokol.editions.models import EditionKey
from kolokol.services.models import ServiceHomePage


class Command(BaseCommand):
    help = (
        "Write a service's last days as one signed HTML file and a signed EPUB "
        "(kolokol edition ru --days 7 --output DIR), or check a file's signature "
        "(kolokol edition verify FILE [--signature FILE.sig])."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("service", help="the service's slug (ru), or 'verify'")
        parser.add_argument("file", nargs="?", help="with 'verify': the edition file to check")
        parser.add_argument(
            "--days", type=int, help="how many days back (default: KOLOKOL_EDITION_DAYS)"
        )
        parser.add_argument(
            "--output", type=Path, help="the folder (default: KOLOKOL_EDITIONS_DIR)"
        )
        parser.add_argument(
            "--signature", type=Path, help="with 'verify': the .sig file (default: FILE.sig)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["service"] == "verify":
            self.verify(options["file"], options["signature"])
            return
        if options["file"]:
            raise CommandError("Only 'verify' takes a file.")
        service = ServiceHomePage.objects.filter(slug=options["service"]).first()
        if service is None:
            known = ", ".join(ServiceHomePage.objects.values_list("slug", flat=True))
            raise CommandError(f"No service {options['service']!r} (there are: {known}).")
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        files = issue(service, days=days, directory=options["output"])
        for edition in files:
            self.stdout.write(
                f"{edition.name} ({len(edition.content)} bytes), {edition.signature_name}"
            )

    def verify(self, file: str | None, signature_path: Path | None) -> None:
        if not file:
            raise CommandError("Which file? kolokol edition verify FILE [--signature FILE.sig]")
        path = Path(file)
        signature_path = signature_path or path.with_name(path.name + ".sig")
        try:
            content = path.read_bytes()
            signed = keys.parse_signature(signature_path.read_text())
        except OSError as exc:
            raise CommandError(f"Cannot read {exc.filename}: {exc.strerror}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"{signature_path}: {exc}") from None
        key = EditionKey.objects.filter(service__slug=signed.service).first()
        if key is None:
            raise CommandError(
                f"NOT VERIFIED: no service {signed.service!r} has a signing key here."
            )
        public = bytes(key.public_key)
        if not keys.verify(public, content, signed.signature):
            raise CommandError(
                f"NOT VERIFIED: {path.name} is not what service {signed.service!r} signed "
                "(changed, or signed with another key)."
            )
        self.stdout.write(
            f"VERIFIED: {path.name} is signed by service {signed.service!r}, "
            f"key {keys.fingerprint(public)}."
        )
