"""Two editors on one record: the second save is refused, never a silent overwrite, in the
admin (releases/admin/concurrency.py) and in the API (releases/api/writers.py)."""
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, transaction

from releases.models import PartyRole, ReleasedPerson, ReleaseEvent, Source

from tests.support.factories import (
    CitationFactory, CollectionFactory, PageFactory, PartyFactory, PrisonerFactory,
    ReleaseEventFactory, SourceFactory,
)
from tests.support.admin import ADMIN, errors_in, release_form
from tests.support.api import detail_url, script

STALE = "since you opened it. Your changes were not saved. Open it again to see the other changes."


def change_url(model_name, record):
    return ADMIN + f"releases/{model_name}/{record.pk}/change/"


def opened_version(response):
    """The version the change page hands back on save, read from its HTML as a browser would."""
    found = re.search(r'name="opened_version" value="(\d+)"', response.content.decode())
    assert found, "the change page carries no opened_version"
    return found.group(1)


# -- admin -------------------------------------------------------------------------------------

@pytest.mark.parametrize("model_name, factory", [
    ("releaseevent", ReleaseEventFactory), ("prisoner", PrisonerFactory), ("party", PartyFactory),
    ("source", SourceFactory), ("page", PageFactory), ("collection", CollectionFactory),
])
def test_every_change_page_carries_the_version_it_shows(client, publisher, model_name, factory):
    record = factory()
    client.force_login(publisher)
    assert opened_version(client.get(change_url(model_name, record))) == str(record.version)


def test_second_editor_to_save_a_release_is_refused_and_nothing_of_theirs_is_saved(
        client, editor, publisher):
    event = ReleaseEventFactory(title="Original", slug="two-editors", publication_status="draft",
                                announced_total=None)
    url = change_url("releaseevent", event)
    client.force_login(editor)
    first_version = opened_version(client.get(url))
    client.force_login(publisher)
    second_version = opened_version(client.get(url))  # both opened the same version
    assert first_version == second_version

    client.force_login(editor)
    data = release_form(slug="two-editors", title="Editor's title", announced_total="",
                        opened_version=first_version)
    assert client.post(url, data).status_code == 302
    history_rows = event.history.count()

    client.force_login(publisher)
    person, party = PrisonerFactory(), PartyFactory()
    data = release_form(people=[person], roles=[(party, "mediator")], slug="two-editors",
                        title="Publisher's title", announced_total="", opened_version=second_version)
    response = client.post(url, data)

    assert response.status_code == 200
    message = errors_in(response)
    assert "This record was changed by editor at " in message and STALE in message
    event.refresh_from_db()
    assert event.title == "Editor's title"
    assert event.history.count() == history_rows  # no history row from the refused save
    assert event.history.first().history_user.username == "editor"
    assert not ReleasedPerson.objects.exists()  # the inlines were not saved either
    assert not PartyRole.objects.exists()


def test_after_a_refusal_the_editor_reopens_and_saves(client, editor):
    source = SourceFactory(publication_status="draft")
    url = change_url("source", source)
    client.force_login(editor)
    stale = opened_version(client.get(url))
    source.author = "Someone else"
    source.save()
    data = {
        "outlet": source.outlet, "title": source.title, "slug": source.slug, "url": source.url,
        "author": "Mine", "language": "", "published_on": "2025-02-12", "kind": "news",
        "cited_via": "", "publication_status": "draft", "internal_notes": "",
    }
    refused = client.post(url, {**data, "opened_version": stale})
    assert "This record was changed by someone (no user recorded) at " in errors_in(refused)
    assert Source.objects.get(pk=source.pk).author == "Someone else"

    assert client.post(url, {**data, "opened_version": opened_version(client.get(url))}).status_code == 302
    assert Source.objects.get(pk=source.pk).author == "Mine"


