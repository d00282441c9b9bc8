"""HTTP benchmark: the tracker behind gunicorn (2 workers) on SQLite and PostgreSQL at several
sizes, and Datasette serving the same SQLite file, measured with wrk. Run it with

    bin/dev bench [--sizes 10000,100000,1000000] [--engines sqlite,postgresql] [--duration 10]

For each engine and size it generates the data once (``python -m bench.synthetic``, same seed, so
both engines hold the same rows; cached in bench/data/ and PostgreSQL databases bench_<size>),
starts gunicorn, and for each endpoint runs wrk (2 threads, 8 connections) over a rotating set
of URLs (different pages, ids and names), so no answer is served from a warm single row.
Results go to bench/results/<engine>-<size>.json and into the table in docs/benchmarks.md.
"""
import argparse
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
DATASETTE = ROOT / "bench" / ".venv" / "bin" / "datasette"
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PG_BASE = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# The shared cache both workers use, as production does (emptied before each server starts);
# without Redis each worker keeps its own.
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
PORT, DATASETTE_PORT = 8765, 8766
SEED = 1
PAGE = 50

LUA = """
local paths = {%(paths)s}
local i = 0
%(headers)s
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%.3f, "p50_ms": %%.2f, "p95_ms": %%.2f, ' ..
    '"p99_ms": %%.2f, "errors": %%d, "bad_status": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def database_url(engine, size):
    if engine == "sqlite":
        return f"sqlite:///{DATA / f'bench-{size}.sqlite3'}"
    return f"{PG_BASE}/bench_{size}"


COLD = False  # --cold: the response cache off, every answer built


def redis_reachable():
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
        return True
    except Exception:  # not installed, not running: each worker keeps its own cache
        return False


def empty_redis():
    if redis_reachable():
        import redis

        redis.Redis.from_url(REDIS).flushdb()


def env_for(engine, size):
    return {**os.environ, "DATABASE_URL": database_url(engine, size), "DJANGO_DEBUG": "0",
            "REDIS_URL": REDIS if redis_reachable() else "",
            "DJANGO_INSECURE_HTTP": "1",  # plain http on loopback: no redirect to https
            "API_RESPONSE_CACHE_SECONDS": "0" if COLD else "600",
            "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret", "API_ANON_RATE": "100000000/minute",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}


def manage(engine, size, *args, **kwargs):
    return subprocess.run([str(PY), "manage.py", *args], cwd=ROOT, env=env_for(engine, size),
                          check=True, text=True, **kwargs)


def shell(engine, size, code):
    """Run Python in the project's Django setup against this database; its stdout."""
    return manage(engine, size, "shell", "--no-imports", "-c", code, capture_output=True).stdout


def prepare(engine, size):
    """Migrate and fill the database once; later runs reuse it."""
    DATA.mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", f"bench_{size}"],
                       capture_output=True)
    manage(engine, size, "migrate", "-v0")
    count = int(shell(engine, size, "from releases.models import ReleaseEvent; print(ReleaseEvent.objects.count())"))
    if count != size:
        if count:
            sys.exit(f"{database_url(engine, size)} holds {count} releases, not {size}: drop it first.")
        started = time.perf_counter()
        subprocess.run([str(PY), "-m", "bench.synthetic", "--releases", str(size), "--prisoners", str(size),
                        "--seed", str(SEED), "--quiet"], cwd=ROOT, env=env_for(engine, size), check=True)
        print(f"  generated {size:,} releases and people in {time.perf_counter() - started:.0f} s", flush=True)
    if engine == "sqlite":
        with sqlite3.connect(DATA / f"bench-{size}.sqlite3") as db:
            db.execute("ANALYZE")
    else:
        shell(engine, size, "from django.db import connection\nwith connection.cursor() as c: c.execute('ANALYZE')")


