"""kolokol backup DIR: database, media, secret and settings, in one folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kolokol.backups import archive
from kolokol.core.progress import progress


class Command(BaseCommand):
    help = "Write a consistent backup (database, media, secret key, settings) into a new folder in DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where the backup folder is made")

    def handle(self, *args, directory, **options):
        try:
            folder = archive.backup(Path(directory), progress=self.progress(options))
        except archive.BackupError as error:
            raise CommandError(str(error)) from None
        manifest = archive.read_manifest(folder)
        summary = ", ".join(f"{count} {name}" for name, count in manifest["counts"].items())
        self.stdout.write(f"{folder}: {summary}")

    def progress(self, options):
        if options["verbosity"] == 0:
            return lambda items, _total, _label: items
        return lambda items, total, label: progress(items, total, label, out=self.stderr._out)
