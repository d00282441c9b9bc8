"""Write the load test's figures (var/load.json, from bench/load.py) into the "Load test"
section of docs/benchmarks.md, between its markers (added at the end the first time)."""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- load-results:start -->", "<!-- load-results:end -->"
INTRO = """## Load test

    bin/dev load                     # 60 s at 32 connections; LOAD_DURATION, LOAD_CONNECTIONS
    bin/dev load --write-docs        # and write the figures below

A bounded check that the site holds up under concurrent readers, run in CI: a fresh PostgreSQL
database with the demo data, gunicorn (2 workers, `DJANGO_DEBUG` off, the Redis cache) and
wrk on the same 2 cores, rotating over the public read endpoints (API lists with filters,
details, name search, CSV, the timeline, statistics, the feed and detail pages). It fails on
any socket error, timeout, answer outside 2xx/3xx or server traceback. The anonymous rate
limit is raised for the run (one address sends everything); it is tested in `tests/`.

"""


def table(result):
    return "\n".join([
        START,
        f"Run of {result['date']}. Machine: {result['machine']}.",
        "",
        "| duration | connections | paths | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result['duration_s']} s | {result['connections']} | {result['paths']} | {result['requests']:,} | "
        f"{result['rps']} | {result['p50_ms']} | {result['p90_ms']} | {result['p99_ms']} | "
        f"{result['max_ms']} | {result['errors']} |",
        END,
    ])


def main():
    result = json.loads((ROOT / "var" / "load.json").read_text())
    text = DOC.read_text()
    if START in text:
        before, rest = text.split(START, 1)
        text = before + table(result) + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + INTRO + table(result) + "\n"
    DOC.write_text(text)
    print(f"Wrote the load test's figures into {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
