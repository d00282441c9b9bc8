"""``/healthz``: may a load balancer send this app server traffic?

It answers 200 when the database answers a query and the cache answers (Redis, when
``REDIS_URL`` is set, a round trip to it; else the process's cache takes and gives back a
value), and 503 naming what failed otherwise ({"cache": "unavailable"} while Redis is down,
though the site keeps answering from each process's memory: tracker/cache.py), so that a load
balancer takes a server out when it cannot serve rather than when it already returns errors.

Decisions:
- It is a middleware placed first, not a view: load balancers probe app servers by address
  over plain http, with no ``Host`` the site knows and no TLS. The probe must not be refused by
  the host check (400) or redirected to https (301), and the other middleware has nothing to
  add to it.
- It says only "ok" or "unavailable" per component: no versions, counts or error texts, since
  anyone who can reach the server can ask.
- ``Cache-Control: no-store``: a probe must never be answered from a cache.
"""
import json
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

PATH = "/healthz"


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure to reach or query it means "unavailable"
        return False


def cache_ok():
    shared = getattr(cache, "shared_cache_ok", None)
    if shared is not None:  # Redis (tracker/cache.py): ask it, not the memory that stands in for it
        return shared()
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # a cache server that is down raises its client's connection error
        return False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        else:
            checks = {"database": database_ok(), "cache": cache_ok()}
            healthy = all(checks.values())
            body = {"status": "ok" if healthy else "unavailable",
                    **{name: "ok" if ok else "unavailable" for name, ok in checks.items()}}
            response = HttpResponse(json.dumps(body), content_type="application/json",
                                    status=200 if healthy else 503)
        response.headers["Cache-Control"] = "no-store"
        return response
