"""Fault injection, as an operator would meet it: gunicorn in production settings (DEBUG off, two
workers, ``DJANGO_CONN_MAX_AGE`` at its default) reaching PostgreSQL and Redis through TCP
proxies (bench/tcp_proxy.py) that the test kills and restarts. Loopback only, bounded (about
30 s). The load stage does the cache half under load (bench/load.py --kill-cache-at).

1. Redis killed: every public page and API read answers 200, /healthz says the cache is
   unavailable, an editor's write goes through; Redis back: the write shows everywhere.
2. PostgreSQL killed: every answer that needs it is a 503 with Retry-After, in the site's layout
   (pages, the feed), the API's JSON error format, or the admin's look; never a 500.
3. PostgreSQL back: every request succeeds, the first one of each worker included, also
   when it restarted between two requests (each worker's kept connection died unseen).
"""
import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from django.conf import settings

from bench import loopback
from bench.tcp_proxy import TcpProxy

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif("redis" not in settings.CACHES["default"]["BACKEND"].lower(),
                       reason="REDIS_URL not set (the PostgreSQL pass sets it)"),
]
DATABASE = os.environ.get("FAULTS_DATABASE", "release_tracker_faults")
REDIS_DB = 11  # the suite's own is 15 (down by one per xdist worker), fuzzing 13, load 12
ADMIN = "/" + settings.ADMIN_PATH


def fetch(base, path, method="GET", body=None, headers=None, opener=None):
    """(status, headers, body text) of one request; never raises for an HTTP status."""
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def urls_of(base):
    """Every kind of public answer, with ids read from the API."""
    def first_id(resource):
        return json.loads(fetch(base, f"/api/v1/{resource}/")[2])["results"][0]["id"]

    ids = {resource: first_id(resource) for resource in ("releases", "prisoners", "parties", "sources", "citations")}
    pages = ["/", "/?country=BY", "/statistics/", "/statistics/?table=months&format=csv", "/feed/",
             f"/releases/{ids['releases']}/", f"/people/{ids['prisoners']}/", f"/parties/{ids['parties']}/",
             f"/sources/{ids['sources']}/"]
    api = ["/api/v1/releases/?q=Tsikhanouski", "/api/v1/releases/?format=csv", "/api/v1/withdrawals/",
           *[f"/api/v1/{resource}/" for resource in ids], *[f"/api/v1/{r}/{pk}/" for r, pk in ids.items()]]
    return pages, api


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pg_port = int(loopback.PG_BASE.rsplit(":", 1)[1])
    redis_base = loopback.REDIS.rsplit("/", 1)[0]
    redis_port = int(redis_base.rsplit(":", 1)[1])
    loopback.fresh_database(DATABASE)
    token = loopback.manage(DATABASE, "ensure_api_editor", "faults-editor", capture=True).strip().splitlines()[-1]
    log = tmp_path_factory.mktemp("faults") / "gunicorn.log"
    with TcpProxy(pg_port) as postgres, TcpProxy(redis_port) as redis:
        port = loopback.free_port(8773)
        with loopback.gunicorn(DATABASE, port, log=log,
                               database_url=f"postgres://postgres@127.0.0.1:{postgres.port}/{DATABASE}",
                               redis_url=f"redis://127.0.0.1:{redis.port}/{REDIS_DB}"):
            yield {"base": f"http://127.0.0.1:{port}", "postgres": postgres, "redis": redis, "token": token,
                   "log": log}


def statuses(base, paths, rounds=1):
    """Each path's statuses over ``rounds``, four at a time so that both workers serve."""
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda p: (p, fetch(base, p)[0]), [p for _ in range(rounds) for p in paths]))
    by_path = {}
    for path, status in found:
        by_path.setdefault(path, set()).add(status)
    return by_path


def test_the_site_survives_its_cache_and_its_database_going_away(server):
    base = server["base"]
    pages, api = urls_of(base)
    everything = pages + api
    assert all(codes == {200} for codes in statuses(base, everything, rounds=2).values())

    # 1. The cache goes away: every answer as usual, the probe says why, writes go through.
    server["redis"].kill()
    assert all(codes == {200} for codes in statuses(base, everything, rounds=2).values()), \
        statuses(base, everything)
    status, _, body = fetch(base, "/healthz")
    assert (status, json.loads(body)) == (503, {"status": "unavailable", "database": "ok", "cache": "unavailable"})
    release = api[-5].rsplit("/", 2)[-2]  # the release detail's id
    write = fetch(base, f"/api/v1/releases/{release}/", "PATCH", json.dumps({"title": "Renamed in the outage"}).encode(),
                  {"Authorization": f"Token {server['token']}", "Content-Type": "application/json"})
    assert write[0] == 200, write[2][:300]

    # The cache comes back: nothing stale, on either worker.
    server["redis"].start()
    for path in (f"/api/v1/releases/{release}/", f"/releases/{release}/"):
        for _ in range(4):
            status, _, body = fetch(base, path)
            assert status == 200 and "Renamed in the outage" in body, path

    # 2. The database goes away: 503 with Retry-After, never a 500, in each face's own form.
    server["postgres"].kill()
    found = statuses(base, everything, rounds=2)
    assert all(codes == {503} for codes in found.values()), found
    for path in pages:
        status, headers, body = fetch(base, path)
        assert (status, headers["Retry-After"]) == (503, "30"), path
        assert "Temporarily unavailable" in body and "Release Tracker" in body and "<main" in body, path
    for path in api:
        status, headers, body = fetch(base, path)
        assert (status, headers["Retry-After"], headers["Content-Type"]) == (503, "30", "application/json"), path
        assert "database is unavailable" in json.loads(body)["detail"], path
    status, _, body = fetch(base, "/healthz")
    assert (status, json.loads(body)["database"]) == (503, "unavailable")
    # An editor logging in: the admin's own page says the database is unavailable.
    jar = CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, _, form = fetch(base, f"{ADMIN}login/", opener=browser)
    assert status == 200  # the login form needs no database
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    status, headers, body = fetch(
        base, f"{ADMIN}login/", "POST", f"csrfmiddlewaretoken={token}&username=someone&password=x".encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{base}{ADMIN}login/"}, opener=browser)
    assert (status, headers["Retry-After"]) == (503, "30")
    assert "Database unavailable" in body and "Nothing you sent was saved" in body

    # 3. The database comes back: not one failed request, whichever worker answers.
    server["postgres"].start()
    found = statuses(base, everything, rounds=3)
    assert all(codes == {200} for codes in found.values()), found

    # 4. The database restarts between two requests (a failover): each worker's kept connection
    # is dead, and is checked before reuse instead of failing the next request.
    server["postgres"].kill()
    server["postgres"].start()
    found = statuses(base, everything, rounds=2)
    assert all(codes == {200} for codes in found.values()), found

    log = server["log"].read_text()
    assert "Traceback" not in log, log[-3000:]
    assert 1 <= log.count("Database unavailable (") <= 2, "logged once per worker, not once per request"
    assert 1 <= log.count("Shared cache unreachable (") <= 2
