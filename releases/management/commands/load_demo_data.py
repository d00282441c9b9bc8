"""Load the Belarus 2024–2025 demo dataset (published), idempotently."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from releases.derived.signals import one_write
from releases.transfer.loader import DatasetError, load_dataset

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures_data" / "belarus_2024_2025.json"


class Command(BaseCommand):
    help = "Load the Belarus 2024–2025 releases reported in the seed articles. Safe to run twice."

    def handle(self, *args, **options):
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        try:
            with one_write():  # derived data refreshed once for the whole dataset, not per row
                created, updated = load_dataset(data)
        except DatasetError as error:
            raise CommandError(f"Demo data refused, nothing written:\n{error}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded: {created} records created, {updated} updated."
        ))
