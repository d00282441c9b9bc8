"""ETag / Last-Modified for the API, answered from one cheap query.

The version is the time of the latest write anywhere in the dataset: every editorial change
(admin, API, loader) writes a history row, deletions included, and ``updated_at`` covers
bulk writes that bypass history. One indexed MAX per table, in a single query, so a 304 costs
a fraction of building the response. A change anywhere invalidates every ETag: coarser than
per-record versions, but never stale (a release's JSON also changes when a person in it is
renamed or unpublished).
"""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework.response import Response

from releases.web.freshness import request_changed_at


RESPONSE_KEY = "api-response:"


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


def conditional_response(request, build, cacheable=False):
    """Answer 304 if the client's copy is current, else ``build()`` with validators set.

    ``cacheable`` JSON answers are kept in the shared cache under their ETag (the data
    version, the URL and the format): reads are public whoever asks, so an answer is the
    same for everyone until the next write anywhere changes the version."""
    version = request_changed_at(request)
    etag = _etag(request, version)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if version is not None:
        headers["Last-Modified"] = http_date(version.timestamp())
    if _not_modified(request, etag, version):
        return Response(status=304, headers=headers)
    cacheable = cacheable and settings.API_RESPONSE_CACHE_SECONDS > 0 \
        and getattr(request.accepted_renderer, "format", None) == "json"
    if cacheable and (cached := cache.get(RESPONSE_KEY + etag)) is not None:
        content, content_type = cached
        return HttpResponse(content, content_type=content_type, headers=headers)
    response = build()
    if response.status_code == 200:
        for name, value in headers.items():
            response[name] = value
        if cacheable:
            response.add_post_render_callback(lambda rendered: cache.set(
                RESPONSE_KEY + etag, (rendered.content, rendered["Content-Type"]),
                settings.API_RESPONSE_CACHE_SECONDS))
    return response
