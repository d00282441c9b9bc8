"""/healthz: what a load balancer probes, by address, over plain http."""
import socket

import pytest
from django.core.cache import caches
from django.test import Client


@pytest.fixture
def production(settings):
    """HTTPS-only, with a public host name, as in production."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    return settings


@pytest.mark.django_db
def test_a_healthy_server_answers_200_to_a_probe_by_address_over_plain_http(production):
    # An unknown Host would be a 400 and plain http a 301 anywhere else on the site.
    assert Client().get("/", HTTP_HOST="10.0.0.7").status_code == 400
    response = Client().get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_an_unreachable_cache_makes_it_503_naming_the_cache(production):
    production.CACHES = {"default": {
        "BACKEND": "tracker.cache.FailSoftRedisCache",  # as production has it
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    try:
        response = Client().get("/healthz")
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
    finally:
        caches["default"].close()


@pytest.mark.django_db
def test_it_answers_get_and_head_only():
    assert Client().head("/healthz").status_code == 200
    response = Client().post("/healthz")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"


def test_a_path_that_only_starts_like_it_is_the_site_s(client, db):
    assert client.get("/healthz/extra").status_code == 404
