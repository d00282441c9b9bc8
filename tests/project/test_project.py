"""Project-level guarantees: migrations match the models, settings are safe by default."""
import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_migrations_match_the_models():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def settings_in_a_fresh_process(**env):
    """Read tracker.settings in a new interpreter with exactly this environment."""
    code = (
        "import json, tracker.settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], s.SECRET_KEY[:16], s.ADMIN_PATH]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    out = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, check=True,
                         capture_output=True, text=True, cwd=settings.BASE_DIR).stdout
    return json.loads(out)


def test_safe_defaults_debug_off_sqlite_and_a_key_check_deploy_rejects():
    debug, engine, key, admin_path = settings_in_a_fresh_process()
    assert debug is False
    assert engine == "django.db.backends.sqlite3"
    assert key == "django-insecure-"
    assert admin_path == "admin/"


def test_environment_selects_debug_postgresql_and_admin_path():
    debug, engine, _, admin_path = settings_in_a_fresh_process(
        DJANGO_DEBUG="1", DATABASE_URL="postgres://u@db.example:5432/x", DJANGO_ADMIN_PATH="/editors/",
    )
    assert debug is True
    assert engine == "django.db.backends.postgresql"
    assert admin_path == "editors/"
