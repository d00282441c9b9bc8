"""The tracker served production-like on loopback, for the fuzzing and load stages
(bench/fuzz.py, bench/load.py): a fresh PostgreSQL database with the demo data, gunicorn with
DEBUG off and the Redis cache. Plain http (DJANGO_INSECURE_HTTP=1): nothing leaves 127.0.0.1.
"""
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG_BASE = os.environ.get("LOOPBACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("LOOPBACK_REDIS", "redis://127.0.0.1:6379/13")


def server_env(database, database_url=None, redis_url=None):
    """The server's environment: ``database`` on PostgreSQL and the Redis cache, each at its
    own address unless ``database_url`` or ``redis_url`` says another (a proxy's)."""
    env = {**os.environ, "DATABASE_URL": database_url or f"{PG_BASE}/{database}", "REDIS_URL": redis_url or REDIS,
           "DJANGO_INSECURE_HTTP": "1", "DJANGO_SECRET_KEY": "loopback-only-not-a-secret",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
           # Many requests a second from one address is the point of these runs, not abuse;
           # the rate limit itself is tested in tests/.
           "API_ANON_RATE": "100000000/minute"}
    env.pop("DJANGO_DEBUG", None)  # production-like: DEBUG off
    return env


def manage(database, *args, capture=False):
    result = subprocess.run([str(PY), "manage.py", *args], cwd=ROOT, env=server_env(database),
                            check=True, text=True, capture_output=capture)
    return result.stdout


def fresh_database(database):
    """Drop and recreate ``database``, migrate it and load the demo data."""
    psql = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *psql, "--if-exists", "--force", database], check=True)
    subprocess.run(["createdb", *psql, database], check=True)
    manage(database, "migrate", "--no-input", "-v0")
    manage(database, "load_demo_data", "-v0")


def empty_redis(url=REDIS):
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=3).flushdb()


def free_port(preferred):
    """``preferred`` if nothing listens there, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


@contextlib.contextmanager
def gunicorn(database, port, workers=2, log=None, access_log=False, database_url=None, redis_url=None):
    """gunicorn serving the tracker on 127.0.0.1:``port`` until the block ends; its errors
    (and with ``access_log`` every request) go to the file ``log``. ``database_url`` and
    ``redis_url``: reach them at another address (a fault-injection proxy's)."""
    empty_redis(redis_url or REDIS)
    out = open(log, "w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [str(GUNICORN), "tracker.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--no-control-socket", "--timeout", "120", "--access-logfile", "-" if log and access_log else "/dev/null"],
        cwd=ROOT, env=server_env(database, database_url, redis_url), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(150):
            if process.poll() is not None:
                sys.exit(f"gunicorn exited ({process.returncode}){f': see {log}' if log else ''}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit(f"gunicorn did not answer on port {port}")
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        if log:
            out.close()


def server_errors(log):
    """Tracebacks gunicorn's workers logged (a 500 anywhere), from its log file."""
    text = Path(log).read_text(errors="replace")
    return [block for block in text.split("Traceback (most recent call last):")[1:]]
