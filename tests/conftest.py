"""Fixtures shared by every test folder. Model rows come from tests/support/factories.py; helpers
that are not fixtures live in tests/support/ (a test module never imports another)."""
import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from releases.services.editorial_groups import EDITORS, PUBLISHERS
from tests.support.api import script


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
