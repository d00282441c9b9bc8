"""Synthetic data at any size, for benchmarks and load tests (``python -m bench.synthetic``).

Deterministic for a seed; written with ``bulk_create`` in batches, with explicit ids so that
rows can point at each other without reading anything back. Realistic in the ways that
matter to speed: names in Cyrillic and Latin with given names shared by thousands and some
30,000 surnames; releases skewed towards recent years, some of them month- or year-precise
waves; one to six people, two or three parties and one to four citations per release, one or
two citations for a fifth of the people; a few per cent drafts and records in review, so that
the publication filter has work to do.
Bulk writes skip the history (``simple_history`` hooks ``save()``) and the signals that key
names; keys and search terms are written here directly.
"""
import datetime
import io
import random
from dataclasses import dataclass, field

from anyascii import anyascii
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from releases.derived import release_columns as derived
from releases.search.words import index_keys
from releases.models import (
    Citation, Citizenship, NameKey, Party, PartyRole, Prisoner, PrisonerName, PrisonerStatus,
    PublicationStatus, ReleasedPerson, ReleaseEvent, SearchTerm, Source, StatusRecord,
)

BATCH = 5000
FIRST_DAY = datetime.date(1995, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
GIVEN = {  # (Cyrillic, press spelling)
    "m": [("Аляксандр", "Aliaksandr"), ("Сяргей", "Siarhei"), ("Ігар", "Ihar"), ("Мікалай", "Mikalai"),
          ("Андрэй", "Andrei"), ("Дзмітрый", "Dzmitry"), ("Уладзімір", "Uladzimir"), ("Юрый", "Yury"),
          ("Павел", "Pavel"), ("Віктар", "Viktar"), ("Максім", "Maksim"), ("Раман", "Raman"),
          ("Алег", "Aleh"), ("Яўген", "Yauhen"), ("Вадзім", "Vadzim"), ("Іван", "Ivan"),
          ("Олександр", "Oleksandr"), ("Сергей", "Sergei"), ("Дмитрий", "Dmitry"), ("Алексей", "Alexei")],
    "f": [("Алена", "Alena"), ("Марыя", "Maryia"), ("Вольга", "Volha"), ("Святлана", "Sviatlana"),
          ("Наталля", "Natallia"), ("Кацярына", "Katsiaryna"), ("Ірына", "Iryna"), ("Ганна", "Hanna"),
          ("Таццяна", "Tatsiana"), ("Юлія", "Yulia"), ("Людміла", "Liudmila"), ("Ксенія", "Ksenia"),
          ("Олена", "Olena"), ("Мария", "Maria"), ("Екатерина", "Yekaterina"), ("Анна", "Anna")],
}
SYLLABLES = ["Ка", "Ша", "Ло", "Ма", "Бя", "Ста", "Ла", "Зя", "Ку", "Пра", "Ба", "Да", "Ха", "Лу",
             "Са", "Ды", "Фя", "Чэ", "Па", "Га", "Жу", "Но", "Яра", "Сі", "Бу", "Гры", "Та", "Ме",
             "Кру", "Шы", "Ва", "Зай", "Со", "Ры", "Ру", "По", "Ге", "Ві", "Ко", "Мі", "Ню", "Ле",
             "Рэ", "Ту", "Це", "Хо", "Ям", "Юр", "Ан", "Ол", "Ус", "Ір", "Эн", "Ох", "Ак", "Бо"]
CODAS = ["л", "н", "р", "ц", "ш", "к", "т", "д", "с", "в", "м", "б", "г", "ж", "з", "ч"]
ENDINGS = {"m": ["евіч", "овіч", "енка", "скі", "ук", "оў", "ін", "ец", "ёнак", "ік"],
           "f": ["евіч", "овіч", "енка", "ская", "ук", "ова", "іна", "ец", "ёнак", "ік"]}
# Releasing states and citizenships, weighted (cumulatively) the way such data is skewed.
COUNTRIES = ["BY", "RU", "IR", "VE", "CN", "AZ", "EG", "KP", "SY", "TM", "NI", "VN"]
COUNTRY_WEIGHTS = [40, 25, 9, 6, 5, 4, 3, 2, 2, 2, 1, 1]
CITIZENSHIPS = ["BY", "RU", "UA", "US", "LT", "PL", "DE", "GB", "FR", "IR", "VE", "CN"]
CITIZENSHIP_WEIGHTS = [45, 20, 10, 5, 4, 4, 3, 2, 2, 2, 2, 1]
OUTLETS = ["Viasna", "Nasha Niva", "RFE/RL", "Reuters", "Associated Press", "BBC", "Zerkalo",
           "Meduza", "Novaya Gazeta", "The New York Times", "Deutsche Welle", "Belsat", "CNN",
           "Memorial", "Amnesty International", "Human Rights Watch", "Le Monde", "Kyiv Independent"]
KINDS = ["pardon", "unilateral", "exchange", "deportation", "sentence_served", "other"]
ROLES = ["releasing_authority", "receiving_government", "envoy", "mediator", "escort", "negotiator"]


@dataclass
class Plan:
    releases: int
    prisoners: int
    seed: int = 1
    draft_share: float = 0.04
    review_share: float = 0.02
    counts: dict = field(default_factory=dict)


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def status(rng, plan):
    roll = rng.random()
    if roll < plan.draft_share:
        return PublicationStatus.DRAFT
    if roll < plan.draft_share + plan.review_share:
        return PublicationStatus.REVIEW
    return PublicationStatus.PUBLISHED


def skewed_day(rng) -> datetime.date:
    """Any day since 1995, most of them recent (releases come in recent waves)."""
    span = (LAST_DAY - FIRST_DAY).days
    return LAST_DAY - datetime.timedelta(days=int(span * rng.random() ** 2.5))


def person_names(rng):
    """(preferred press spelling, other spellings) of a made-up person."""
    sex = rng.choice("mf")
    given_cyrillic, given_latin = rng.choice(GIVEN[sex])
    stem = rng.choice(SYLLABLES) + rng.choice(SYLLABLES).lower() + rng.choice(CODAS)
    surname = stem + rng.choice(ENDINGS[sex])
    cyrillic = f"{given_cyrillic} {surname}"
    others = [cyrillic]
    if rng.random() < 0.4:
        others.append(f"{given_latin} {anyascii(surname).replace('ts', 'c').replace('y', 'j')}")
    return f"{given_latin} {anyascii(surname)}", others


class Writer:
    """Buffers rows per model and inserts them in batches with plain SQL (COPY on
    PostgreSQL): model instances and the ORM's insert compiler would take most of the time."""

    def __init__(self, now):
        self.now, self.buffers, self.written, self.columns = now, {}, {}, {}

    def columns_of(self, model, values):
        if model not in self.columns:
            fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in values]
            defaults = {f.attname: f.get_default() for f in fields}
            for f in fields:
                if f.attname in ("created_at", "updated_at"):
                    defaults[f.attname] = self.now
            self.columns[model] = (fields, defaults)
        return self.columns[model]

    def add(self, model, **values):
        if "pk" in values:
            values[model._meta.pk.attname] = values.pop("pk")
        fields, defaults = self.columns_of(model, values)
        row = tuple(sql_value(values.get(f.attname, defaults[f.attname]), f) for f in fields)
        buffer = self.buffers.setdefault(model, [])
        buffer.append(row)
        if len(buffer) >= BATCH:
            self.flush(model)

    def flush(self, model=None):
        for kind in [model] if model else list(self.buffers):
            rows = self.buffers.get(kind) or []
            if rows:
                insert(kind, [f.column for f in self.columns[kind][0]], rows)
                self.written[kind] = self.written.get(kind, 0) + len(rows)
                self.buffers[kind] = []


