"""Import releases, people, parties or sources from a CSV or JSON file, all or nothing."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from releases.derived.signals import one_write
from releases.transfer.importing import FORMATS, MAX_BYTES, ImportRefused, guess_format, import_file
from releases.transfer.kinds import KINDS


class Command(BaseCommand):
    help = ("Import one kind of record from a CSV or JSON file (format: README, 'Bulk import'). "
            "All or nothing; importing the same file again changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--format", dest="fmt", choices=FORMATS, help="Default: from the file's extension.")
        parser.add_argument("--dry-run", action="store_true", help="Check and count; store nothing.")
        parser.add_argument("--user", help="Recorded in the history; publishing needs this user's "
                            "publish permission (without --user nothing can be published).")

    def handle(self, *args, file, kind, fmt, dry_run, user, **options):
        fmt = fmt or guess_format(file)
        if fmt is None:
            raise CommandError("Give --format csv or json: the file name ends in neither .csv nor .json.")
        if user is not None:
            try:
                user = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user '{user}'.") from None
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)  # enough to tell it is too large
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            with one_write():  # derived data refreshed once for the whole file, not per row
                result = import_file(data, kind=kind, fmt=fmt, filename=Path(file).name, user=user,
                                     dry_run=dry_run)
        except ImportRefused as refused:
            lines = "\n".join(f"  {error}" for error in refused.errors)
            raise CommandError(f"Nothing imported: {len(refused.errors)} problem(s) in {file}:\n{lines}") from None
        counts = (f"{len(result.created)} created, {len(result.updated)} updated, "
                  f"{len(result.unchanged)} unchanged")
        if dry_run:
            self.stdout.write(f"Dry run, nothing stored: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {kind} from {file}: {counts}."))
