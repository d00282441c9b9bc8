"""Fill the database with synthetic releases and people, for benchmarks (never on real data)."""
import time

from django.core.management.base import BaseCommand, CommandError

from releases.synthetic import Plan, generate


class Command(BaseCommand):
    help = ("Add N synthetic releases and M synthetic people (names in several scripts, parties, "
            "sources, citations, drafts mixed in), deterministic for a seed.")

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, required=True)
        parser.add_argument("--prisoners", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, releases, prisoners, seed, **options):
        if releases < 0 or prisoners < 0:
            raise CommandError("--releases and --prisoners must be 0 or more.")
        if releases and not prisoners:
            raise CommandError("Releases need people: give --prisoners too.")
        started = time.perf_counter()

        def progress(stage, done, total):
            if options["verbosity"] > 0:
                width = 30
                filled = int(width * done / total) if total else width
                self.stderr.write(f"\r{stage:>20} [{'#' * filled}{' ' * (width - filled)}] "
                                  f"{done:,}/{total:,}", ending="\n" if done >= total else "")
                self.stderr.flush()

        counts = generate(Plan(releases=releases, prisoners=prisoners, seed=seed), progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(", ".join(f"{n:,} {name}" for name, n in counts.items()) + f" in {elapsed:.0f} s")
