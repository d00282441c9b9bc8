"""Export as an import file (releases/transfer/import_files.py, the admin's "Export selected" actions): an
editor's export imports back unchanged, and rebuilds the same records in an empty tracker."""
import csv
import io
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command

from releases.transfer.import_files import ExportRefused, export_file
from releases.transfer.importing import KINDS, import_file
from releases.models import Party, Prisoner, ReleaseEvent, Source

from tests.support import factories as f
from tests.support.imports import snapshot

ADMIN = "/" + settings.ADMIN_PATH
ORDER = ["sources", "parties", "people", "releases"]  # a release names the other three


def everything(kind):
    return KINDS[kind].model.objects.all()


def export_all(fmt):
    return {kind: export_file(kind, everything(kind), fmt) for kind in ORDER}


def import_all(files, fmt, user):
    return {kind: import_file(files[kind], kind=kind, fmt=fmt, filename=f"{kind}.{fmt}", user=user)
            for kind in ORDER}


@pytest.fixture
def world(db):
    """Drafts with internal notes, a formula-like title, references within and across kinds."""
    cited = f.SourceFactory()
    source = f.SourceFactory(slug="draft-source", title="=HYPERLINK(\"http://x\")", publication_status="draft",
                             internal_notes="Check with the outlet", cited_via=cited)
    person = f.PrisonerFactory(slug="draft-person", publication_status="review", birth_year=1970,
                               internal_notes="Family asked for care")
    f.PrisonerNameFactory(prisoner=person, text="Дзмітры Прыклад", script="Cyrl", romanization="native")
    f.CitizenshipFactory(prisoner=person, country="LT")
    release = f.ReleaseEventFactory(slug="draft-release", publication_status="draft", announced_total=3,
                                    announced_total_is_minimum=True, releasing_country="BY")
    f.ReleasedPersonFactory(release=release, prisoner=person)
    f.PartyRoleFactory(release=release, party=f.PartyFactory(parent=f.PartyFactory()))
    f.CitationFactory(release=release, source=source)
    f.ReleasedPersonFactory()  # and a published release naming a published person
    return {"source": source, "person": person, "release": release}


@pytest.fixture
def demo(world):
    """The demo corpus as well: real spellings, scripts, roles and citations."""
    call_command("load_demo_data", stdout=io.StringIO())
    return world


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_imports_back_unchanged(demo, publisher, fmt):
    files = export_all(fmt)
    before = snapshot()
    results = import_all(files, fmt, publisher)
    for kind, result in results.items():
        assert (result.created, result.updated) == ([], []), kind
        assert len(result.unchanged) == everything(kind).count() > 1, kind
    assert snapshot() == before  # nothing written, not even history


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_rebuilds_the_records_in_an_empty_tracker(demo, publisher, fmt):
    files = export_all(fmt)
    counts = {kind: everything(kind).count() for kind in ORDER}
    Party.objects.update(parent=None)  # references within a kind are protected too
    Source.objects.update(cited_via=None)
    for kind in reversed(ORDER):  # releases first: people and parties are protected while named
        everything(kind).delete()
    assert not any(everything(kind).exists() for kind in ORDER)

    results = import_all(files, fmt, publisher)

    assert {kind: len(r.created) for kind, r in results.items()} == counts
    assert export_all(fmt) == files  # the same records, statuses, notes, names and links
    person = Prisoner.objects.get(slug="draft-person")
    assert (person.publication_status, person.internal_notes, person.birth_year) == ("review", "Family asked for care", 1970)
    assert set(person.names.values_list("text", flat=True)) >= {"Дзмітры Прыклад"}
    release = ReleaseEvent.objects.get(slug="draft-release")
    assert release.announced_total_is_minimum and release.releasing_country.code == "BY"
    assert list(release.prisoners.all()) == [person]


def test_the_csv_is_the_import_format_and_safe_in_a_spreadsheet(world):
    rows = list(csv.reader(io.StringIO(export_file("sources", Source.objects.filter(slug="draft-source"), "csv").decode())))
    header, row = rows
    assert header == list(KINDS["sources"].columns)
    values = dict(zip(header, row))
    assert values["title"] == "'=HYPERLINK(\"http://x\")"  # text to a spreadsheet, not a formula
    assert values["cited_via"] == Source.objects.get(slug="draft-source").cited_via.slug
    assert (values["publication_status"], values["internal_notes"]) == ("draft", "Check with the outlet")
    release = dict(zip(*csv.reader(io.StringIO(
        export_file("releases", ReleaseEvent.objects.filter(slug="draft-release"), "csv").decode()))))
    assert release["people"] == "draft-person"
    assert release["sources"] == "draft-source"
    assert release["announced_total_is_minimum"] == "true" and release["date_from"] == "2025-02-12"


