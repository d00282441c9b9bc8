"""Write bench/results/*.json into the HTTP table of docs/benchmarks.md (between markers)."""
import json
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- http-results:start -->", "<!-- http-results:end -->"


def version(command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main():
    runs = sorted((json.loads(p.read_text()) for p in (ROOT / "bench" / "results").glob("*.json")),
                  key=lambda r: (r["size"], r["engine"], r.get("cold", False)))
    lines = [
        f"Machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores; "
        f"Python {platform.python_version()}; {version(['psql', '--version'])}; "
        f"{version([str(ROOT / 'bench/.venv/bin/datasette'), '--version'])}; "
        f"{version([str(ROOT / '.venv/bin/gunicorn'), '--version'])}; "
        f"{version(['wrk', '--version'])}.", "",
        "| size | engine | endpoint | req/s | p50 ms | p95 ms | errors |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for run in runs:
        for server in ("tracker", "datasette"):
            for name, r in run.get(server, {}).items():
                if not isinstance(r, dict) or "rps" not in r:
                    continue
                who = run["engine"] + (" (no cache)" if run.get("cold") else "") \
                    if server == "tracker" else "Datasette (same SQLite file)"
                lines.append(f"| {run['size']:,} | {who} | {name} | {r['rps']:,} | {r['p50_ms']} | "
                             f"{r['p95_ms']} | {r['errors'] + r['bad_status']} |")
    lines += ["", "CSV export, one download each, and the peak resident memory of the gunicorn worker:", "",
              "| size | engine | rows | seconds | rows/s | peak RSS MB |", "|---:|---|---:|---:|---:|---:|"]
    for run in runs:
        for name in ("csv (10k rows)", "csv (up to 100k rows)"):
            if m := run["tracker"].get(name):
                lines.append(f"| {run['size']:,} | {run['engine']} | {m['rows']:,} | {m['seconds']} | "
                             f"{m['rows_per_s']:,} | {m['peak_rss_mb']} |")
    caches = sorted({f"{r['engine']}: {r['tracker'].get('cache', '?')}" for r in runs})
    lines += ["", f"Response cache during the run: {'; '.join(caches)}."]
    text = DOC.read_text()
    if START not in text:
        sys.exit(f"{DOC} has no {START} marker")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOC.write_text(f"{head}{START}\n{chr(10).join(lines)}\n{END}{tail}")
    print(f"Wrote {len(runs)} runs into {DOC}")


if __name__ == "__main__":
    main()
