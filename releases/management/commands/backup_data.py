"""Write everything the tracker holds to one file (see releases/transfer/backup.py for what is in it)."""
from django.core.management.base import BaseCommand

from releases.transfer.backup import write_backup


class Command(BaseCommand):
    help = ("Back up every record (drafts and history included), user, group, token and link "
            "to one gzip-compressed JSON Lines file; restore it with restore_data.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. backup-2025-06-01.jsonl.gz")

    def handle(self, *args, path, **options):
        verbose = options["verbosity"] > 1

        def progress(label, count):
            if count or verbose:
                self.stdout.write(f"{label}: {count}")

        counts = write_backup(path, progress=progress if options["verbosity"] else None)
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {sum(counts.values())} rows of {len(counts)} tables to {path}."
        ))
