"""kolokol restore FOLDER: bring a backup back into an empty installation."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kolokol.backups import archive
from kolokol.core.progress import progress


class Command(BaseCommand):
    help = "Restore a backup made by 'kolokol backup' into this empty installation, then migrate."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup folder (kolokol-backup-…)")

    def handle(self, *args, folder, **options):
        say = (
            (lambda items, _total, _label: items)
            if options["verbosity"] == 0
            else (lambda items, total, label: progress(items, total, label, out=self.stderr._out))
        )
        try:
            found = archive.restore(Path(folder), progress=say)
        except archive.BackupError as error:
            raise CommandError(str(error)) from None
        expected = archive.read_manifest(Path(folder))["counts"]
        if found != expected:
            raise CommandError(f"restored {found}, but the backup held {expected}")
        # A backup from an earlier release: bring its tables up to this one,
        # then every service's roles, facts and stored pages afresh.
        call_command("setup", no_demo=True, verbosity=0)
        summary = ", ".join(f"{count} {name}" for name, count in found.items())
        self.stdout.write(f"restored {summary}")
