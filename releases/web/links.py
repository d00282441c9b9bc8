"""Links to records by id, without a full ``reverse()`` per link.

A page of 50 nested releases holds about a thousand links (each release, person, party,
citation and source has its page and its API address). Django's ``reverse()`` matches the URL
patterns on every call, which was a quarter of a cold API page; here each route is reversed
once per process (and per script prefix) and the id is put into the result.
"""
import functools

from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = 9081726354  # an id no route contains otherwise, replaced by the real one


@functools.lru_cache(maxsize=64)
def _template(view_name, script_prefix, urlconf):
    path = reverse(view_name, args=[_MARK], urlconf=urlconf)
    before, after = path.split(str(_MARK))
    return before, after


def path_to(view_name: str, pk: int) -> str:
    """``reverse(view_name, args=[pk])`` for a route whose only argument is an integer id."""
    before, after = _template(view_name, get_script_prefix(), get_urlconf())
    return f"{before}{int(pk)}{after}"


def absolute(request, path: str) -> str:
    """``request.build_absolute_uri(path)`` for a path, with the scheme and host worked out
    once per request rather than once per link."""
    root = getattr(request, "_absolute_root", None)
    if root is None:
        root = request._absolute_root = request.build_absolute_uri("/").removesuffix("/")
    return root + path
