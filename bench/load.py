"""Load test on loopback: wrk against the public read endpoints of the tracker served
production-like (bench/loopback.py: PostgreSQL with the demo data, gunicorn with 2 workers, DEBUG
off, the Redis cache). Run it with ``bin/dev load [--write-docs]``.

wrk rotates over a fixed list of paths (API lists with filters, details, name search, CSV, the
timeline, statistics and the feed). The run fails on any socket error or timeout, any answer
outside 2xx/3xx, or a traceback in gunicorn's log. Figures go to var/load.json; with
--write-docs bench/load_report.py writes them into docs/benchmarks.md.

Environment: LOAD_DURATION (seconds, default 60), LOAD_CONNECTIONS (default 32),
LOAD_THREADS (default 2), LOAD_DATABASE (default release_tracker_load, recreated each run).

``--kill-cache-at SECONDS`` (bin/dev test passes 30): then once more, with gunicorn reaching
Redis through a TCP proxy (bench/tcp_proxy.py) killed that far into the run; it too must end with
no error and no traceback (tracker/cache.py). Figures: var/load-cache-fault.json.
"""
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from loopback import REDIS, ROOT, fresh_database, free_port, gunicorn, manage, server_errors
from tcp_proxy import TcpProxy
from report import version

DATABASE = os.environ.get("LOAD_DATABASE", "release_tracker_load")
DURATION = int(os.environ.get("LOAD_DURATION", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "32"))
THREADS = int(os.environ.get("LOAD_THREADS", "2"))
RESULT = ROOT / "var" / "load.json"
CACHE_FAULT_RESULT = ROOT / "var" / "load-cache-fault.json"

# Also keeps the status of the first failed answers (wrk cannot tell which request an answer
# belongs to on a connection, so the paths come from check_paths, which tries each once).
LUA = """
local paths = {%(paths)s}
local counter = 0
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end
init = function(args)
  bad = {}
end
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
response = function(status, headers, body)
  if status >= 400 and #bad < 20 then
    bad[#bad + 1] = tostring(status)
  end
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%.3f, "p50_ms": %%.2f, ' ..
    '"p90_ms": %%.2f, "p99_ms": %%.2f, "max_ms": %%.2f, "connect_errors": %%d, "read_errors": %%d, ' ..
    '"write_errors": %%d, "timeouts": %%d, "bad_status": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
  for _, thread in ipairs(threads) do
    local failed = thread:get("bad")
    for i = 1, math.min(#failed, 20) do
      io.write("BAD status " .. failed[i] .. "\\n")
    end
  end
end
"""


def read_paths():
    """The public read URLs to rotate over, chosen from the demo data."""
    code = """
import json
from releases.models import Party, Prisoner, ReleaseEvent, Source
print(json.dumps({
    "releases": list(ReleaseEvent.objects.published().order_by("pk").values_list("pk", flat=True)[:20]),
    "people": list(Prisoner.objects.published().order_by("pk").values_list("pk", "preferred_name")[:20]),
    "parties": list(Party.objects.published().order_by("pk").values_list("pk", flat=True)[:10]),
    "sources": list(Source.objects.published().order_by("pk").values_list("pk", flat=True)[:10]),
}))
"""
    data = json.loads(manage(DATABASE, "shell", "--no-imports", "-c", code, capture=True).strip().splitlines()[-1])
    quote = urllib.parse.quote
    surnames = [name.split()[-1] for _, name in data["people"]]
    return [
        "/api/v1/releases/", "/api/v1/releases/?page_size=5&page=2",
        "/api/v1/releases/?country=BY&date_after=2024-01-01&date_before=2025-12-31",
        "/api/v1/releases/?citizenship=BY&kind=pardon&ordering=-date",
        "/api/v1/prisoners/", "/api/v1/prisoners/?status=released", "/api/v1/parties/?country=US",
        "/api/v1/sources/?published_after=2024-01-01", "/api/v1/citations/", "/api/v1/withdrawals/",
        *[f"/api/v1/releases/{pk}/" for pk in data["releases"]],
        *[f"/api/v1/prisoners/{pk}/" for pk, _ in data["people"]],
        *[f"/api/v1/parties/{pk}/" for pk in data["parties"]],
        *[f"/api/v1/sources/{pk}/" for pk in data["sources"]],
        *[f"/api/v1/prisoners/?q={quote(name)}" for name in surnames[:10]],
        *[f"/api/v1/releases/?q={quote(name)}" for name in surnames[10:15]],
        "/api/v1/releases/?format=csv", "/api/v1/prisoners/?format=csv&citizenship=BY",
        "/", "/?page=2", "/?country=BY", "/statistics/", "/statistics/?citizenship=BY", "/feed/",
        *[f"/releases/{pk}/" for pk in data["releases"][:5]],
        *[f"/people/{pk}/" for pk, _ in data["people"][:5]],
    ]