def test_a_form_refused_for_another_reason_leaves_the_version_alone(client, editor):
    event = ReleaseEventFactory(slug="invalid-then-valid", publication_status="draft",
                                announced_total=None)
    url = change_url("releaseevent", event)
    client.force_login(editor)
    version = opened_version(client.get(url))
    invalid = client.post(url, release_form(slug="invalid-then-valid", title="", announced_total="",
                                            opened_version=version))
    assert invalid.status_code == 200 and STALE not in errors_in(invalid)
    assert str(ReleaseEvent.objects.get(pk=event.pk).version) == version
    valid = release_form(slug="invalid-then-valid", title="Fixed", announced_total="", opened_version=version)
    assert client.post(url, valid).status_code == 302


def test_a_history_revert_is_refused_if_the_record_changed_since_the_revert_page_opened(client, publisher):
    event = ReleaseEventFactory(title="First", slug="revert-race", announced_total=None)
    event.title = "Second"
    event.save()
    revert_url = ADMIN + f"releases/releaseevent/{event.pk}/history/{event.history.last().history_id}/"
    client.force_login(publisher)
    version = opened_version(client.get(revert_url))
    assert version == str(event.version)  # the record as it is now, not the old copy shown
    event.title = "Third"
    event.save()
    response = client.post(revert_url, release_form(slug="revert-race", title="First",
                                                    announced_total="", opened_version=version))
    assert STALE in errors_in(response)
    assert ReleaseEvent.objects.get(pk=event.pk).title == "Third"


# -- API ---------------------------------------------------------------------------------------

RECORDS = {
    "releases": (ReleaseEventFactory, "title"), "prisoners": (PrisonerFactory, "occupation"),
    "parties": (PartyFactory, "position"), "sources": (SourceFactory, "author"),
}


@pytest.mark.parametrize("resource", RECORDS)
def test_a_record_read_carries_its_version(client, db, resource):
    record = RECORDS[resource][0]()
    assert client.get(detail_url(resource, record)).json()["version"] == record.version


@pytest.mark.parametrize("resource", RECORDS)
@pytest.mark.parametrize("how", ["If-Match", "version"])
def test_a_write_from_a_stale_version_is_refused_and_writes_nothing(editor, resource, how):
    factory, field = RECORDS[resource]
    record = factory(publication_status="draft")
    stale = record.version
    as_editor = script(editor)
    first = as_editor.patch(detail_url(resource, record), {field: "first"}, format="json")
    assert first.status_code == 200, first.content
    record.refresh_from_db()
    history_rows, current = record.history.count(), record.version

    if how == "If-Match":
        response = as_editor.patch(detail_url(resource, record), {field: "second"}, format="json",
                                   HTTP_IF_MATCH=f'"{stale}"')
    else:
        response = as_editor.patch(detail_url(resource, record), {field: "second", "version": stale},
                                   format="json")

    assert response.status_code == (412 if how == "If-Match" else 409), response.content
    body = response.json()
    assert body["field"] == how
    assert body["changed_by"] == "editor" and body["current_version"] == current
    assert body["detail"].startswith("This record was changed by editor at ")
    assert f"since version {stale} that you sent in {how}. Nothing was saved." in body["detail"]
    record.refresh_from_db()
    assert getattr(record, field) == "first"
    assert (record.history.count(), record.version) == (history_rows, current)


@pytest.mark.parametrize("how", ["If-Match", "version"])
def test_a_write_from_the_current_version_passes_and_moves_the_version(editor, how):
    source = SourceFactory(publication_status="draft")
    before = source.version
    extra = {"HTTP_IF_MATCH": f'"{before}"'} if how == "If-Match" else {}
    body = {"author": "A. Reporter", **({"version": before} if how == "version" else {})}
    response = script(editor).patch(detail_url("sources", source), body, format="json", **extra)
    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert source.author == "A. Reporter"
    assert response.json()["version"] == source.version != before


def test_two_saves_from_the_same_version_in_sequence_only_the_first_passes(editor, publisher):
    event = ReleaseEventFactory(publication_status="draft")
    version = event.version
    first = script(editor).patch(detail_url("releases", event),
                                 {"title": "From the editor", "version": version}, format="json")
    second = script(publisher).patch(detail_url("releases", event), {"title": "From the publisher"},
                                     format="json", HTTP_IF_MATCH=f'"{version}"')
    assert first.status_code == 200, first.content
    assert second.status_code == 412, second.content
    assert second.json()["changed_by"] == "editor"
    assert ReleaseEvent.objects.get(pk=event.pk).title == "From the editor"


