"""Load a backup_data file into an empty migrated database, all or nothing."""
from django.core.management.base import BaseCommand, CommandError

from releases.transfer.backup import BackupError, read_backup


class Command(BaseCommand):
    help = ("Restore a backup_data file into an empty database that `migrate` has just created, "
            "in one transaction: the file's schema must match the database's migrations.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by backup_data")

    def handle(self, *args, path, **options):
        def progress(label, count):
            self.stdout.write(f"{label}: {count}")

        try:
            counts = read_backup(path, progress=progress if options["verbosity"] else None)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Restored {sum(counts.values())} rows from {path}."
        ))
