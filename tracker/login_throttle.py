"""Login throttling: too many failed logins for one username, or from one client address,
and further logins are refused for a while.

Counters live in Django's cache, which is Redis when REDIS_URL is set, so every app server
behind the load balancer counts the same failures. After settings.LOGIN_FAILURE_LIMIT
failures within settings.LOGIN_FAILURE_WINDOW_SECONDS (5 in 15 minutes by default) for a
username, or from an address, every login for it is refused, the right password included,
until the window has passed since the last failure. Refused attempts are not counted, so the
lock does not grow while someone keeps trying. A successful login clears both counters.

Keyed by username *and* by address, each on its own: the username counter stops slow
guessing at one editor's account from many addresses, the address counter stops one client
trying many usernames. Another user from another address is unaffected; another user from
the same address is refused too while that address is locked.

Enforced in the authentication backend, so every path that checks a password (the admin
login, test clients, any login view added later) is throttled; the admin's login form checks
first so the editor reads why, and the admin login view answers 429 with Retry-After.

Why not django-axes (well kept, the usual choice): it brings an app with its own tables and
migrations, a middleware, and a backend that refuses any authenticate() call made without a
request; its cache handler is an option among several. What we need is two cache counters
read and written where the password is checked — about a page of code on Django's own
cache, backend and form, with nothing to migrate.
"""
import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

KEY_PREFIX = "login-failures"
TOO_MANY_ATTEMPTS = "too_many_attempts"


def client_address(request):
    """The address the request came from: REMOTE_ADDR, or, behind settings.TRUSTED_PROXY_COUNT
    proxies, the X-Forwarded-For entry the outermost of them appended (earlier entries are
    whatever the client sent)."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR") or None


def failure_keys(request, username):
    """The cache keys of the counters this attempt is subject to (username, address)."""
    keys = []
    if username:
        digest = hashlib.sha256(str(username).casefold().encode()).hexdigest()
        keys.append(f"{KEY_PREFIX}:user:{digest}")
    address = client_address(request)
    if address:
        keys.append(f"{KEY_PREFIX}:addr:{address}")
    return keys


def is_locked_out(request, username):
    """True if the username or the client address has reached the failure limit."""
    counts = cache.get_many(failure_keys(request, username))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def record_failure(request, username):
    """Count one failed login against the username and the address; each counter lives until
    the window has passed since its last failure."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key in failure_keys(request, username):
        if cache.add(key, 1, window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, window)
        cache.touch(key, window)


def reset(request, username):
    """Forget the failures of this username and this address (after a successful login)."""
    cache.delete_many(failure_keys(request, username))


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, refusing (PermissionDenied: no other backend is tried) while the
    username or address is locked out, and counting its failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if is_locked_out(request, username):
            raise PermissionDenied("Too many failed logins")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username)
        else:
            reset(request, username)
        return user


def lockout_minutes():
    return max(1, round(settings.LOGIN_FAILURE_WINDOW_SECONDS / 60))


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, saying why a locked-out login is refused (instead of
    "incorrect password", which would send the editor on guessing)."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        TOO_MANY_ATTEMPTS: "Too many failed logins for this account or from this address. "
        "Try again in %(minutes)s minutes.",
    }

    def clean(self):
        if is_locked_out(self.request, self.cleaned_data.get("username")):
            raise ValidationError(
                self.error_messages[TOO_MANY_ATTEMPTS],
                code=TOO_MANY_ATTEMPTS,
                params={"minutes": lockout_minutes()},
            )
        return super().clean()
