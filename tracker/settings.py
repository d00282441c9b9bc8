"""Settings for the release tracker: one file, read from the environment.

Safe defaults: DEBUG is off unless DJANGO_DEBUG is set, the database is an SQLite file
unless DATABASE_URL names another (PostgreSQL in production), and with DEBUG off the site
is HTTPS-only (redirect, secure cookies, HSTS) unless DJANGO_INSECURE_HTTP says otherwise.
"""
from pathlib import Path
import os
import warnings

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# Without DJANGO_SECRET_KEY a fixed development key is used; its "django-insecure-" prefix
# makes `manage.py check --deploy` fail, so it cannot slip into production unnoticed.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

# HTTPS. With DEBUG off every request is redirected to https, cookies are sent over https only
# and browsers are told (HSTS) never to use plain http for this host. DJANGO_INSECURE_HTTP=1
# turns all three off, for serving plain http on loopback (a local production-like run, the
# test suite: see pytest.ini); DEBUG implies it, so `bin/dev serve` works on http://127.0.0.1.
INSECURE_HTTP = DEBUG or env_bool("DJANGO_INSECURE_HTTP")
SECURE_SSL_REDIRECT = not INSECURE_HTTP
SESSION_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_SECURE = not INSECURE_HTTP
# One year by default; lower it (e.g. 3600) while first moving a host to HTTPS, since browsers
# remember it. Subdomains of the tracker's own host are included; preloading is a commitment
# for the whole registrable domain (hstspreload.org), so it is only sent when asked for.
SECURE_HSTS_SECONDS = 0 if INSECURE_HTTP else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# Behind a TLS-terminating proxy (nginx, a load balancer) the app sees plain http; trust the
# proxy's X-Forwarded-Proto only when told that one is there, since a client could send it too.
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django has no CSP of its own (before 6.0): tracker.middleware.ContentSecurityPolicyMiddleware
# sends this one. No inline script or style anywhere; the Swagger UI loads its init script
# from a URL (SpectacularSwaggerSplitView) for this reason.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
# security.W021 asks for HSTS preload; not preloading is the deliberate default above.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Editors' sessions end when the browser closes and, at the latest, after 8 hours.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (tracker/login_throttle.py): after this many failed logins for one
# username, or from one client address, within the window, logins are refused until it ends.
LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("DJANGO_LOGIN_FAILURE_WINDOW_SECONDS", "900"))
# How many proxies in front of the app append to X-Forwarded-For; the client address is the
# one the outermost of them saw. 0 (no proxy): REMOTE_ADDR, and X-Forwarded-For is ignored.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if BEHIND_TLS_PROXY else "0")
)

INSTALLED_APPS = [
    "tracker.apps.TrackerAdminConfig",  # django.contrib.admin with the tracker's AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # pg_trgm lookups for name search; inert on SQLite
    "django_countries",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "releases",
]

MIDDLEWARE = [
    # /healthz for load balancers: before the host check and the https redirect (tracker/health.py).
    "tracker.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tracker.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost, so that its 503 for an unreachable database passes through all of the above.
    "tracker.outage.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "releases.web.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A kept connection is checked (is it still usable?) before a request reuses it, so the
        # first request after the database restarts or fails over reconnects instead of failing.
        conn_health_checks=True,
    )
}
# While the database cannot be reached, pages, the feed and the API answer 503 with this
# Retry-After (seconds) instead of a 500 (tracker/outage.py).
DATABASE_RETRY_AFTER_SECONDS = int(os.environ.get("DATABASE_RETRY_AFTER_SECONDS", "30"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two admin saves at once on SQLite: each transaction read first and then tried to write,
    # and the second writer got "database is locked" (a 500) instead of waiting. IMMEDIATE takes
    # the write lock when the transaction begins, so a second writer waits (up to 20 s) and then
    # sees the first one's change: the edit-conflict check refuses it like on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The model backend, refusing logins for a username or address with too many recent failures.
AUTHENTICATION_BACKENDS = ["tracker.login_throttle.ThrottledModelBackend"]

# Argon2 for new and changed passwords; the PBKDF2 hashers stay so that existing hashes still
# verify (and are upgraded to Argon2 at the user's next login).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

# Every account is an editor's (staff): 12 characters at least.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The date formats editors may type (ISO, day first with dots; never slashes): tracker/formats/.
FORMAT_MODULE_PATH = ["tracker.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Plain storage by default (works without collectstatic, also under tests);
    # production sets DJANGO_STATIC_MANIFEST=1 after running collectstatic.
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Local runs and tests serve static files through the finders; only production collects
# them into STATIC_ROOT, so WhiteNoise's warning about a missing STATIC_ROOT is noise here.
WHITENOISE_USE_FINDERS = DEBUG
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# The API: JSON in (no form parsing), JSON/CSV out, tokens for editors' scripts,
# anonymous clients rate-limited (429 with Retry-After).
# The cache holds API answers under their ETag (see releases/api/conditional.py), whole public
# pages and aggregates under the data stamp (releases/web/freshness.py), and the rate limits.
# Per process by default; with REDIS_URL (e.g. redis://10.0.0.5:6379/0) it is Redis, shared by
# every app server behind a load balancer, so a page is built once for all of them and a
# client's rate limit counts its requests to any of them.
# If Redis becomes unreachable, each process uses its own memory until it is back, and the site
# keeps answering (tracker/cache.py); the timeouts (seconds) bound what a hung Redis costs.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "tracker.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "release-tracker"),
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long a JSON answer is kept (seconds; 0 turns the response cache off). A write anywhere
# changes the data stamp, and with it every key, so this only bounds memory, not staleness.
API_RESPONSE_CACHE_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_SECONDS", "600"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["releases.api.permissions.ReadOnlyOrEditor"],
    "DEFAULT_PARSER_CLASSES": ["releases.api.parsers.SafeJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "releases.api.negotiation.FormatFirstNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "releases.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "releases.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Whose X-Forwarded-For entry identifies an anonymous client for the rate limit: the same
    # trusted proxies as the login throttle (0: REMOTE_ADDR only, so a client cannot pick
    # its own address by sending the header).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Release Tracker API",
    "DESCRIPTION": "Political-prisoner releases: who was released, when, how, through whom, "
    "to where, and according to whom. Read anonymously; editors write with a personal token.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One named enum per choice set, shared by every field that uses it.
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "django_countries.countries",
        "LanguageEnum": "django.conf.global_settings.LANGUAGES",
        "DatePrecisionEnum": "releases.models.DatePrecision",
        "ReleaseKindEnum": "releases.models.ReleaseKind",
        "PartyKindEnum": "releases.models.PartyKind",
        "SourceKindEnum": "releases.models.SourceKind",
        "PublicationStatusEnum": "releases.models.PublicationStatus",
        "PrisonerStatusEnum": "releases.models.PrisonerStatus",
        "ClaimKindEnum": "releases.models.ClaimKind",
        "PartyRoleKindEnum": "releases.models.PartyRoleKind",
        "ConcessionStatusEnum": "releases.models.ConcessionStatus",
        "NameLanguageEnum": "releases.models.NameLanguage",
        "ScriptEnum": "releases.models.Script",
        "RomanizationEnum": "releases.models.Romanization",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "releases.api.schema.document_error_responses",
    ],
}

# Where the admin lives; configurable so it is not at a guessable address in production.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

SIMPLE_HISTORY_REVERT_DISABLED = False
# A history row's reason is text of any length: reasons name records and files ("Merged #12
# (<name>) into #7 (<name>)", "Imported from <file name>"), and a 100-character column made
# PostgreSQL refuse the whole change when one was longer.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
