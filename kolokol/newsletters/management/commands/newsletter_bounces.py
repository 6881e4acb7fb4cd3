import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kolokol.newsletters import bounces


class Command(BaseCommand):
    help = (
        "Read bounce (RFC 3464) and complaint (RFC 5965) reports, one mail per file or one "
        "from standard input, and stop writing to the addresses they name. For the bounces "
        "mailbox's delivery rule, e.g. a pipe in the mail server or a fetchmail mda."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="mail files (.eml); none: standard input")

    def handle(self, *args, files, **options):
        sources = [Path(name).read_bytes() for name in files] or [sys.stdin.buffer.read()]
        total = 0
        for raw in sources:
            total += len(bounces.process(raw))
        self.stdout.write(f"{total} address(es) suppressed from {len(sources)} report(s)")