def sql_value(value, field):
    """A Python value as the database stores it (dates, datetimes, booleans, countries)."""
    if value is None or isinstance(value, (int, str)) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return field.get_db_prep_save(value, connection)


def insert(model, columns, rows):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join("\t".join("\\N" if v is None else str(v) for v in row) + "\n" for row in rows)
            conflict = model is SearchTerm
            target = f"{table}_load" if conflict else table
            if conflict:
                cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {target} AS "
                               f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA")
                cursor.execute(f"TRUNCATE {target}")
            cursor.copy_expert(f"COPY {target} ({', '.join(columns)}) FROM STDIN", io.StringIO(text))
            if conflict:
                cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} "
                               f"FROM {target} ON CONFLICT DO NOTHING")
        else:
            verb = "INSERT OR IGNORE" if model is SearchTerm else "INSERT"
            cursor.executemany(f"{verb} INTO {table} ({', '.join(columns)}) "
                               f"VALUES ({', '.join(['%s'] * len(columns))})", rows)


def generate(plan: Plan, progress=lambda stage, done, total: None) -> dict:
    """Add ``plan.releases`` releases and ``plan.prisoners`` people (with everything around
    them) to the database; returns the number of rows written per model."""
    rng = random.Random(plan.seed)
    now = timezone.now()
    writer = Writer(now)

    def published_at(state):
        return now if state == PublicationStatus.PUBLISHED else None

    with transaction.atomic():
        source_base, party_base = next_id(Source), next_id(Party)
        prisoner_base, release_base = next_id(Prisoner), next_id(ReleaseEvent)
        n_sources = max(20, plan.releases // 5)
        n_parties = max(30, plan.releases // 500)
        for i in range(n_sources):
            state = status(rng, plan)
            writer.add(Source,
                pk=source_base + i, outlet=rng.choice(OUTLETS), title=f"Report {source_base + i}",
                slug=f"synthetic-source-{source_base + i}", published_on=skewed_day(rng),
                kind=rng.choice(["news", "official", "ngo_report"]), publication_status=state,
                published_at=published_at(state))
        for i in range(n_parties):
            pk = party_base + i
            country = COUNTRIES[i % len(COUNTRIES)]
            kind = ["government", "agency", "official", "mediator"][i % 4]
            writer.add(Party, pk=pk, name=f"{kind.title()} {pk} ({country})", slug=f"synthetic-party-{pk}",
                             kind=kind, country=country, publication_status=PublicationStatus.PUBLISHED,
                             published_at=now)
        writer.flush()
        progress("sources and parties", n_sources + n_parties, n_sources + n_parties)

        released_on, citizenship = {}, []  # citizenship: per person, "" for an unpublished one
        # (every synthetic person has one citizenship, so "" means exactly "not published")
        for i in range(plan.prisoners):
            pk = prisoner_base + i
            state = status(rng, plan)
            preferred, others = person_names(rng)
            writer.add(Prisoner, pk=pk, preferred_name=preferred, slug=f"synthetic-person-{pk}",
                                publication_status=state, published_at=published_at(state),
                                internal_notes="synthetic")
            for text in others:
                cyrillic = text != anyascii(text)
                writer.add(PrisonerName, prisoner_id=pk, text=text, language="be" if cyrillic else "",
                                        script="Cyrl" if cyrillic else "Latn",
                                        romanization="native" if cyrillic else "other")
            country = rng.choices(CITIZENSHIPS, CITIZENSHIP_WEIGHTS)[0]
            writer.add(Citizenship, prisoner_id=pk, country=country)
            citizenship.append(country if state == PublicationStatus.PUBLISHED else "")
            for key in index_keys([preferred, *others]):
                writer.add(NameKey, prisoner_id=pk, key=key)
                if key[:1].isalpha():
                    writer.add(SearchTerm, key=key)
            if i % BATCH == 0:
                progress("people", i, plan.prisoners)
        writer.flush()
        progress("people", plan.prisoners, plan.prisoners)

        for i in range(plan.releases):
            pk = release_base + i
            state = status(rng, plan)
            day = skewed_day(rng)
            wave = rng.random() < 0.05
            precision = "month" if wave else "day"
            start = day.replace(day=1) if wave else day
            end = (start + datetime.timedelta(days=rng.randint(40, 200))) if wave else day
            people = min(plan.prisoners, 1 + int(rng.expovariate(0.6)))
            country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
            named = rng.sample(range(plan.prisoners), people) if plan.prisoners else []
            writer.add(ReleaseEvent,
                pk=pk, title=f"{country} releases {people} people", slug=f"synthetic-release-{pk}",
                kind=rng.choice(KINDS), date_from=start, date_to=end, date_precision=precision,
                releasing_country=country, destination_country=rng.choice(["LT", "PL", "DE", "US", ""]),
                announced_total=people + rng.choice([0, 0, 0, 2, 10]), publication_status=state,
                published_at=published_at(state),
                people_named=sum(1 for person in named if citizenship[person]),
                released_citizenships=derived.as_column(citizenship[person] for person in named))
            for person in named:
                writer.add(ReleasedPerson, release_id=pk, prisoner_id=prisoner_base + person)
                released_on.setdefault(prisoner_base + person, end)
            for role, party in zip(rng.sample(ROLES, rng.randint(2, 3)), rng.sample(range(n_parties), 3)):
                writer.add(PartyRole, release_id=pk, party_id=party_base + party, role=role)
            for _ in range(rng.randint(1, 4)):
                writer.add(Citation, release_id=pk, source_id=source_base + rng.randrange(n_sources),
                                    claim="general")
            if i % BATCH == 0:
                progress("releases", i, plan.releases)
        writer.flush()
        progress("releases", plan.releases, plan.releases)

        for i in range(plan.prisoners):
            pk = prisoner_base + i
            released = released_on.get(pk)
            writer.add(StatusRecord,
                prisoner_id=pk, status=PrisonerStatus.RELEASED if released else PrisonerStatus.DETAINED,
                as_of=released or skewed_day(rng))
            # A fifth of people are cited themselves (their status, identity), as in the real
            # corpus: without such rows SQLite's statistics call the person index useless.
            if rng.random() < 0.2:
                for _ in range(rng.randint(1, 2)):
                    writer.add(Citation, prisoner_id=pk, source_id=source_base + rng.randrange(n_sources),
                               claim="general")
        writer.flush()
        progress("statuses", plan.prisoners, plan.prisoners)
        reset_sequences()
    plan.counts = {model._meta.verbose_name_plural: count for model, count in writer.written.items()}
    return plan.counts


def reset_sequences():
    """After rows written with explicit ids, PostgreSQL's id sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    models = [Source, Party, Prisoner, ReleaseEvent]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def check_sizes(releases, prisoners):
    """The sizes a plan may have: a ValueError saying why not."""
    if releases < 0 or prisoners < 0:
        raise ValueError("--releases and --prisoners must be 0 or more.")
    if releases and not prisoners:
        raise ValueError("Releases need people: give --prisoners too.")


def main(argv=None):
    """``python -m bench.synthetic --releases N --prisoners M [--seed S]`` on the configured
    database (DATABASE_URL, or the SQLite file)."""
    import argparse
    import os
    import sys
    import time

    parser = argparse.ArgumentParser(description="Add N synthetic releases and M synthetic people "
                                     "(deterministic for a seed), for benchmarks; never on real data.")
    parser.add_argument("--releases", type=int, required=True)
    parser.add_argument("--prisoners", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    try:
        check_sizes(args.releases, args.prisoners)
    except ValueError as error:
        parser.error(str(error))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    django.setup()

    def progress(stage, done, total):
        if not args.quiet:
            width = 30
            filled = int(width * done / total) if total else width
            sys.stderr.write(f"\r{stage:>20} [{'#' * filled}{' ' * (width - filled)}] {done:,}/{total:,}"
                             + ("\n" if done >= total else ""))
            sys.stderr.flush()

    started = time.perf_counter()
    counts = generate(Plan(releases=args.releases, prisoners=args.prisoners, seed=args.seed), progress)
    print(", ".join(f"{n:,} {name}" for name, n in counts.items())
          + f" in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
