"""The shared cache: with REDIS_URL, every app server reads and writes one Redis, so a page is
built once for all of them and a client's rate limit counts its requests to any of them.

The suite's PostgreSQL pass runs with REDIS_URL set (bin/dev test), so every cache path of the
whole suite runs on Redis there; the tests below that need Redis are skipped without it."""
import importlib

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from tests.support import factories as f

uses_redis = "redis" in settings.CACHES["default"]["BACKEND"].lower()
needs_redis = pytest.mark.skipif(not uses_redis, reason="REDIS_URL not set (the PostgreSQL pass sets it)")


def cache_settings(monkeypatch, **env):
    """The CACHES setting the settings module builds from this environment."""
    import tracker.settings as module

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        return importlib.reload(module).CACHES
    finally:
        monkeypatch.undo()
        importlib.reload(module)


def test_redis_url_selects_the_shared_cache(monkeypatch):
    cache = cache_settings(monkeypatch, REDIS_URL="redis://10.0.0.5:6379/2")["default"]
    assert cache["BACKEND"] == "tracker.cache.FailSoftRedisCache"  # Redis, failing soft (tests/project/test_cache_faults.py)
    assert cache["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    assert cache["LOCATION"] == "redis://10.0.0.5:6379/2" and cache["KEY_PREFIX"]


def test_without_redis_url_the_cache_is_per_process(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert cache_settings(monkeypatch)["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def another_app_server():
    """A second cache client with its own connections, as another process has."""
    return caches.create_connection("default")


@needs_redis
def test_a_page_built_by_one_server_is_served_by_another(client, db):
    release = f.ReleaseEventFactory(title="Built once")
    url = f"/api/v1/releases/{release.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    other = another_app_server()
    from releases.api.conditional import RESPONSE_KEY

    content, content_type = other.get(RESPONSE_KEY + first["ETag"])
    assert content == first.content and content_type == "application/json"


@needs_redis
@override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK,
                                   "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}})
def test_the_anonymous_rate_limit_counts_requests_to_every_server(client, db):
    from rest_framework.throttling import AnonRateThrottle

    # The rates to put back: settings.REST_FRAMEWORK is this test's override until it returns.
    rates = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {"anon": "3/minute"}
    try:
        codes = [client.get("/api/v1/parties/").status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        history = another_app_server().get("throttle_anon_127.0.0.1")
        assert len(history) == 3, "the throttle's history is in Redis, where every server reads it"
        assert client.get("/api/v1/parties/").status_code == 429
    finally:
        AnonRateThrottle.THROTTLE_RATES = rates
