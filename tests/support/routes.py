"""Every route the URLconf has, as Django's resolver writes it."""
from django.urls import URLPattern, URLResolver


def walk_routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + (str(pattern.pattern).removeprefix("^") if prefix else str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            yield from walk_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route
