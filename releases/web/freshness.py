"""The data stamp: when the dataset last changed, from one cheap query; and values computed
from the data, cached until the stamp moves. (A record's own "version", which editors save
against, is something else: ``Publishable.version``.)

Every editorial change (admin, API, loader) writes a history row, deletions included, and
``updated_at`` covers bulk writes that bypass history: one indexed MAX per table, in a single
query. A change anywhere moves the stamp: coarser than per-record versions, but never
stale.
"""
import functools
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.dateparse import parse_datetime

from releases.models import Party, Prisoner, ReleaseEvent, Source


@functools.cache
def _stamp_sql(vendor):
    """The data stamp query for this database engine (built once per process, not per request)."""
    parts = []
    for model in apps.get_app_config("releases").get_models():
        table = connection.ops.quote_name(model._meta.db_table)
        if any(f.name == "history_date" for f in model._meta.concrete_fields):
            parts.append(f"SELECT MAX(history_date) AS v FROM {table}")
    for model in (ReleaseEvent, Prisoner, Party, Source):
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"SELECT MAX(updated_at) AS v FROM {table}")
    return "SELECT MAX(v) FROM (" + " UNION ALL ".join(parts) + ") AS versions"


def dataset_changed_at():
    """When the dataset last changed (None for an empty database)."""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(connection.vendor))
        value = cursor.fetchone()[0]
    if isinstance(value, str):  # SQLite returns the text it stored
        value = parse_datetime(value)
    return value


def request_changed_at(request):
    """The data stamp, read once per request."""
    if not hasattr(request, "_dataset_changed_at"):
        request._dataset_changed_at = dataset_changed_at()
    return request._dataset_changed_at


def cached_until_change(version, name, parameters, compute):
    """``compute()``, kept in the shared cache until the data ``version`` changes: for the
    aggregates behind the timeline and statistics, the same for every visitor."""
    if settings.API_RESPONSE_CACHE_SECONDS <= 0:
        return compute()
    raw = f"{name}|{version.isoformat() if version else '-'}|{parameters}"
    key = "by-version:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.API_RESPONSE_CACHE_SECONDS)
    return value


def cache_page_until_change(view):
    """A public page, kept whole until the data stamp changes: the same for every visitor
    (the pages show no per-user content), so only the first visitor after a write pays."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.API_RESPONSE_CACHE_SECONDS <= 0 or request.method != "GET":
            return view(request, *args, **kwargs)
        version = request_changed_at(request)
        raw = f"page|{version.isoformat() if version else '-'}|{request.get_full_path()}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        if (cached := cache.get(key)) is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), settings.API_RESPONSE_CACHE_SECONDS)
        return response
    return wrapper
