"""Name-search latency over a million stored names, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_names \\
        .venv/bin/python bench/name_search.py --names 1000000 --repeat 5

Fills the (dedicated, emptied) database with synthetic published people whose names are
written in several scripts and systems (a press spelling, the Cyrillic form, sometimes a
second romanization), keys them as the tracker does, then times ``search_prisoners`` (the
function behind the API's ``q``, the timeline's search box and the admin) for a mix of
queries: exact, another script, another language's given name, surname first, partial,
misspelt, and names that match nobody. Prints a Markdown table for docs/benchmarks.md.
"""
import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

from anyascii import anyascii  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from releases.search.search import search_prisoners  # noqa: E402
from releases.search.words import index_keys  # noqa: E402

GIVEN = {  # Cyrillic form, press form
    "m": [("Аляксандр", "Aliaksandr"), ("Сяргей", "Siarhei"), ("Ігар", "Ihar"), ("Мікалай", "Mikalai"),
          ("Андрэй", "Andrei"), ("Дзмітрый", "Dzmitry"), ("Уладзімір", "Uladzimir"), ("Юрый", "Yury"),
          ("Павел", "Pavel"), ("Віктар", "Viktar"), ("Максім", "Maksim"), ("Раман", "Raman"),
          ("Алег", "Aleh"), ("Яўген", "Yauhen"), ("Вадзім", "Vadzim"), ("Іван", "Ivan")],
    "f": [("Алена", "Alena"), ("Марыя", "Maryia"), ("Вольга", "Volha"), ("Святлана", "Sviatlana"),
          ("Наталля", "Natallia"), ("Кацярына", "Katsiaryna"), ("Ірына", "Iryna"), ("Ганна", "Hanna"),
          ("Таццяна", "Tatsiana"), ("Юлія", "Yulia"), ("Дар'я", "Daria"), ("Людміла", "Liudmila")],
}
# Surnames: two syllables and an ending, some 30,000 different ones (a real country has tens
# of thousands); STEMS are roots of surnames the queries look for, so near misses exist.
SYLLABLES = ["Ка", "Ша", "Ло", "Ма", "Бя", "Ста", "Ла", "Зя", "Ку", "Пра", "Ба", "Да", "Ха", "Лу",
             "Са", "Ды", "Фя", "Чэ", "Па", "Га", "Жу", "Но", "Яра", "Сі", "Бу", "Гры", "Та", "Ме",
             "Кру", "Шы", "Ва", "Зай", "Со", "Ры", "Ру", "По", "Ге", "Ві", "Ко", "Мі", "Ню", "Ле",
             "Рэ", "Ту", "Це", "Хо", "Ям", "Юр", "Ан", "Ол", "Ус", "Ір", "Эн", "Ох", "Ак", "Ба"]
CODAS = ["л", "н", "р", "ц", "ш", "к", "т", "д", "с", "в", "м", "б", "г", "ж", "з", "ч"]
STEMS = ["Кавал", "Шуга", "Лос", "Карн", "Мат", "Бяляц", "Стат", "Лаб", "Зянк", "Кузн", "Пратас",
         "Бабар", "Калесн", "Дашк", "Хадас", "Лук", "Сац", "Дыл", "Фядут", "Чэрн", "Паш", "Гарб",
         "Жук", "Новік", "Ярош", "Сідар", "Бурак", "Грыц", "Тарас", "Мельн", "Кругл", "Лапц",
         "Шыл", "Валк", "Зайц", "Сакал", "Барыс", "Давыд", "Рудз", "Палян"]
ENDINGS = {"m": ["евіч", "овіч", "енка", "скі", "ук", "оў", "ін", "ец", "ёнак", "ік"],
           "f": ["евіч", "овіч", "енка", "ская", "ук", "ова", "іна", "ец", "ёнак", "ік"]}
QUERIES = {
    "exact press spelling": ["Alena Maushuk", "Siarhei Tsikhanouski", "Ihar Losik"],
    "Cyrillic": ["Алена Маўшук", "Ігар Лосік", "Мікалай Статкевіч"],
    "other language form": ["Yelena Movshuk", "Sergei Tikhanovsky", "Nikolai Statkevich"],
    "surname first": ["Maushuk Alena", "Losik Ihar", "Statkevich Mikalai"],
    "partial": ["Alena Maush", "Tsikhan", "Statkev"],
    "misspelt": ["Tsikhanouskaa", "Mikalai Statkevicch", "Ihar Loisk"],
    "nobody": ["Pavel Zzyzx", "Nobody Atall", "Qwerty Uiop"],
}
NEEDLES = ["Alena Maushuk|Алена Маўшук", "Siarhei Tsikhanouski|Сяргей Ціханоўскі",
           "Sviatlana Tsikhanouskaya|Святлана Ціханоўская", "Ihar Losik|Ігар Лосік",
           "Mikalai Statkevich|Мікалай Статкевіч"]