def check_paths(port, paths):
    """Every path answers 2xx/3xx once before the load (also warms the cache)."""
    import urllib.request

    failed = []
    for path in paths:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
        except OSError as error:
            failed.append(f"{path}: {error}")
    return failed


def wrk(port, paths):
    script = LUA % {"paths": ", ".join(json.dumps(p) for p in paths)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s",
                              "-s", f.name, f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    result = json.loads(re.search(r"RESULT (\{.*\})", out).group(1))
    result["rps"] = round(result["requests"] / result["seconds"], 1)
    result["errors"] = sum(result[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts",
                                               "bad_status"))
    result["bad_samples"] = re.findall(r"^BAD (.*)$", out, re.M)
    return result


def load_run(paths, kill_cache_at=None):
    """One wrk run against a fresh gunicorn; with ``kill_cache_at``, its Redis is reached through a
    proxy killed that many seconds into the run (bench/tcp_proxy.py). (result, tracebacks)."""
    port = free_port(8772)
    name = "load-gunicorn" if kill_cache_at is None else "load-cache-fault-gunicorn"
    log = ROOT / "var" / f"{name}.log"
    with contextlib.ExitStack() as stack:
        redis_url, proxy = None, None
        if kill_cache_at is not None:
            target = urllib.parse.urlsplit(REDIS)
            proxy = stack.enter_context(TcpProxy(target.port, target.hostname))
            redis_url = f"redis://127.0.0.1:{proxy.port}{target.path}"
        stack.enter_context(gunicorn(DATABASE, port, log=log, redis_url=redis_url))
        failed = check_paths(port, paths)
        if failed:
            print("These paths do not answer 2xx/3xx:\n  " + "\n  ".join(failed), file=sys.stderr)
            return None, []
        print(f"wrk: {DURATION} s, {CONNECTIONS} connections, {THREADS} threads, rotating over {len(paths)} "
              f"paths{f'; the cache killed at {kill_cache_at} s' if proxy else ''}", flush=True)
        if proxy:
            threading.Timer(kill_cache_at, proxy.kill).start()
        result = wrk(port, paths)
    result["paths"] = len(paths)
    return result, server_errors(log)


def main():
    write_docs = "--write-docs" in sys.argv[1:]
    kill_cache_at = None
    if "--kill-cache-at" in sys.argv:
        kill_cache_at = float(sys.argv[sys.argv.index("--kill-cache-at") + 1])
    started = time.monotonic()
    print(f"Fresh database {DATABASE}: migrate, demo data", flush=True)
    fresh_database(DATABASE)
    paths = read_paths()
    result, tracebacks = load_run(paths)
    if result is None:
        return 1
    ok = report(result, tracebacks, started, RESULT)
    if ok and write_docs:
        subprocess.run([sys.executable, str(ROOT / "bench" / "load_report.py")], check=True)
    if kill_cache_at is not None:
        # Once more, the cache killed halfway: losing it must cost speed, not one answer.
        started = time.monotonic()
        result, tracebacks = load_run(paths, kill_cache_at)
        ok = result is not None and report(result, tracebacks, started, CACHE_FAULT_RESULT,
                                           f"the cache killed at {kill_cache_at:.0f} s") and ok
    print(f"Load test {'passed' if ok else 'FAILED'}", flush=True)
    return 0 if ok else 1


def report(result, tracebacks, started, path, fault=None):
    """Print and write one run's figures; True if it had no error and no server traceback."""
    result.update({
        "date": time.strftime("%Y-%m-%d"), "duration_s": DURATION, "connections": CONNECTIONS,
        "threads": THREADS, "server_tracebacks": len(tracebacks),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
                   f"{version(['psql', '--version'])}; {version(['wrk', '-v'])}",
        "setup": "PostgreSQL with the demo data; gunicorn 2 workers, DJANGO_DEBUG off, Redis cache"
                 + (f"; {fault}" if fault else ""),
    })
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"{fault or 'Cache up'}: {result['requests']} requests in {result['seconds']:.0f} s: {result['rps']} req/s; latency p50 "
          f"{result['p50_ms']} ms, p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, max "
          f"{result['max_ms']} ms; errors {result['errors']} (connect {result['connect_errors']}, read "
          f"{result['read_errors']}, write {result['write_errors']}, timeouts {result['timeouts']}, "
          f"non-2xx/3xx {result['bad_status']}); server tracebacks {len(tracebacks)}. "
          f"Written to {path.relative_to(ROOT)} ({time.monotonic() - started:.0f} s)", flush=True)
    for sample in result["bad_samples"]:
        print(f"  {sample}", file=sys.stderr)
    return result["errors"] == 0 and not tracebacks


if __name__ == "__main__":
    sys.exit(main())
