"""Bulk import (releases/transfer/importing.py, the admin's Import page, manage.py import_data): all or
nothing, every bad row reported with its column, and the same file twice adds nothing."""
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from releases.transfer import importing
from releases.transfer.importing import ImportRefused, import_file
from releases.services.merging import merge_prisoners
from releases.models import Citizenship, Party, Prisoner, ReleaseEvent, Source

from tests.support.factories import PrisonerFactory, SourceFactory
from tests.support.imports import MODELS, snapshot

ADMIN = "/" + settings.ADMIN_PATH
IMPORT = ADMIN + "releases/import/"


# One small file of each kind, in import order (a release names people, parties and sources).
ROWS = {
    "sources": [
        {"slug": "nyt-2025-02-15", "outlet": "The New York Times", "kind": "news", "published_on": "2025-02-15"},
        {"slug": "edm-2025", "outlet": "Eurasia Daily Monitor", "kind": "analysis", "published_on": "",
         "cited_via": ""},
    ],
    "parties": [
        {"slug": "government-of-belarus", "name": "Government of Belarus", "kind": "government", "country": "BY",
         "parent": "", "other_names": "Minsk"},
        {"slug": "kgb-belarus", "name": "KGB", "kind": "agency", "country": "BY", "parent": "government-of-belarus",
         "other_names": ""},
    ],
    "people": [
        {"slug": "alena-maushuk", "preferred_name": "Alena Maushuk", "other_names": "Yelena Movshuk; Алена Маўшук",
         "citizenships": "BY", "birth_year": "", "reported_age": "", "age_reported_on": ""},
        {"slug": "nikolai-shugaev", "preferred_name": "Nikolai Shugaev", "other_names": "",
         "citizenships": "US; UA", "birth_year": "", "reported_age": "56", "age_reported_on": "2025-02-19"},
    ],
    "releases": [
        {"slug": "belarus-2025-02-12", "title": "Belarus frees three to a US envoy", "kind": "unilateral",
         "date_from": "2025-02-12", "date_to": "", "date_precision": "day", "announced_total": "3",
         "announced_total_is_minimum": "no", "people": "alena-maushuk; nikolai-shugaev",
         "parties": "government-of-belarus:releasing_authority; kgb-belarus:negotiator", "sources": "nyt-2025-02-15"},
    ],
}