def test_a_spreadsheet_that_drops_the_apostrophe_imports_the_same_value(world, publisher):
    data = b'slug,outlet,title\ndraft-source,Radio Free Europe/Radio Liberty,"=HYPERLINK(""http://x"")"\n'
    result = import_file(data, kind="sources", fmt="csv", filename="s.csv", user=publisher)
    assert result.unchanged == ["draft-source"]


def test_only_general_unquoted_citations_are_a_releases_sources(world):
    release = world["release"]
    quoted = f.CitationFactory(release=release, quote="freed at dawn")
    f.CitationFactory(release=release, claim="handover_place")
    row = json.loads(export_file("releases", ReleaseEvent.objects.filter(pk=release.pk), "json"))[0]
    assert row["sources"] == ["draft-source"]
    assert quoted.source.slug not in row["sources"]


def test_a_list_entry_with_the_separator_refuses_the_csv_not_the_json(world):
    f.PrisonerNameFactory(prisoner=world["person"], text="Prykład; Dzmitry")
    people = Prisoner.objects.filter(slug="draft-person")
    with pytest.raises(ExportRefused, match="export as JSON instead"):
        export_file("people", people, "csv")
    row = json.loads(export_file("people", people, "json"))[0]
    assert "Prykład; Dzmitry" in row["other_names"]


def test_more_records_than_an_import_file_holds_are_refused(world, monkeypatch):
    monkeypatch.setattr("releases.transfer.import_files.MAX_ROWS", 1)
    with pytest.raises(ExportRefused, match="at most 1 records"):
        export_file("sources", everything("sources"), "csv")


# -- the admin ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ORDER)
def test_an_editor_exports_selected_records_from_the_admin(client, editor, world, kind):
    model = KINDS[kind].model
    chosen = list(model.objects.order_by("pk").values_list("pk", flat=True)[:2])
    client.force_login(editor)
    url = f"{ADMIN}releases/{model._meta.model_name}/"
    page = client.get(url).content.decode()
    assert "Export selected as an import file (CSV)" in page
    response = client.post(url, {"action": "export_csv", "_selected_action": chosen})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{kind}-')
    assert response.content == export_file(kind, model.objects.filter(pk__in=chosen), "csv")
    response = client.post(url, {"action": "export_json", "_selected_action": chosen})
    assert len(json.loads(response.content)) == 2


def test_a_refused_export_is_a_message_on_the_list(client, editor, world):
    f.PrisonerNameFactory(prisoner=world["person"], text="A; B")
    client.force_login(editor)
    url = f"{ADMIN}releases/prisoner/"
    response = client.post(url, {"action": "export_csv", "_selected_action": [world["person"].pk]}, follow=True)
    assert response.status_code == 200
    assert "export as JSON instead" in response.content.decode()


def test_the_view_permission_is_enough_to_export_and_needed(client, db, world):
    # Without it the list itself is a 403; with it alone (a read-only account) the action is
    # offered and works: it needs no write permission.
    clerk = User.objects.create_user("clerk", password="x" * 16, is_staff=True)
    client.force_login(clerk)
    url, selection = f"{ADMIN}releases/source/", {"_selected_action": [world["source"].pk]}
    assert client.post(url, {"action": "export_csv", **selection}).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(User.objects.get(pk=clerk.pk))  # permissions are cached on the user
    assert "Export selected as an import file (CSV)" in client.get(url).content.decode()
    response = client.post(url, {"action": "export_csv", **selection})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert "draft-source" in response.content.decode()


# -- the command -------------------------------------------------------------------------------

def test_the_command_writes_what_import_data_reads_back(world, publisher, tmp_path):
    path = tmp_path / "drafts.json"
    call_command("export_data", "--kind", "people", "--format", "json", "--status", "review",
                 "--output", str(path), stderr=io.StringIO())
    rows = json.loads(path.read_text())
    assert [row["slug"] for row in rows] == ["draft-person"]
    out = io.StringIO()
    call_command("import_data", str(path), "--kind", "people", "--user", "publisher", stdout=out)
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue()


def test_the_command_writes_to_standard_output_by_default(world):
    out = io.StringIO()
    call_command("export_data", "--kind", "sources", stdout=out)
    assert out.getvalue().encode() == export_file("sources", Source.objects.all(), "csv")


def test_the_command_refuses_with_the_reason(world, tmp_path):
    f.PrisonerNameFactory(prisoner=world["person"], text="A; B")
    with pytest.raises(CommandError, match="export as JSON instead"):
        call_command("export_data", "--kind", "people", "--output", str(tmp_path / "people.csv"))
    assert not (tmp_path / "people.csv").exists()
