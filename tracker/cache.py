"""The shared cache (Redis), failing soft: losing it costs speed, never availability.

Django's ``RedisCache`` raises its client's error on every call while Redis is unreachable,
and every page or API answer that reads the cache became a 500. ``FailSoftRedisCache`` is that
backend with one rule added: **while the shared cache cannot be reached, each process uses
its own memory instead** (Django's ``LocMemCache``, the tracker's cache when ``REDIS_URL`` is
unset), and goes back to Redis once it answers again.

What that means for each use of the cache:

- Cached answers and pages (``releases/web/freshness.py``, ``releases/api/conditional.py``)
  are built as if the cache were cold. Their keys hold the data stamp, which is read from the
  database on every request, so no answer kept before, during or after an outage is ever
  served once the data has changed: nothing stale when Redis comes back.
- Rate limits (DRF's throttles) and login throttling (``tracker/login_throttle.py``) keep
  counting, each process on its own: with W processes, a client gets at most W times its
  limit, never an unlimited number. Counts made during the outage are not carried back to
  Redis; counts kept in Redis before it are there again when it returns.

Decisions:
- **Short timeouts** (``REDIS_CONNECT_TIMEOUT``, ``REDIS_SOCKET_TIMEOUT``: 0.5 s each by
  default): a hung Redis costs a request at most about a second, never a worker.
- **A pause after a failure**: once a call fails, the process does not try Redis again for
  ``RETRY_SECONDS``; one request in that interval pays the timeout, not every request.
- **Logged once per interval** (``LOG_SECONDS``), with the error, and once when Redis is back,
  so that an outage is visible without filling the log.
- Which errors: any Redis client error and any socket error (refused, reset, timed out,
  unknown host). A value that cannot be unpickled is not an outage and is raised as before.
- ``/healthz`` asks Redis itself (``shared_cache_ok``), not the fallback: a load balancer and an
  operator see "cache unavailable" while the site keeps answering.
"""
import logging
import threading
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("tracker.cache")

RETRY_SECONDS = 5.0
LOG_SECONDS = 60.0
OUTAGE_ERRORS = (redis.exceptions.RedisError, OSError)


class Outage:
    """Whether one process may try the shared cache now, and what it has logged; shared by
    the threads of a process (Django makes one cache object per thread)."""

    def __init__(self, location):
        self.location = location
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0
        self.logged_at = None

    def may_try(self):
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        now = time.monotonic()
        with self.lock:
            if self.down_since is None:
                self.down_since = now
            self.retry_at = now + RETRY_SECONDS
            if self.logged_at is None or now - self.logged_at >= LOG_SECONDS:
                self.logged_at = now
                logger.warning("Shared cache unreachable (%s: %s); this process uses its own memory "
                               "until it answers again", type(error).__name__, error)

    def succeeded(self):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                logger.warning("Shared cache back after %.0f s", time.monotonic() - self.down_since)
                self.down_since, self.logged_at = None, None


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_of(location):
    with _outages_lock:
        return _outages.setdefault(location, Outage(location))


def _fail_soft(name):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)
    method.__name__ = name
    return method


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = outage_of(str(server))
        # One memory cache per process and location: LocMemCache instances of one name share it.
        self.fallback = LocMemCache(f"fail-soft:{server}", {
            "TIMEOUT": params.get("TIMEOUT", 300), "KEY_PREFIX": params.get("KEY_PREFIX", ""),
            "OPTIONS": {"MAX_ENTRIES": 5000}})

    def _call(self, name, *args, **kwargs):
        if self.outage.may_try():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except OUTAGE_ERRORS as error:
                self.outage.failed(error)
            else:
                self.outage.succeeded()
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    # Every call of Django's cache API goes through _call (decr and get_or_set use these).
    add = _fail_soft("add")
    get = _fail_soft("get")
    set = _fail_soft("set")
    touch = _fail_soft("touch")
    delete = _fail_soft("delete")
    get_many = _fail_soft("get_many")
    has_key = _fail_soft("has_key")
    incr = _fail_soft("incr")
    set_many = _fail_soft("set_many")
    delete_many = _fail_soft("delete_many")

    def clear(self):
        self.fallback.clear()
        return self._call("clear")

    def shared_cache_ok(self):
        """Whether Redis itself answers now (for /healthz): a round trip, no fallback."""
        try:
            self._cache.get_client(write=True).ping()
        except OUTAGE_ERRORS as error:
            self.outage.failed(error)
            return False
        self.outage.succeeded()
        return True
