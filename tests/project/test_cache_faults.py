"""The shared cache going away costs speed, not availability (tracker/cache.py).

Real faults on loopback, no mock: Redis's address pointing at a closed port (refused), at a
socket that accepts and never answers (hung), and, where the suite has Redis (its PostgreSQL
pass), a TCP proxy in front of it killed and restarted (bench/tcp_proxy.py).
tests/project/test_faults.py does the same to gunicorn in production settings, PostgreSQL too.
"""
import logging
import signal
import socket
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, override_settings
from rest_framework.throttling import AnonRateThrottle

from bench.tcp_proxy import TcpProxy
from releases import models as m
from tests.support.api import script
from tracker import cache as fail_soft

uses_redis = "redis" in settings.CACHES["default"]["BACKEND"].lower()


def shared_cache_at(location):
    return override_settings(CACHES={"default": {
        "BACKEND": "tracker.cache.FailSoftRedisCache", "LOCATION": location, "KEY_PREFIX": "faults",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}})


@pytest.fixture(autouse=True)
def fresh_outage_state():
    """Each test starts with every shared cache believed up (the state is per process)."""
    fail_soft._outages.clear()
    yield
    fail_soft._outages.clear()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


@pytest.fixture
def refused(closed_port):
    """The shared cache's address refuses connections, as when Redis is down."""
    with shared_cache_at(f"redis://127.0.0.1:{closed_port}/0"):
        yield


@pytest.fixture
def hung():
    """The shared cache accepts connections and never answers, as a wedged Redis would; the
    fixture's value counts the connections it accepted."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    with shared_cache_at(f"redis://127.0.0.1:{listener.getsockname()[1]}/0"):
        yield accepted
    listener.close()
    for connection in accepted:
        connection.close()


def public_urls():
    """Every public page and API read of the demo data: lists, a detail of each kind, the
    feed, statistics, the schema."""
    release = m.ReleaseEvent.objects.published().order_by("pk").first()
    person = m.Prisoner.objects.published().order_by("pk").first()
    party = m.Party.objects.published().order_by("pk").first()
    source = m.Source.objects.published().order_by("pk").first()
    api = "/api/v1/"
    citation = Client().get(f"{api}citations/").json()["results"][0]["id"]
    return [
        "/", "/?country=BY", "/statistics/", "/statistics/?table=months&format=csv", "/feed/",
        release.get_absolute_url(), person.get_absolute_url(), party.get_absolute_url(),
        source.get_absolute_url(),
        api, f"{api}releases/", f"{api}releases/?q=Tsikhanouski", f"{api}releases/?format=csv",
        f"{api}releases/{release.pk}/", f"{api}prisoners/", f"{api}prisoners/{person.pk}/",
        f"{api}parties/", f"{api}parties/{party.pk}/", f"{api}sources/", f"{api}sources/{source.pk}/",
        f"{api}citations/", f"{api}citations/{citation}/", f"{api}withdrawals/", f"{api}schema/",
    ]


def test_with_the_cache_refused_every_public_page_and_api_read_answers_200(demo, refused, caplog):
    client = Client(raise_request_exception=False)
    caplog.set_level(logging.WARNING, logger="tracker.cache")
    urls = public_urls()
    for _ in range(2):  # built, then built again: nothing was kept in Redis, the memory serves
        answers = {url: client.get(url).status_code for url in urls}
        assert set(answers.values()) == {200}, answers
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
    # Logged once for the whole run (once per minute), with the reason, not once per request.
    warnings = [r.getMessage() for r in caplog.records if r.name == "tracker.cache"]
    assert len(warnings) == 1 and "Connection refused" in warnings[0], warnings


def test_a_hung_cache_costs_one_bounded_wait_not_one_per_request(demo, hung):
    client = Client(raise_request_exception=False)

    def hung_up(signum, frame):
        raise AssertionError("a request hung on the cache")

    # Without the socket timeouts the first cache read would never return: a guard, not a benchmark.
    previous = signal.signal(signal.SIGALRM, hung_up)
    signal.alarm(60)
    try:
        codes = {url: client.get(url).status_code for url in public_urls()}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert set(codes.values()) == {200}, codes
    # After the first timeout the process stops asking for RETRY_SECONDS: one wait, not 24.
    assert len(hung) == 1, len(hung)


def test_the_rate_limit_still_counts_per_process_with_the_cache_down(db, refused, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    client = Client()
    assert [client.get("/api/v1/parties/").status_code for _ in range(4)] == [200, 200, 200, 429]


PASSWORD = "a-long-enough-Passw0rd"


def test_login_throttling_still_locks_out_with_the_cache_down(db, refused):
    User.objects.create_user("staffer", password=PASSWORD, is_staff=True)
    client = Client()
    login = f"/{settings.ADMIN_PATH}login/"
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert client.post(login, {"username": "staffer", "password": "wrong, again"}).status_code == 200
    # Counted in this process's memory: the right password is refused as with Redis up.
    response = client.post(login, {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 429 and "Too many failed logins" in response.content.decode()


@pytest.mark.skipif(not uses_redis, reason="REDIS_URL not set (the PostgreSQL pass sets it)")
def test_a_write_during_an_outage_is_shown_once_the_cache_is_back(demo, editor):
    """Redis behind a proxy: answers cached in Redis, Redis killed, a release renamed, Redis
    back: every answer shows the new name (keys hold the data stamp, nothing stale)."""
    redis_url = settings.CACHES["default"]["LOCATION"]
    host_port, database = redis_url.removeprefix("redis://").rsplit("/", 1)
    host, port = host_port.rsplit(":", 1)
    release = m.ReleaseEvent.objects.published().order_by("pk").first()
    urls = [release.get_absolute_url(), f"/api/v1/releases/{release.pk}/", "/api/v1/releases/", "/"]
    reader = Client(raise_request_exception=False)
    with TcpProxy(int(port), host) as proxy, shared_cache_at(f"redis://127.0.0.1:{proxy.port}/{database}"):
        cache.clear()
        assert all(reader.get(url).status_code == 200 for url in urls)  # now kept in Redis
        assert reader.get("/healthz").status_code == 200

        proxy.kill()
        response = script(editor).patch(f"/api/v1/releases/{release.pk}/", {"title": "Renamed in the outage"},
                                        format="json")
        assert response.status_code == 200, response.content
        assert reader.get("/healthz").json()["cache"] == "unavailable"
        for url in urls:
            assert "Renamed in the outage" in reader.get(url).content.decode(), url

        proxy.start()
        fail_soft._outages.clear()  # don't wait RETRY_SECONDS for the next try
        assert reader.get("/healthz").status_code == 200
        for url in urls:
            response = reader.get(url)
            assert response.status_code == 200 and "Renamed in the outage" in response.content.decode(), url
        cache.clear()
