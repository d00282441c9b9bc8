"""Settings for the release tracker: one file, read from the environment.

Safe defaults: DEBUG is off unless DJANGO_DEBUG is set, the database is an SQLite file
unless DATABASE_URL names another (PostgreSQL in production).
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

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
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
                "releases.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
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
# pages and aggregates under the data version (releases/versioning.py), and the rate limits.
# Per process by default; with REDIS_URL (e.g. redis://10.0.0.5:6379/0) it is Redis, shared by
# every app server behind a load balancer, so a page is built once for all of them and a
# client's rate limit counts its requests to any of them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "release-tracker"),
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
# changes the data version, and with it every key, so this only bounds memory, not staleness.
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
