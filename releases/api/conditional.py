"""ETag / Last-Modified for the API, answered from one cheap query.

The version is the time of the latest write anywhere in the dataset: every editorial change
(admin, API, loader) writes a history row, deletions included, and ``updated_at`` covers
bulk writes that bypass history. One indexed MAX per table, in a single query, so a 304 costs
a fraction of building the response. A change anywhere invalidates every ETag: coarser than
per-record versions, but never stale (a release's JSON also changes when a person in it is
renamed or unpublished).
"""
import functools
import hashlib

from django.apps import apps
from django.db import connection
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework.response import Response

from releases.models import Party, Prisoner, ReleaseEvent, Source


@functools.cache
def _version_sql(vendor):
    """The version query for this database engine (built once per process, not per request)."""
    parts = []
    for model in apps.get_app_config("releases").get_models():
        table = connection.ops.quote_name(model._meta.db_table)
        if any(f.name == "history_date" for f in model._meta.concrete_fields):
            parts.append(f"SELECT MAX(history_date) AS v FROM {table}")
    for model in (ReleaseEvent, Prisoner, Party, Source):
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"SELECT MAX(updated_at) AS v FROM {table}")
    return "SELECT MAX(v) FROM (" + " UNION ALL ".join(parts) + ") AS versions"


def data_version():
    """When the dataset last changed (None for an empty database)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(connection.vendor))
        value = cursor.fetchone()[0]
    if isinstance(value, str):  # SQLite returns the text it stored
        value = parse_datetime(value)
    return value


def _etag(request, version):
    accept = request.accepted_media_type or ""
    key = f"{version.isoformat() if version else '-'}|{request.get_full_path()}|{accept}"
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def _not_modified(request, etag, version):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")] \
            or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and version is not None and int(version.timestamp()) <= since


def conditional_response(request, build):
    """Answer 304 if the client's copy is current, else ``build()`` with validators set."""
    version = data_version()
    etag = _etag(request, version)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if version is not None:
        headers["Last-Modified"] = http_date(version.timestamp())
    if _not_modified(request, etag, version):
        return Response(status=304, headers=headers)
    response = build()
    if response.status_code == 200:
        for name, value in headers.items():
            response[name] = value
    return response