def samples(engine, size):
    """URLs to rotate through, chosen from the data (the same for every engine)."""
    code = """
import json, random
from releases.models import ReleaseEvent, Prisoner
rng = random.Random(7)
releases = list(ReleaseEvent.objects.published().order_by("pk").values_list("pk", flat=True))
people = list(Prisoner.objects.published().order_by("pk").values_list("preferred_name", flat=True)[:20000])
dates = sorted(ReleaseEvent.objects.published().values_list("date_from", flat=True))
start = dates[max(0, len(dates) - 10000)] if dates else None
large = dates[max(0, len(dates) - 100000)] if dates else None
print(json.dumps({"releases": rng.sample(releases, min(200, len(releases))), "count": len(releases),
                  "names": rng.sample(people, min(100, len(people))), "csv_from": str(start),
                  "csv_large_from": str(large)}))
"""
    return json.loads(shell(engine, size, code).strip().splitlines()[-1])


def endpoints(sample):
    pages = max(1, min(40, sample["count"] // PAGE))
    names = sample["names"]
    mixed = [n if i % 3 else " ".join(reversed(n.split())) for i, n in enumerate(names)]
    return {
        "release list (page of 50, nested)": [f"/api/v1/releases/?page_size={PAGE}&page={p}" for p in range(1, pages + 1)],
        "filtered list (country, dates, citizenship)": [
            f"/api/v1/releases/?country=BY&citizenship=BY&date_after={y}-01-01&date_before={y + 5}-12-31&page_size={PAGE}"
            for y in range(2000, 2021)],
        "release detail": [f"/api/v1/releases/{pk}/" for pk in sample["releases"]],
        "prisoner name search": [f"/api/v1/prisoners/?q={urllib.request.quote(n)}" for n in mixed],
        "timeline page": [f"/?page={p}" for p in range(1, min(pages, 20) + 1)],
        "statistics page": ["/statistics/", "/statistics/?country=BY", "/statistics/?citizenship=RU"],
    }


def datasette_endpoints(sample, ids, size):
    """Datasette's JSON for the release table: the same page size, keyset pages through it,
    and the same filter where Datasette can express it (no citizenship: that is a join)."""
    table = f"/bench-{size}/releases_releaseevent.json"
    starts = ids[::PAGE][:40] or [0]
    return {
        "release list (page of 50, nested)": [f"{table}?_size={PAGE}&_nosuggest=1&_next={i}" for i in starts],
        "filtered list (country, dates, citizenship)": [
            f"{table}?_size={PAGE}&_nosuggest=1&releasing_country=BY&date_to__gte={y}-01-01&date_from__lte={y + 5}-12-31"
            for y in range(2000, 2021)],
        "release detail": [f"/bench-{size}/releases_releaseevent/{pk}.json" for pk in sample["releases"]],
    }


def wait_for(port, path="/"):
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"nothing answered on port {port}")


def wrk(port, paths, duration, headers=None):
    header_lines = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in (headers or {}).items())
    script = LUA % {"paths": ", ".join(json.dumps(p) for p in paths), "headers": header_lines}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{duration}s", "--timeout", "30s", "-s", f.name,
                          f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    result = json.loads(re.search(r"RESULT (\{.*\})", out).group(1))
    result["rps"] = round(result["requests"] / result["seconds"], 1)
    return result


def start(command, env, port):
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    return process


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def worker_rss_kb(process):
    """The largest resident size among the server's processes, in kB."""
    pids = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)))
        except (OSError, AttributeError):
            pass
    return max(sizes or [0])


def csv_export(process, port, url):
    """One CSV download: its rows, seconds, rows per second, and the server's peak resident
    memory, sampled at every 64 kB read. Timed directly, not with wrk: at 1M a large export
    outlasts a wrk run."""
    peak, rows, started = worker_rss_kb(process), 0, time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=900) as response:
        while chunk := response.read(65536):
            rows += chunk.count(b"\n")
            peak = max(peak, worker_rss_kb(process))
    seconds = time.perf_counter() - started
    return {"peak_rss_mb": round(peak / 1024, 1), "rows": rows - 1, "seconds": round(seconds, 2),
            "rows_per_s": round((rows - 1) / seconds)}


