"""backup_data / restore_data: a backup restored into an empty migrated database gives back
every row of every table, on SQLite and PostgreSQL; a restore that cannot be whole is refused
and changes nothing.

pytest-django gives one test database, so "another, empty database" is this one flushed and
migrated again (post_migrate recreates content types, permissions and the editorial groups),
with the content type ids deliberately shifted so that they differ from the backup's."""
import gzip
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from rest_framework.authtoken.models import Token

from releases import models as m
from releases.search.search import search_prisoners
from releases.services.editorial_groups import EDITORS
from tests.support import factories

pytestmark = pytest.mark.django_db(transaction=True)

NOT_BACKED_UP = {"sessions", "contenttypes", "auth.permission"}


def snapshot():
    """Every row of every table a backup holds, by model: tuples of column values in pk order,
    with content types and permissions by natural key (their ids differ between databases)."""
    natural = {
        ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        Permission: {
            p.pk: p.natural_key() for p in Permission.objects.select_related("content_type")
        },
    }
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.app_label in NOT_BACKED_UP or meta.label_lower in NOT_BACKED_UP:
            continue
        fields = meta.concrete_fields
        rows = model._base_manager.order_by("pk").values_list(*[f.attname for f in fields])
        tables[meta.label] = [
            tuple(
                natural[f.related_model].get(value) if f.related_model in natural else value
                for f, value in zip(fields, row)
            )
            for row in rows
        ]
    return tables


def build_rich_data():
    """The demo data (already loaded: the demo fixture) and rows of every other kind."""
    editor = User.objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    editor.user_permissions.add(Permission.objects.get(codename="publish_prisoner"))
    Token.objects.create(user=editor)

    draft = factories.PrisonerFactory(
        publication_status="draft", internal_notes="Family asks: no photo"
    )
    draft.preferred_name = "Renamed draft"
    draft._history_user = editor
    draft.save()
    factories.ReleaseEventFactory(publication_status="draft", internal_notes="Unconfirmed")
    doomed = factories.PrisonerFactory(preferred_name="Entered by mistake")
    doomed.delete()  # its history rows (created, deleted) stay and must survive

    name = m.PrisonerName.objects.first()
    name.sources.add(factories.SourceFactory(publication_status="draft"))
    LogEntry.objects.create(
        user=editor, content_type=ContentType.objects.get_for_model(m.Prisoner),
        object_id=str(draft.pk), object_repr=str(draft), action_flag=ADDITION,
    )


def empty_migrated_database():
    """Flush, then recreate what migrate would, with content type ids that differ from before."""
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    ContentType.objects.create(app_label="gone", model="shifted").delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


@pytest.fixture
def backup(tmp_path, demo):
    build_rich_data()
    path = tmp_path / "backup.jsonl.gz"
    call_command("backup_data", str(path), verbosity=0)
    return path


def rewrite(path, change):
    lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines(keepends=True)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(change(lines))


def test_round_trip_into_an_empty_database_is_lossless(backup):
    before = snapshot()
    hits_before = search_prisoners("Movshuk")
    assert hits_before
    assert m.Prisoner.history.filter(preferred_name="Entered by mistake", history_type="-").exists()

    empty_migrated_database()
    assert not m.Prisoner._base_manager.exists()
    call_command("restore_data", str(backup), verbosity=0)

    after = snapshot()
    assert [label for label in before if before[label] != after[label]] == []
    assert after == before
    assert search_prisoners("Movshuk") == hits_before
    editor = User.objects.get(username="editor")
    assert editor.has_perm("releases.publish_prisoner") and editor.auth_token.key


def test_new_records_after_a_restore_get_fresh_ids(backup):
    # The largest id ever used is the deleted record's: its history outlives it.
    largest = m.Prisoner.history.order_by("-id").first().id
    largest_history = m.Prisoner.history.order_by("-history_id").first().history_id
    empty_migrated_database()
    call_command("restore_data", str(backup), verbosity=0)

    prisoner = factories.PrisonerFactory()
    assert prisoner.pk > largest
    assert prisoner.history.order_by("history_id").first().history_id > largest_history
    assert not prisoner.history.filter(preferred_name="Entered by mistake").exists()


def test_restore_refuses_a_database_that_holds_records(backup):
    before = snapshot()
    with pytest.raises(CommandError, match="needs an empty, migrated database"):
        call_command("restore_data", str(backup), verbosity=0)
    assert snapshot() == before


def test_restore_refuses_a_backup_of_another_schema(backup):
    def future_schema(lines):
        header = json.loads(lines[0])
        header["migrations"]["releases"] = "0099_from_the_future"
        return [json.dumps(header) + "\n"] + lines[1:]

    rewrite(backup, future_schema)
    empty_migrated_database()
    with pytest.raises(CommandError, match="another database schema.*0099_from_the_future"):
        call_command("restore_data", str(backup), verbosity=0)
    assert not m.Prisoner._base_manager.exists()


@pytest.mark.parametrize("damage", ["garbled row", "missing end", "truncated gzip", "not a backup"])
def test_a_damaged_file_is_a_clear_error_and_changes_nothing(backup, damage):
    if damage == "garbled row":
        garbled = '{"model": "releases.prisoner", "pk": \n'
        rewrite(backup, lambda lines: lines[:200] + [garbled] + lines[201:])
    elif damage == "missing end":
        rewrite(backup, lambda lines: lines[:-1])
    elif damage == "truncated gzip":
        data = backup.read_bytes()
        backup.write_bytes(data[: len(data) // 2])
    else:
        backup.write_text("id,name\n1,someone\n")
    empty_migrated_database()
    before = snapshot()
    with pytest.raises(CommandError, match="unreadable or damaged|not a release-tracker backup"):
        call_command("restore_data", str(backup), verbosity=0)
    assert snapshot() == before
    assert Group.objects.filter(name=EDITORS).exists()
