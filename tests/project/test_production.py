"""Production safety: `check --deploy` passes with production settings, every response carries
the security headers, passwords are hashed with Argon2, admin logins are throttled and
sessions expire.

The suite itself runs over plain http (DJANGO_INSECURE_HTTP=1, pytest.ini); the HTTPS settings
are read in fresh processes with a production environment, and switched on in-process (the
`https` fixture) where a response has to show them."""
import json
import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.management.utils import get_random_secret_key
from django.test import Client, RequestFactory
from django.utils import timezone

from tracker.login_throttle import client_address
from tests.support.factories import ReleaseEventFactory

PASSWORD = "correct horse battery staple"
HSTS_YEAR = 31536000


def run_in_a_fresh_process(args, **env):
    """Run `python <args>` in the project with only these DJANGO_* variables set."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return subprocess.run([sys.executable, *args], env={**clean, **env}, capture_output=True,
                          text=True, cwd=settings.BASE_DIR, timeout=120)


def production_env(**extra):
    return {"DJANGO_SECRET_KEY": get_random_secret_key(), "DJANGO_ALLOWED_HOSTS": "tracker.example",
            **extra}


def https_settings_in_a_fresh_process(**env):
    names = ["DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
             "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
             "SECURE_PROXY_SSL_HEADER", "TRUSTED_PROXY_COUNT", "SESSION_COOKIE_AGE"]
    code = ("import json; from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))")
    result = run_in_a_fresh_process(["-c", code], DJANGO_SETTINGS_MODULE="tracker.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- check --deploy and the HTTPS settings ------------------------------------------------------

def test_check_deploy_passes_with_production_settings():
    result = run_in_a_fresh_process(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_with_the_development_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = run_in_a_fresh_process(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_debug_off_is_https_only_by_default():
    assert https_settings_in_a_fresh_process(**production_env()) == {
        "DEBUG": False, "SECURE_SSL_REDIRECT": True, "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": HSTS_YEAR,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": None, "TRUSTED_PROXY_COUNT": 0, "SESSION_COOKIE_AGE": 8 * 3600,
    }


@pytest.mark.parametrize("switch", [{"DJANGO_INSECURE_HTTP": "1"}, {"DJANGO_DEBUG": "1"}])
def test_plain_http_switch_and_debug_turn_off_redirect_secure_cookies_and_hsts(switch):
    found = https_settings_in_a_fresh_process(**production_env(**switch))
    assert [found[n] for n in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
                               "SECURE_HSTS_SECONDS")] == [False, False, False, 0]


def test_behind_a_tls_proxy_trusts_its_forwarded_proto_and_address():
    found = https_settings_in_a_fresh_process(
        **production_env(DJANGO_BEHIND_TLS_PROXY="1", DJANGO_SESSION_COOKIE_AGE="3600")
    )
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["TRUSTED_PROXY_COUNT"] == 1
    assert found["SESSION_COOKIE_AGE"] == 3600


# --- headers on every response -----------------------------------------------------------------

@pytest.fixture
def https(settings):
    """The production HTTPS settings, for a client created after this fixture."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = HSTS_YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


@pytest.mark.django_db
@pytest.mark.parametrize("url, status", [
    ("/", 200),
    ("/api/v1/releases/", 200),
    ("/no-such-page/", 404),
    ("/api/v1/releases/999999/", 404),
    ("/api/v1/docs/", 200),
    ("/admin/login/", 200),
])
def test_every_response_carries_the_security_headers(https, url, status):
    response = Client().get(url, secure=True)
    assert response.status_code == status
    assert response.headers["Strict-Transport-Security"] == f"max-age={HSTS_YEAR}; includeSubDomains"
    assert response.headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(https):
    response = Client().get("/statistics/?country=BY")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/statistics/?country=BY"


def csp_directives():
    policy = Client().get("/no-such-page/").headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


@pytest.mark.django_db
def test_csp_allows_no_inline_or_foreign_script_or_style():
    directives = csp_directives()
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in source for sources in directives.values() for source in sources)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/", "/statistics/", "/api/v1/docs/", "/admin/login/", "/admin/", "/admin/releases/releaseevent/add/",
])
def test_pages_have_no_inline_script_or_style_attribute_the_csp_would_block(client, editor, url):
    ReleaseEventFactory(releasing_country="BY")  # so that the statistics draw a bar
    if url != "/admin/login/" and url.startswith("/admin/"):
        client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    if url == "/statistics/":
        assert 'class="hbar"' in html
    assert INLINE_SCRIPT.findall(html) == []
    assert STYLE_ATTRIBUTE.findall(html) == []


