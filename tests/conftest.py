"""Fixtures shared by every test folder. Model rows come from tests/support/factories.py; helpers
that are not fixtures live in tests/support/ (a test module never imports another)."""
import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import override_settings

from releases.services.editorial_groups import EDITORS, PUBLISHERS
from tests.support.api import script
from tests.support.demo import demo_data

# The hashers the settings name (Argon2 first), kept for the tests of password handling itself.
PRODUCTION_PASSWORD_HASHERS = list(settings.PASSWORD_HASHERS)
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Passwords hashed with MD5 for the whole run: every editor, publisher or admin a test
    creates hashes one, and Argon2 spends a tenth of a second and 100 MB on each on purpose.
    tests/project/test_production.py checks production's hashing (production_password_hashers)."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture
def production_password_hashers(settings):
    """Passwords hashed as the settings say (Argon2), for the tests of password handling."""
    settings.PASSWORD_HASHERS = PRODUCTION_PASSWORD_HASHERS


def redis_database_of_worker(location, worker):
    """The Redis URL ``location`` with its database number moved down by the pytest-xdist
    worker's index (gw0: unchanged, gw1: one lower, ...)."""
    parts = urlsplit(location)
    base = int(parts.path.strip("/") or 0)
    number = base - int(worker.removeprefix("gw"))
    if number < 0:
        raise pytest.UsageError(f"{location} leaves no Redis database for xdist worker {worker}")
    return urlunsplit(parts._replace(path=f"/{number}"))


@pytest.fixture(scope="session", autouse=True)
def redis_database_per_worker():
    """With pytest-xdist (bin/dev test -n), each worker gets its own Redis database: every test
    empties the cache (a FLUSHDB on Redis), which must not empty another worker's cache under
    a running test. Nothing changes without Redis or without xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    default = settings.CACHES["default"]
    if not worker or "redis" not in default["BACKEND"].lower():
        yield
        return
    location = redis_database_of_worker(default["LOCATION"], worker)
    with override_settings(CACHES={**settings.CACHES, "default": {**default, "LOCATION": location}}):
        yield


def staff_user(username, group_name):
    user = User.objects.create_user(username, password="not-used-here", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    """A member of the Editors group: writes drafts, cannot publish."""
    return staff_user("editor", EDITORS)


@pytest.fixture
def publisher(db):
    """A member of the Publishers group: may also publish, unpublish and delete."""
    return staff_user("publisher", PUBLISHERS)


@pytest.fixture
def as_editor(editor):
    """The editor's script: an API client with the editor's token."""
    return script(editor)


@pytest.fixture
def as_publisher(publisher):
    """The publisher's script: an API client with the publisher's token."""
    return script(publisher)


@pytest.fixture
def demo(db):
    """The demo data (load_demo_data's rows: loaded once per test process, then restored)."""
    demo_data.load()


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only run in the suite's PostgreSQL pass and are skipped on SQLite."""
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        skip = pytest.mark.skip(reason="needs PostgreSQL; the PostgreSQL pass of bin/dev test runs it")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached answers and rate-limit counters from
    another test must not decide this one."""
    cache.clear()
    yield
    cache.clear()