def run_tracker(engine, size, duration):
    env = env_for(engine, size)
    empty_redis()
    sample = samples(engine, size)
    server = start([str(ROOT / ".venv" / "bin" / "gunicorn"), "tracker.wsgi:application", "-w", "2",
                    "-b", f"127.0.0.1:{PORT}", "--no-control-socket", "--timeout", "300"], env, PORT)
    try:
        wait_for(PORT, "/api/v1/")
        results = {"cache": "none" if COLD else "redis" if env["REDIS_URL"] else "per worker"}
        for name, paths in endpoints(sample).items():
            for path in paths[:3]:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=300).read()  # warm up
            results[name] = wrk(PORT, paths, duration)
            print(f"  {name}: {results[name]['rps']} req/s, p50 {results[name]['p50_ms']} ms", flush=True)
        first = endpoints(sample)["release list (page of 50, nested)"][0]
        etag = urllib.request.urlopen(f"http://127.0.0.1:{PORT}{first}").headers["ETag"]
        results["conditional GET (304)"] = wrk(PORT, [first], duration, {"If-None-Match": etag.replace('"', '\\"')})
        results["same list, full response"] = wrk(PORT, [first], duration)
        print(f"  304: {results['conditional GET (304)']['rps']} req/s vs "
              f"{results['same list, full response']['rps']} full", flush=True)
        results["csv (10k rows)"] = csv_export(
            server, PORT, f"/api/v1/releases/?format=csv&date_after={sample['csv_from']}")
        results["csv (up to 100k rows)"] = csv_export(
            server, PORT, f"/api/v1/releases/?format=csv&date_after={sample['csv_large_from']}")
        print(f"  CSV: {results['csv (10k rows)']['rows_per_s']} and "
              f"{results['csv (up to 100k rows)']['rows_per_s']} rows/s", flush=True)
        return results
    finally:
        stop(server)


def run_datasette(size, duration):
    path = DATA / f"bench-{size}.sqlite3"
    with sqlite3.connect(path) as db:
        ids = [row[0] for row in db.execute(
            "SELECT id FROM releases_releaseevent ORDER BY id")]
    sample = samples("sqlite", size)
    server = start([str(DATASETTE), "serve", str(path), "-p", str(DATASETTE_PORT), "--immutable", str(path),
                    "--setting", "sql_time_limit_ms", "30000", "--setting", "default_page_size", str(PAGE)],
                   os.environ, DATASETTE_PORT)
    try:
        wait_for(DATASETTE_PORT, "/-/versions.json")
        results = {}
        for name, paths in datasette_endpoints(sample, ids, size).items():
            results[name] = wrk(DATASETTE_PORT, paths, duration)
            print(f"  datasette {name}: {results[name]['rps']} req/s, p50 {results[name]['p50_ms']} ms", flush=True)
        return results
    finally:
        stop(server)


def main():
    parser = argparse.ArgumentParser(description="HTTP benchmark against Datasette")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--cold", action="store_true", help="turn the response cache off")
    args = parser.parse_args()
    global COLD
    COLD = args.cold
    RESULTS.mkdir(parents=True, exist_ok=True)
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    for size in [int(s) for s in args.sizes.split(",")]:
        for engine in args.engines.split(","):
            print(f"{engine}, {size:,} releases and people", flush=True)
            prepare(engine, size)
            result = {"engine": engine, "size": size, "cold": COLD,
                      "tracker": run_tracker(engine, size, args.duration)}
            if engine == "sqlite" and not COLD:
                result["datasette"] = run_datasette(size, args.duration)
            name = f"{engine}-{size}{'-cold' if COLD else ''}.json"
            (RESULTS / name).write_text(json.dumps(result, indent=1))
    subprocess.run([str(PY), str(ROOT / "bench" / "report.py")], check=True)


if __name__ == "__main__":
    main()