def synthetic_names(count, seed):
    """(preferred, [other names]) per person until ``count`` names in all, deterministic."""
    rng = random.Random(seed)
    produced = 0
    while produced < count:
        sex = rng.choice("mf")
        given_cyr, given_lat = rng.choice(GIVEN[sex])
        stem = (rng.choice(STEMS) if rng.random() < 0.1
                else rng.choice(SYLLABLES) + rng.choice(SYLLABLES).lower() + rng.choice(CODAS))
        surname = stem + rng.choice(ENDINGS[sex])
        cyrillic = f"{given_cyr} {surname}"
        press = f"{given_lat} {anyascii(surname)}"
        names = [cyrillic] + ([anyascii(cyrillic).replace("y", "j")] if rng.random() < 0.5 else [])
        produced += 1 + len(names)
        yield press, names


def copy(table, columns, rows):
    buffer = io.StringIO("".join("\t".join(map(str, row)) + "\n" for row in rows))
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def fill(count, seed):
    """Bulk-load people, names and keys with COPY (signals are for editors' saves, not this)."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE releases_prisoner RESTART IDENTITY CASCADE")
    now = "2025-01-01 00:00:00+00"
    people, names, keys = [], [], []
    pk = 0
    for preferred, others in synthetic_names(count, seed):
        pk += 1
        people.append((pk, preferred, f"synthetic-{pk}", "published", now, now, now, "", "", ""))
        names += [(pk, text, "", "Cyrl" if i == 0 else "Latn", "native" if i == 0 else "other")
                  for i, text in enumerate(others)]
        keys += [(pk, key) for key in index_keys([preferred, *others])]
    for needle in NEEDLES:
        pk += 1
        preferred, cyrillic = needle.split("|")
        people.append((pk, preferred, f"needle-{pk}", "published", now, now, now, "", "", ""))
        names.append((pk, cyrillic, "be", "Cyrl", "native"))
        keys += [(pk, key) for key in index_keys([preferred, cyrillic])]
    copy("releases_prisoner", ["id", "preferred_name", "slug", "publication_status", "published_at",
                               "created_at", "updated_at", "internal_notes", "occupation", "summary"], people)
    copy("releases_prisonername", ["prisoner_id", "text", "language", "script", "romanization"], names)
    copy("releases_namekey", ["prisoner_id", "key"], keys)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('releases_prisoner', 'id'), %s)", [pk])
        cursor.execute("TRUNCATE releases_searchterm")
        cursor.execute("INSERT INTO releases_searchterm (key) SELECT DISTINCT key FROM releases_namekey "
                       "WHERE key ~ '^[a-z]'")
        cursor.execute("ANALYZE releases_prisoner; ANALYZE releases_prisonername; ANALYZE releases_namekey; "
                       "ANALYZE releases_searchterm")
    return len(people), len(people) + len(names), len(keys)


def time_queries(repeat):
    rows = []
    for kind, queries in QUERIES.items():
        timings, results = [], []
        for _ in range(repeat):
            for query in queries:
                start = time.perf_counter()
                hits = search_prisoners(query)
                timings.append((time.perf_counter() - start) * 1000)
                results.append(len(hits))
        timings.sort()
        rows.append((kind, len(timings), statistics.median(timings),
                     timings[int(len(timings) * 0.95) - 1], max(results)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="Keep the data of an earlier run.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against a dedicated PostgreSQL database (DATABASE_URL=postgres://...).")
    call_command("migrate", verbosity=0)
    if not args.reuse:
        started = time.perf_counter()
        people, names, keys = fill(args.names, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM releases_searchterm")
            terms = cursor.fetchone()[0]
        print(f"Loaded {people:,} people, {names:,} names, {keys:,} keys ({terms:,} distinct) "
              f"in {time.perf_counter() - started:.0f} s")
    search_prisoners("warm up")
    rows = time_queries(args.repeat)
    all_p50 = statistics.median([row[2] for row in rows])
    print("\n| query kind | searches | p50 ms | p95 ms | most results |\n|---|---:|---:|---:|---:|")
    for kind, n, p50, p95, most in rows:
        print(f"| {kind} | {n} | {p50:.1f} | {p95:.1f} | {most} |")
    print(f"\nMedian of the kinds' p50: {all_p50:.1f} ms")


if __name__ == "__main__":
    main()
