"""The plans of every query the benchmark's endpoints run, on a filled database (PostgreSQL:
EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN). Run it after ``bin/dev bench`` has filled one:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1000000 .venv/bin/python bench/explain.py
    DATABASE_URL=sqlite:///bench/data/bench-1000000.sqlite3 .venv/bin/python bench/explain.py

Each endpoint is requested once with the response cache off; every SQL statement it ran is
explained. Printed: per endpoint, its slowest statement, the indexes searched and any table
read end to end (a full scan of a table over 10,000 rows is flagged). ``--markdown`` prints the
table for docs/benchmarks.md; ``--plans`` prints every plan.
"""
import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ["API_RESPONSE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_INSECURE_HTTP", "1")  # the test client speaks plain http

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from releases.models import Prisoner, ReleaseEvent  # noqa: E402

BIG = 10_000  # a full read of a table with more rows than this is flagged


def endpoints():
    release = ReleaseEvent.objects.published().order_by("-pk").values_list("pk", flat=True).first()
    person = Prisoner.objects.published().filter(released_in__isnull=False).order_by("-pk").first()
    dates = ReleaseEvent.objects.published().order_by("-date_from").values_list("date_from", flat=True)
    csv_from = dates[min(9999, dates.count() - 1)] if dates.exists() else "2025-01-01"
    return {
        "release list (page 7 of 50)": "/api/v1/releases/?page_size=50&page=7",
        "filtered list (country, dates, citizenship)": "/api/v1/releases/?country=BY&citizenship=BY"
                                                       "&date_after=2015-01-01&date_before=2020-12-31&page_size=50",
        "release detail": f"/api/v1/releases/{release}/",
        "prisoner name search": f"/api/v1/prisoners/?q={person.preferred_name}",
        "prisoner detail": f"/api/v1/prisoners/{person.pk}/",
        "people by citizenship": "/api/v1/prisoners/?citizenship=LT",
        "updated since": "/api/v1/releases/?updated_since=2030-01-01T00:00:00Z",
        "CSV export (newest 10k+ rows)": f"/api/v1/releases/?format=csv&date_after={csv_from}",
        "timeline page 3": "/?page=3",
        "statistics": "/statistics/",
        "statistics for BY": "/statistics/?country=BY",
    }


def table_rows():
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        rows = {}
        for name in names:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [name])
                rows[name] = cursor.fetchone()[0]
            else:
                cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
                rows[name] = cursor.fetchone()[0]
        return rows


def explain(sql, rows):
    """(milliseconds, indexes searched, big tables read end to end, plan text)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            indexes, scans, stack = set(), set(), [plan[0]["Plan"]]
            while stack:
                node = stack.pop()
                if "Index Name" in node:
                    indexes.add(node["Index Name"])
                if node["Node Type"] == "Seq Scan" and rows.get(node["Relation Name"], 0) > BIG:
                    scans.add(node["Relation Name"])
                stack.extend(node.get("Plans", []))
            return plan[0]["Execution Time"], indexes, scans, json.dumps(plan, indent=1)
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        lines = [row[-1] for row in cursor.fetchall()]
        indexes = {m.group(1) for line in lines for m in [re.search(r"USING (?:COVERING )?INDEX (\w+)", line)] if m}
        scans = {m.group(1) for line in lines for m in [re.match(r"SCAN (\w+)$", line)]
                 if m and rows.get(m.group(1), 0) > BIG}
        return elapsed, indexes, scans, "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--plans", action="store_true")
    args = parser.parse_args()
    rows, client, report = table_rows(), Client(), []
    for name, url in endpoints().items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:  # the CSV's queries run while it streams
                b"".join(response.streaming_content)
            status = response.status_code
        explained = [(q["sql"], *explain(q["sql"], rows)) for q in captured.captured_queries
                     if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
        slowest = max(explained, key=lambda e: e[1])
        scans = set().union(*(e[3] for e in explained))
        indexes = set().union(*(e[2] for e in explained))
        report.append((name, url, status, len(explained), slowest[1], sum(e[1] for e in explained),
                       sorted(scans), sorted(indexes)))
        if args.plans:
            for sql, ms, _, _, plan in explained:
                print(f"--- {name}: {ms:.1f} ms\n{sql}\n{plan}\n")
    engine = connection.vendor
    total = ReleaseEvent.objects.count()
    if args.markdown:
        print(f"{engine}, {total:,} releases: queries per endpoint, explained\n")
        print("| endpoint | queries | slowest ms | all ms | big tables read whole | indexes searched |")
        print("|---|---:|---:|---:|---|---|")
        for name, url, status, n, slow, all_ms, scans, indexes in report:
            print(f"| {name} | {n} | {slow:.1f} | {all_ms:.1f} | {', '.join(scans) or 'none'} | "
                  f"{', '.join(i.removeprefix('releases_') for i in indexes)} |")
    else:
        for name, url, status, n, slow, all_ms, scans, indexes in report:
            print(f"{name} [{status}] {url}\n  {n} queries, slowest {slow:.1f} ms, all {all_ms:.1f} ms; "
                  f"read whole: {', '.join(scans) or 'none'}\n  indexes: {', '.join(indexes)}")


if __name__ == "__main__":
    main()