def as_csv(rows):
    header = list(rows[0])
    lines = [",".join(header)] + [",".join(f'"{row[c]}"' for c in header) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def as_json(rows):
    return json.dumps(rows).encode()


def load(kind, data, fmt="csv", **kwargs):
    return import_file(data, kind=kind, fmt=fmt, filename=f"{kind}.{fmt}", **kwargs)


def refused(kind, data, fmt="csv", **kwargs):
    with pytest.raises(ImportRefused) as error:
        load(kind, data, fmt, **kwargs)
    return [str(e) for e in error.value.errors]


def import_everything(fmt, **kwargs):
    encode = as_csv if fmt == "csv" else as_json
    return {kind: load(kind, encode(rows), fmt, **kwargs) for kind, rows in ROWS.items()}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_kind_imports_and_importing_again_adds_nothing(db, editor, fmt):
    results = import_everything(fmt, user=editor)
    assert {kind: len(r.created) for kind, r in results.items()} == {"sources": 2, "parties": 2, "people": 2, "releases": 1}
    release = ReleaseEvent.objects.get()
    assert {p.slug for p in release.prisoners.all()} == {"alena-maushuk", "nikolai-shugaev"}
    assert dict(release.party_roles.values_list("party__slug", "role")) == {
        "government-of-belarus": "releasing_authority", "kgb-belarus": "negotiator"}
    assert list(release.citations.values_list("source__slug", flat=True)) == ["nyt-2025-02-15"]
    assert Party.objects.get(slug="kgb-belarus").parent.slug == "government-of-belarus"
    assert set(Prisoner.objects.get(slug="alena-maushuk").names.values_list("text", flat=True)) == {
        "Yelena Movshuk", "Алена Маўшук"}
    assert set(Citizenship.objects.filter(prisoner__slug="nikolai-shugaev").values_list("country", flat=True)) == {"US", "UA"}
    before = snapshot()

    again = import_everything(fmt, user=editor)

    assert snapshot() == before
    assert all(not r.created and not r.updated for r in again.values())
    assert len(again["sources"].unchanged) == 2


def test_a_changed_row_updates_its_record_only(db):
    load("sources", as_csv(ROWS["sources"]))
    changed = [{**ROWS["sources"][0], "outlet": "NYT"}, ROWS["sources"][1]]
    result = load("sources", as_csv(changed))
    assert (result.created, result.updated, result.unchanged) == ([], ["nyt-2025-02-15"], ["edm-2025"])
    assert Source.objects.get(slug="nyt-2025-02-15").history.count() == 2


def test_leaving_a_column_out_keeps_what_editors_entered(db):
    source = SourceFactory(slug="s1", outlet="Outlet", title="Kept title", published_on="2025-01-01")
    result = load("sources", b"slug,outlet\ns1,Outlet\n")
    assert result.unchanged == ["s1"]
    source.refresh_from_db()
    assert (source.title, str(source.published_on), source.publication_status) == ("Kept title", "2025-01-01", "published")


def test_one_bad_row_among_good_ones_stores_nothing_and_names_row_and_column(db):
    rows = [{"slug": "r1", "title": "Good", "kind": "pardon", "date_from": "2025-02-12"},
            {"slug": "r2", "title": "Bad date", "kind": "pardon", "date_from": "2025-13-45"},
            {"slug": "r3", "title": "Bad kind", "kind": "amnesty-ish", "date_from": "2025-02-12"}]
    errors = refused("releases", as_csv(rows))
    assert len(errors) == 2
    assert errors[0].startswith("line 3, date_from: ")
    assert errors[1].startswith("line 4, kind: ") and "not a valid choice" in errors[1]
    assert refused("releases", as_json(rows), "json")[0].startswith("item 2, date_from: ")
    assert not ReleaseEvent.objects.exists()


def test_a_merged_away_slug_is_refused_naming_the_survivor(db):
    """The row describes the person merged away: it is neither written onto the survivor nor
    counted as created (it was, silently, before). A release may still name the old slug."""
    keep = PrisonerFactory(slug="alena-maushuk", preferred_name="Alena Maushuk")
    absorb = PrisonerFactory(slug="yelena-movshuk", preferred_name="Yelena Movshuk")
    merge_prisoners(keep=keep, absorb=absorb)
    before = snapshot()
    rows = [{"slug": "yelena-movshuk", "preferred_name": "Yelena Movshuk"},
            {"slug": "someone-new", "preferred_name": "Someone New"}]
    errors = refused("people", as_csv(rows))
    assert errors == [f"line 2, slug: 'yelena-movshuk' was merged into 'alena-maushuk' (#{keep.pk}); "
                      "write that slug to change the person."]
    assert snapshot() == before
    keep.refresh_from_db()
    assert keep.preferred_name == "Alena Maushuk"
    release = {"slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-02-12", "people": "yelena-movshuk"}
    assert load("releases", as_csv([release])).created == ["r1"]
    assert list(ReleaseEvent.objects.get().prisoners.all()) == [keep]


def test_references_to_missing_slugs_are_reported_per_entry(db):
    PrisonerFactory(slug="known")
    row = {"slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-02-12",
           "people": "known; nobody", "parties": "no-party:envoy", "sources": "no-source"}
    errors = refused("releases", as_csv([row]))
    assert "line 2, people: no prisoner with slug 'nobody'" in errors
    assert "line 2, parties: 'no-party:envoy': no party with slug 'no-party'" in errors
    assert "line 2, sources: no source with slug 'no-source'" in errors
    assert not ReleaseEvent.objects.exists()


@pytest.mark.parametrize("parties, message", [
    ("government-of-belarus", "write each party as slug:role"),
    ("government-of-belarus:hero", "'government-of-belarus:hero': Value 'hero' is not a valid choice."),
    ("government-of-belarus:envoy; government-of-belarus:escort", "a party can hold one role"),
])
def test_party_roles_are_written_slug_colon_role(db, parties, message):
    load("parties", as_csv(ROWS["parties"][:1]))
    row = {"slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-02-12", "parties": parties}
    (error,) = refused("releases", as_csv([row]))
    assert error.startswith("line 2, parties: ") and message in error


@pytest.mark.parametrize("data, message", [
    (b"slug,outlet,colour\ns1,X,red\n", "colour: unknown column"),
    (b"slug,title\ns1,X\n", "outlet: required column is missing."),
    (b"slug,outlet,slug\ns1,X,s2\n", "repeated: slug"),
    (b"slug,outlet\ns1,Caf\xe9\n", "not UTF-8 text (line 2, byte 19)"),
    (b"slug,outlet\ns1,X\x00\n", "NUL byte (line 2)"),
    (b"", "The file is empty."),
    (b"  \n", "The file is empty."),
    (b"slug,outlet\n", "The file has no rows."),
    (b'slug,outlet\ns1,"unclosed\n', "The CSV cannot be read"),
])
def test_unreadable_csv_files_are_refused_with_a_reason(db, data, message):
    (error,) = refused("sources", data)
    assert message in error
    assert not Source.objects.exists()


def test_a_row_with_too_many_cells_is_reported(db):
    assert refused("sources", b"slug,outlet\ns1,X\ns2,Y,Z\n") == ["line 3: has 3 cells; the header has 2."]


@pytest.mark.parametrize("data, message", [
    (b'[{"slug": "s1", "outlet": "X"', "The JSON cannot be read"),
    (b'{"slug": "s1"}', "a list of objects"),
    (b"[]", "no rows"),
    (b'[{"slug": "s1", "outlet": "X\\u0000"}]', "item 1, outlet: contains a NUL character."),
    (b'[{"slug": "s1", "outlet": "X", "colour": "red"}]', "item 1, colour: unknown column"),
    (b'[{"slug": "s1"}]', "item 1, outlet: required column is missing."),
    (b'[{"slug": "s1", "outlet": {"name": "X"}}]', "item 1, outlet: expected text, a number"),
    (b'["s1"]', "item 1: is not an object"),
])
def test_unreadable_json_files_are_refused_with_a_reason(db, data, message):
    (error,) = refused("sources", data, "json")
    assert message in error


def test_size_and_row_limits(db, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    assert "more than 2 rows" in refused("sources", b"slug,outlet\na,A\nb,B\nc,C\n")[0]
    assert "more than 2 rows" in refused("sources", as_json([{"slug": s, "outlet": s} for s in "abc"]), "json")[0]
    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    assert "larger than the limit" in refused("sources", b"slug,outlet\na,A\n")[0]


def test_the_same_slug_twice_in_a_file_is_an_error(db):
    assert refused("sources", b"slug,outlet\na,A\na,B\n") == ["line 3, slug: 'a' is also on line 2."]


def test_new_records_are_drafts_and_publishing_needs_the_permission(db, editor, publisher):
    load("sources", b"slug,outlet\ndraft,A\n", user=publisher)
    assert Source.objects.get(slug="draft").publication_status == "draft"
    published = b"slug,outlet,publication_status\npub,A,published\n"
    assert refused("sources", published, user=editor) == [
        "line 2, publication_status: Only publishers can publish or unpublish."]
    assert refused("sources", published)  # the command line without --user
    load("sources", published, user=publisher)
    assert Source.objects.get(slug="pub").publication_status == "published"
    # An editor's later import without the column leaves it published; unpublishing is refused.
    load("sources", b"slug,outlet\npub,B\n", user=editor)
    assert Source.objects.get(slug="pub").publication_status == "published"
    assert refused("sources", b"slug,outlet,publication_status\npub,B,draft\n", user=editor)


def test_history_entries_carry_the_user_and_the_file_name(db, editor):
    import_everything("csv", user=editor)
    reasons = {f"Imported from {kind}.csv" for kind in ROWS}
    for model in MODELS:
        entries = list(model.history.all())
        assert entries, model
        assert all(e.history_user == editor and e.history_change_reason in reasons for e in entries), model


def test_a_long_file_name_is_kept_whole_in_the_history(db, editor):
    # The history once kept 100 characters of a reason: PostgreSQL refused a longer one (a 500).
    name = "belarus-releases-" + "february-2025-" * 10 + "final.csv"
    import_file(b"slug,outlet\nlong,A\n", kind="sources", fmt="csv", filename=name, user=editor)
    assert Source.history.get(slug="long").history_change_reason == f"Imported from {name}"


def test_a_dry_run_stores_nothing_but_reports_what_would_change(db):
    result = load("sources", as_csv(ROWS["sources"]), dry_run=True)
    assert result.dry_run and len(result.created) == 2
    assert snapshot() == ([0] * len(MODELS), [0] * len(MODELS))


# -- the admin page ---------------------------------------------------------------------------
def upload(client, data, name="sources.csv", kind="sources", **extra):
    return client.post(IMPORT, {"kind": kind, "file": SimpleUploadedFile(name, data), **extra})


def test_the_import_page_is_linked_from_the_lists_and_opens_for_an_editor(client, editor):
    client.force_login(editor)
    assert f'href="{IMPORT}?for=source"' in client.get(ADMIN + "releases/source/").content.decode()
    page = client.get(IMPORT, {"for": "prisoner"})
    assert page.status_code == 200
    assert '<option value="people" selected>' in page.content.decode()
    assert page.headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY


def test_an_editor_imports_drafts_from_the_admin(client, editor):
    client.force_login(editor)
    page = upload(client, as_csv(ROWS["sources"]))
    assert page.status_code == 200
    assert "Imported" in page.content.decode() and "nyt-2025-02-15" in page.content.decode()
    assert Source.objects.filter(publication_status="draft").count() == 2
    assert {e.history_user for e in Source.history.all()} == {editor}
    assert "Unchanged</td><td>2" in upload(client, as_csv(ROWS["sources"])).content.decode()


def test_the_admin_shows_every_row_error_and_stores_nothing(client, editor):
    client.force_login(editor)
    page = upload(client, b"slug,outlet,publication_status\na,A,published\nb,,\n").content.decode()
    assert "nothing was stored: 2 problems" in page
    assert "<td>line 2</td>" in page and "Only publishers can publish or unpublish." in page
    assert "<td>line 3</td>" in page and "<td>outlet</td>" in page
    assert not Source.objects.exists()


def test_a_publisher_publishes_through_the_admin(client, publisher):
    client.force_login(publisher)
    upload(client, b"slug,outlet,publication_status\na,A,published\n")
    assert Source.objects.get().publication_status == "published"


def test_a_dry_run_from_the_admin_stores_nothing(client, editor):
    client.force_login(editor)
    page = upload(client, as_csv(ROWS["sources"]), dry_run="on").content.decode()
    assert "Dry run: nothing was stored" in page
    assert not Source.objects.exists()


def test_the_upload_form_refuses_large_and_unknown_files(client, editor, monkeypatch):
    client.force_login(editor)
    assert "Upload a .csv or a .json file." in upload(client, b"x", name="sources.xlsx").content.decode()
    monkeypatch.setattr("releases.admin.importing.MAX_BYTES", 10)
    page = upload(client, as_csv(ROWS["sources"]))
    assert page.status_code == 200 and "larger than" in page.content.decode()
    assert not Source.objects.exists()


def test_the_import_page_needs_the_add_permission(client, db):
    assert client.get(IMPORT).status_code == 302  # not logged in: to the login page
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(IMPORT).status_code == 403
    assert upload(client, as_csv(ROWS["sources"])).status_code == 403
    assert not Source.objects.exists()


# -- the command ------------------------------------------------------------------------------
def test_the_command_imports_and_reports_counts(db, tmp_path, capsys):
    path = tmp_path / "sources.json"
    path.write_bytes(as_json(ROWS["sources"]))
    call_command("import_data", str(path), "--kind", "sources")
    assert "2 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    call_command("import_data", str(path), "--kind", "sources", "--dry-run")
    assert "Dry run, nothing stored: 0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_the_command_fails_with_every_error_and_stores_nothing(db, tmp_path, publisher):
    path = tmp_path / "list.txt"
    path.write_bytes(b"slug,outlet,publication_status\na,A,published\nb,,\n")
    with pytest.raises(CommandError, match="--format"):
        call_command("import_data", str(path), "--kind", "sources")
    with pytest.raises(CommandError) as error:
        call_command("import_data", str(path), "--kind", "sources", "--format", "csv")
    assert "2 problem(s)" in str(error.value)
    assert "line 2, publication_status: Only publishers" in str(error.value)
    assert "line 3, outlet: This field cannot be blank." in str(error.value)
    assert not Source.objects.exists()
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("import_data", str(path), "--kind", "sources", "--format", "csv", "--user", "nobody")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_data", str(tmp_path / "missing.csv"), "--kind", "sources")


def test_a_bad_date_for_an_existing_release_is_a_row_error(db):
    row = {"slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-02-12", "date_to": ""}
    load("releases", as_csv([row]))
    (error,) = refused("releases", as_csv([{**row, "date_from": "2025-13-45"}]))
    assert error.startswith("line 2, date_from: ")
