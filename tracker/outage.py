"""The database is unreachable: answer 503 with ``Retry-After``, never a 500.

A client or a crawler must be able to tell an outage from a bug and know when to come back.
While the database cannot be reached (a connection refused, dropped or timed out: Django's
``OperationalError`` or ``InterfaceError``), every request that needs it is answered with

- 503 and ``Retry-After: settings.DATABASE_RETRY_AFTER_SECONDS`` (30 by default);
- under ``/api/``: the API's error format, ``{"detail": "..."}`` in JSON;
- in the admin: a page in the admin's look saying the database is unavailable and that
  nothing was saved;
- elsewhere (pages, the feed): a page in the site's layout saying so.

The answer is built without the database (no navigation links from it, no user) and logged
once per ``LOG_SECONDS``, not once per request, so an outage neither fills the log nor writes a
traceback per request.

Two ways in, one answer:
- ``DatabaseUnavailableMiddleware.process_exception``: an error raised by a view or while its
  template renders (nearly every case), in any mode (DEBUG too).
- ``server_error`` (handler500): one raised by another middleware (a session saved after the
  view), where Django would otherwise answer its 500 page.

Decision: a cached copy of the page is not served during an outage. Cached answers are keyed
by the data stamp, which is read from the database; without it the tracker cannot tell whether
a copy is current, and a reader must not take an old count of released people for today's.
After the outage the kept connections are checked before reuse (``CONN_HEALTH_CHECKS``), so
the first request reconnects instead of failing.
"""
import json
import logging
import sys
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger("tracker.outage")

OUTAGE_ERRORS = (OperationalError, InterfaceError)
LOG_SECONDS = 60.0
API_PREFIX = "/api/"
MESSAGE = "The database is unavailable; try again in {seconds} seconds."
WRITE_MESSAGE = "The database is unavailable. Nothing you sent was saved; try again in {seconds} seconds."

_log_lock = threading.Lock()
_logged_at = None


def log_once_per_interval(error):
    global _logged_at
    now = time.monotonic()
    with _log_lock:
        if _logged_at is not None and now - _logged_at < LOG_SECONDS:
            return
        _logged_at = now
    logger.error("Database unavailable (%s: %s): answering 503", type(error).__name__, str(error).strip())


def unavailable(request, error):
    """The 503 for ``request`` while the database is unreachable."""
    log_once_per_interval(error)
    seconds = settings.DATABASE_RETRY_AFTER_SECONDS
    message = (MESSAGE if request.method in ("GET", "HEAD", "OPTIONS") else WRITE_MESSAGE).format(seconds=seconds)
    if request.path.startswith(API_PREFIX):
        response = HttpResponse(json.dumps({"detail": message}), content_type="application/json", status=503)
    else:
        admin = request.path.startswith("/" + settings.ADMIN_PATH)
        template = "admin/database_unavailable.html" if admin else "503.html"
        context = {"message": message, "seconds": seconds, "nav_pages": (), "nav_collections": ()}
        if admin:
            from django.contrib import admin as admin_module

            site = admin_module.site
            context.update(site_header=site.site_header, site_title=site.site_title,
                           title="Database unavailable", has_permission=False, is_nav_sidebar_enabled=False)
        response = HttpResponse(render_to_string(template, context), status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # logged above, once per interval
    return response


class DatabaseUnavailableMiddleware:
    """Answers an unreachable database raised by a view or its template with ``unavailable``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return unavailable(request, exception)
        return None


def server_error(request):
    """handler500: the outage answer if the error in flight is an unreachable database,
    else Django's own 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE_ERRORS):
        return unavailable(request, error)
    return defaults.server_error(request)
