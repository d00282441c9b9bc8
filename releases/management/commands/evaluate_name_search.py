"""Measure the name search on the labelled evaluation set (nothing is kept in the database)."""
from django.core.management.base import BaseCommand

from releases.matching.evaluate import evaluate


class Command(BaseCommand):
    help = "Recall@1, recall@3 and false-match rate of the name search on the labelled set."

    def add_arguments(self, parser):
        parser.add_argument("--misses", action="store_true", help="List every miss and false match.")
        parser.add_argument("--tables", action="store_true", help="Print Markdown tables by kind, language and system.")

    def handle(self, *args, **options):
        report = evaluate()
        self.stdout.write(report.summary())
        if options["tables"]:
            for title, tallies in (("kind", report.by_kind), ("language", report.by_language),
                                   ("system", report.by_system)):
                self.stdout.write("\n" + report.table(title, tallies))
        if options["misses"]:
            for query, person, kind, found in report.misses:
                self.stdout.write(f"miss  {kind:15} {query!r} -> expected {person}, got {found}")
            for query, found in report.false_matches:
                self.stdout.write(f"false {query!r} -> {found}")