def test_a_write_without_a_version_still_passes(editor):
    source = SourceFactory(publication_status="draft")
    source.author = "Someone else"
    source.save()
    response = script(editor).patch(detail_url("sources", source), {"title": "Mine"}, format="json")
    assert response.status_code == 200, response.content


def test_if_match_with_two_versions_is_a_400(editor):
    source = SourceFactory()
    response = script(editor).patch(detail_url("sources", source), {}, format="json",
                                    HTTP_IF_MATCH='"1", "2"')
    assert response.status_code == 400, response.content
    assert response.json()["If-Match"][0].startswith("Send one version")


def test_if_match_on_a_citation_is_a_400_not_ignored(editor):
    citation = CitationFactory(account="kept")
    response = script(editor).patch(detail_url("citations", citation), {"account": "changed"},
                                    format="json", HTTP_IF_MATCH='"123"')
    assert response.status_code == 400, response.content
    assert response.json() == {"If-Match": ["This resource has no version: send the request without If-Match."]}
    citation.refresh_from_db()
    assert citation.account == "kept"


def test_the_etag_of_a_read_is_not_a_version(client, editor):
    source = SourceFactory()
    etag = client.get(detail_url("sources", source))["ETag"]
    response = script(editor).patch(detail_url("sources", source), {"author": "x"}, format="json",
                                    HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert "not the ETag of a read" in response.json()["detail"]
    assert Source.objects.get(pk=source.pk).author == ""


def test_the_schema_documents_the_version_conflicts(client, db):
    document = client.get("/api/v1/schema/?format=json").json()
    for resource in RECORDS:
        for method in ("put", "patch"):
            operation = document["paths"][f"/api/v1/{resource}/{{id}}/"][method]
            assert {"409", "412"} <= set(operation["responses"])
            assert "If-Match" in [p["name"] for p in operation["parameters"]]


# -- the check itself ----------------------------------------------------------------------------

def test_the_version_is_exact_to_the_microsecond(db):
    source = SourceFactory()
    stored = Source.objects.get(pk=source.pk)
    assert stored.updated_at == source.updated_at and stored.version == source.version
    with transaction.atomic():
        assert not stored.lock_if_unchanged(source.version - 1)
        assert not stored.lock_if_unchanged(source.version + 1)
        assert stored.lock_if_unchanged(source.version)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_one_version_cannot_both_pass():
    """The second writer waits for the first one's lock, then finds the version moved on."""
    source = SourceFactory(author="")
    version, outcome = source.version, {}

    def second_editor():
        try:
            with transaction.atomic():
                record = Source.objects.get(pk=source.pk)
                outcome["locked"] = record.lock_if_unchanged(version)
        finally:
            connection.close()

    with transaction.atomic():
        assert source.lock_if_unchanged(version)
        other = threading.Thread(target=second_editor)
        other.start()
        other.join(timeout=1)
        assert other.is_alive(), "the second writer should be waiting for the row"
        source.author = "First"
        source.save()
    other.join(timeout=10)
    assert outcome == {"locked": False}
    assert Source.objects.get(pk=source.pk).author == "First"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite file; the SQLite pass runs it")
def test_simultaneous_saves_on_a_sqlite_file_wait_their_turn_then_are_refused(tmp_path):
    """The site's SQLite default (bin/dev serve): one save passes, the others wait for it and are
    refused as stale; none meets "database is locked" (a 500 before transactions began IMMEDIATE)."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "tracker.settings", "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                   cwd=root, env=env, check=True, timeout=300)
    run = subprocess.run([sys.executable, "tests/support/sqlite_editors.py", "4"], cwd=root, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    stored = outcome.pop("stored author")
    assert sorted(outcome.values()) == ["refused", "refused", "refused", "saved"], outcome
    assert outcome[stored] == "saved"