@pytest.mark.django_db
def test_swagger_ui_loads_its_init_script_from_a_url(client):
    html = client.get("/api/v1/docs/").content.decode()
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1)
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- passwords ---------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.usefixtures("production_password_hashers")  # Argon2, not the suite's MD5
def test_new_passwords_are_hashed_with_argon2():
    user = User.objects.create_user("hashed", password=PASSWORD)
    assert user.password.startswith("argon2")


@pytest.mark.django_db
@pytest.mark.usefixtures("production_password_hashers")  # Argon2, not the suite's MD5
def test_an_old_pbkdf2_hash_still_verifies_and_is_upgraded_to_argon2():
    user = User.objects.create(username="old", password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    assert user.check_password(PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2")


def test_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Xq7#kP2!vL9")
    validate_password("Xq7#kP2!vL9m")


# --- login throttling --------------------------------------------------------------------------

LOGIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return User.objects.create_user("staffer", password=PASSWORD, is_staff=True)


def admin_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def fail(client, username, times):
    for _ in range(times):
        response = admin_login(client, username, "wrong password, again")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()


def test_five_failures_refuse_even_the_right_password_with_429(client, staff):
    fail(client, "staffer", 5)
    response = admin_login(client, "staffer", PASSWORD)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "900"
    assert "Too many failed logins for this account or from this address. Try again in 15 minutes." \
        in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Every way of checking a password is throttled, not only the admin's form.
    assert client.login(username="staffer", password=PASSWORD) is False


def test_lockout_is_per_username_and_per_address(client, staff):
    """Keyed by each on its own: the locked username is refused from anywhere, the locked
    address for any username; another user from another address logs in."""
    User.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    fail(client, "staffer", 5)
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert admin_login(elsewhere, "colleague", PASSWORD).status_code == 302
    assert admin_login(Client(REMOTE_ADDR="198.51.100.8"), "staffer", PASSWORD).status_code == 429
    assert admin_login(client, "colleague", PASSWORD).status_code == 429


def test_failures_for_unknown_usernames_lock_the_address_too(client, staff):
    for name in ("a", "b", "c", "d", "e"):
        fail(client, name, 1)
    assert admin_login(client, "staffer", PASSWORD).status_code == 429


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # what our proxy saw; "1.2.3.4" is the client's say


def test_the_lockout_ends_after_the_window(client, staff, settings):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 1  # the cache entries really expire: no clock mocking
    fail(client, "staffer", 5)
    assert admin_login(client, "staffer", PASSWORD).status_code == 429
    time.sleep(1.5)
    assert admin_login(client, "staffer", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, staff):
    fail(client, "staffer", 4)
    assert admin_login(client, "staffer", PASSWORD).status_code == 302
    client.logout()
    fail(client, "staffer", 4)
    assert admin_login(client, "staffer", PASSWORD).status_code == 302


# --- sessions ----------------------------------------------------------------------------------

def test_admin_sessions_end_with_the_browser_and_after_eight_hours(https, staff):
    client = Client()
    response = client.post(LOGIN, {"username": "staffer", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert response.cookies[settings.CSRF_COOKIE_NAME]["secure"] is True
    # The server forgets the session after 8 hours even if the browser stays open.
    assert client.session.get_expire_at_browser_close() is True
    expires = Session.objects.get(session_key=cookie.value).expire_date
    assert abs(expires - (timezone.now() + timedelta(hours=8))) < timedelta(minutes=1)


def test_a_client_cannot_choose_its_rate_limit_address_with_x_forwarded_for(rf):
    from rest_framework.request import Request
    from rest_framework.throttling import AnonRateThrottle

    # Without a trusted proxy, the address is REMOTE_ADDR whatever the header says, so a
    # scraper cannot reset its anonymous rate limit by sending a new X-Forwarded-For.
    request = Request(rf.get("/api/v1/releases/", HTTP_X_FORWARDED_FOR="203.0.113.9",
                             REMOTE_ADDR="198.51.100.7"))
    assert AnonRateThrottle().get_ident(request) == "198.51.100.7"
