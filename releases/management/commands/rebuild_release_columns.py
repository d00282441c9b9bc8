"""Rebuild every release's derived columns (after bulk inserts, or a change of what they count)."""
from django.core.management.base import BaseCommand

from releases.derived import release_columns


class Command(BaseCommand):
    help = ("Rebuild every release's derived columns: how many published people it names "
            "(people_named) and their citizenships (released_citizenships).")

    def handle(self, *args, **options):
        def progress(done, total):
            self.stdout.write(f"\r{done}/{total} releases", ending="")
            self.stdout.flush()

        count = release_columns.rebuild(progress=progress if options["verbosity"] > 0 else None)
        self.stdout.write(f"\n{count} releases checked.")
