"""Measuring the name search on the labelled set in ``evaluation/`` (see its README).

The gallery is stored as published people inside a transaction that is rolled back, and each
query is run through ``search_prisoners``, restricted to the gallery, exactly as the API and
the pages run it.
"""
import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from releases.models import Prisoner, PrisonerName, PublicationStatus

from releases.search.search import search_prisoners

FOLDER = Path(__file__).with_name("set")


@dataclass
class Tally:
    queries: int = 0
    at_1: int = 0
    at_3: int = 0
    returned: int = 0  # negatives: how many returned anybody

    def rate(self, count):
        return count / self.queries if self.queries else 0.0


@dataclass
class Report:
    engine: str
    positives: Tally = field(default_factory=Tally)
    negatives: Tally = field(default_factory=Tally)
    by_kind: dict = field(default_factory=lambda: defaultdict(Tally))
    by_language: dict = field(default_factory=lambda: defaultdict(Tally))
    by_system: dict = field(default_factory=lambda: defaultdict(Tally))
    misses: list = field(default_factory=list)
    wrong_first: int = 0  # positives whose first result is somebody else
    false_matches: list = field(default_factory=list)

    @property
    def recall_at_1(self):
        return self.positives.rate(self.positives.at_1)

    @property
    def recall_at_3(self):
        return self.positives.rate(self.positives.at_3)

    @property
    def false_match_rate(self):
        return self.negatives.rate(self.negatives.returned)

    def summary(self) -> str:
        return (f"{self.engine}: {self.positives.queries} positive queries, recall@1 "
                f"{self.recall_at_1:.3f}, recall@3 {self.recall_at_3:.3f}, somebody else first "
                f"{self.positives.rate(self.wrong_first):.3f}; "
                f"{self.negatives.queries} hard negatives, false matches {self.false_match_rate:.3f}")

    def table(self, title, tallies) -> str:
        lines = [f"| {title} | queries | recall@1 | recall@3 |", "|---|---:|---:|---:|"]
        for name, tally in sorted(tallies.items()):
            lines.append(f"| {name} | {tally.queries} | {tally.rate(tally.at_1):.3f} | {tally.rate(tally.at_3):.3f} |")
        return "\n".join(lines)


def read(name):
    with (FOLDER / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Rollback(Exception):
    pass


def store_gallery(rows) -> dict[str, int]:
    ids = {}
    for row in rows:
        if row["person"] not in ids:
            person = Prisoner.objects.create(
                preferred_name=row["name"], slug=f"evaluation-{row['person']}",
                publication_status=PublicationStatus.PUBLISHED,
            )
            ids[row["person"]] = person.pk
        else:
            PrisonerName.objects.create(prisoner_id=ids[row["person"]], text=row["name"],
                                        language=row["language"])
    return ids


def run_queries(report, queries, ids):
    gallery = Prisoner.objects.filter(pk__in=ids.values())
    names = {pk: person for person, pk in ids.items()}
    for row in queries:
        found = [names[hit.prisoner_id] for hit in search_prisoners(row["query"], gallery)]
        if not row["person"]:
            report.negatives.queries += 1
            if found:
                report.negatives.returned += 1
                report.false_matches.append((row["query"], found[:3]))
            continue
        ranks = [report.positives, report.by_kind[row["kind"]], report.by_language[row["language"]],
                 report.by_system[row["system"]]]
        for tally in ranks:
            tally.queries += 1
            tally.at_1 += found[:1] == [row["person"]]
            tally.at_3 += row["person"] in found[:3]
        report.wrong_first += bool(found) and found[0] != row["person"]
        if row["person"] not in found[:1]:
            report.misses.append((row["query"], row["person"], row["kind"], found[:3]))


def evaluate() -> Report:
    """Run the whole set on the current database; nothing it stores is kept."""
    report = Report(engine=connection.vendor)
    try:
        with transaction.atomic():
            ids = store_gallery(read("gallery.csv"))
            run_queries(report, read("queries.csv"), ids)
            raise Rollback
    except Rollback:
        pass
    return report


def counts() -> Counter:
    return Counter(row["kind"] for row in read("queries.csv"))
