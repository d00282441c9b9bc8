"""Rebuild every person's search keys (after bulk inserts, or when the matching rules change)."""
from django.core.management.base import BaseCommand

from releases.derived import name_keys as index


class Command(BaseCommand):
    help = "Rebuild the name-search keys of every person."

    def handle(self, *args, **options):
        def progress(done, total):
            self.stdout.write(f"\r{done}/{total} people", ending="")
            self.stdout.flush()

        written = index.rebuild(progress=progress if options["verbosity"] > 0 else None)
        self.stdout.write(f"\n{written} keys written.")
