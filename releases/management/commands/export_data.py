"""Export releases, people, parties or sources as an import file (releases/transfer/import_files.py)."""
from django.core.management.base import BaseCommand, CommandError

from releases.transfer.import_files import ExportRefused, export_file
from releases.transfer.importing import FORMATS
from releases.transfer.kinds import KINDS
from releases.models import PublicationStatus


class Command(BaseCommand):
    help = ("Write one kind of record as a CSV or JSON file that import_data reads back (drafts and "
            "internal notes included: keep the file as private as the admin).")

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
        parser.add_argument("--status", choices=PublicationStatus.values,
                            help="Only records in this publication status.")
        parser.add_argument("--output", help="A file to write; default: standard output.")

    def handle(self, *args, kind, fmt, status, output, **options):
        records = KINDS[kind].model.objects.all()
        if status:
            records = records.in_status(status)
        try:
            data = export_file(kind, records, fmt)
        except ExportRefused as refusal:
            raise CommandError(str(refusal)) from None
        if output is None:
            self.stdout.write(data.decode(), ending="")
            return
        try:
            with open(output, "wb") as handle:
                handle.write(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stderr.write(f"Wrote {records.count()} {kind} to {output}.")
