"""An API PUT or PATCH writes only the nested rows that changed (api/writers.py ``sync_rows``):
a row sent as it is stored keeps its id, its history and what the API does not show (a
spelling's sources, a citizenship's note); a changed row is updated; the order sent is kept."""
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from releases.models import (
    Citizenship, PartyName, PartyRole, Prisoner, PrisonerName, ReleasedPerson, ReleaseEvent,
)
from tests.support import factories as f

API = "/api/v1/"


@pytest.fixture
def as_editor(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=editor)[0].key}")
    return client


def history(*models):
    """{model name: {history type: rows}} of the nested rows' history."""
    counts = {}
    for model in models:
        for kind in model.history.values_list("history_type", flat=True):
            counts.setdefault(model.__name__, {}).setdefault(kind, 0)
            counts[model.__name__][kind] += 1
    return counts


def new_history(before, after):
    """The history rows written between ``before`` and ``after`` (both from ``history``)."""
    return {(model, kind): n - before.get(model, {}).get(kind, 0)
            for model, kinds in after.items() for kind, n in kinds.items()
            if n != before.get(model, {}).get(kind, 0)}


# -- a release: released people and party roles -------------------------------------------------

@pytest.fixture
def release_body(db):
    people = f.PrisonerFactory.create_batch(3)
    parties = f.PartyFactory.create_batch(2)
    return {
        "title": "Belarus frees three people", "slug": "belarus-frees-three", "kind": "unilateral",
        "date_from": "2025-02-12",
        "released_people": [
            {"prisoner": people[0].pk, "citizenship_at_release": ["RU", "BY"], "destination": "Vilnius"},
            {"prisoner": people[1].pk, "conditions": "left the country"},
            {"prisoner": people[2].pk},
        ],
        "party_roles": [{"party": parties[0].pk, "role": "envoy"},
                        {"party": parties[1].pk, "role": "mediator", "note": "talks"}],
    }


def put_release(client, body):
    release = ReleaseEvent.objects.get(slug=body["slug"])
    response = client.put(f"{API}releases/{release.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_put_of_the_same_release_writes_no_nested_row(as_editor, release_body):
    assert as_editor.post(f"{API}releases/", release_body, format="json").status_code == 201
    ids = list(ReleasedPerson.objects.order_by("id").values_list("id", flat=True))
    before = history(ReleasedPerson, PartyRole, ReleaseEvent)
    answer = put_release(as_editor, release_body)
    assert new_history(before, history(ReleasedPerson, PartyRole, ReleaseEvent)) == {
        ("ReleaseEvent", "~"): 1}  # the record itself is saved; its rows are not
    assert list(ReleasedPerson.objects.order_by("id").values_list("id", flat=True)) == ids
    assert [row["prisoner"] for row in answer["released_people"]] == [
        row["prisoner"] for row in release_body["released_people"]]


def test_a_put_changing_one_row_writes_one_nested_history_row(as_editor, release_body):
    assert as_editor.post(f"{API}releases/", release_body, format="json").status_code == 201
    before = history(ReleasedPerson, PartyRole)
    release_body["released_people"][1]["conditions"] = "stayed in Belarus"
    put_release(as_editor, release_body)
    assert new_history(before, history(ReleasedPerson, PartyRole)) == {("ReleasedPerson", "~"): 1}
    row = ReleasedPerson.objects.get(prisoner=release_body["released_people"][1]["prisoner"])
    assert (row.conditions, row.history.latest().history_type) == ("stayed in Belarus", "~")


def test_a_field_left_out_of_a_row_is_its_default_as_on_create(as_editor, release_body):
    assert as_editor.post(f"{API}releases/", release_body, format="json").status_code == 201
    before = history(ReleasedPerson)
    del release_body["released_people"][0]["destination"]
    del release_body["released_people"][0]["citizenship_at_release"]
    put_release(as_editor, release_body)
    row = ReleasedPerson.objects.get(prisoner=release_body["released_people"][0]["prisoner"])
    assert (row.destination, list(row.citizenship_at_release)) == ("", [])
    assert new_history(before, history(ReleasedPerson)) == {("ReleasedPerson", "~"): 1}


def test_added_and_removed_rows_are_the_only_ones_written(as_editor, release_body):
    assert as_editor.post(f"{API}releases/", release_body, format="json").status_code == 201
    before = history(ReleasedPerson, PartyRole)
    newcomer = f.PrisonerFactory()
    release_body["released_people"] = release_body["released_people"][1:] + [{"prisoner": newcomer.pk}]
    answer = put_release(as_editor, release_body)
    assert new_history(before, history(ReleasedPerson, PartyRole)) == {
        ("ReleasedPerson", "-"): 1, ("ReleasedPerson", "+"): 1}
    assert [row["prisoner"] for row in answer["released_people"]] == [
        row["prisoner"] for row in release_body["released_people"]]


def test_the_order_sent_is_the_order_stored(as_editor, release_body):
    """Rows are listed by id: a row moved before another is written again after it."""
    assert as_editor.post(f"{API}releases/", release_body, format="json").status_code == 201
    first, second, third = release_body["released_people"]
    release_body["released_people"] = [first, third, second]
    before = history(ReleasedPerson)
    answer = put_release(as_editor, release_body)
    assert [row["prisoner"] for row in answer["released_people"]] == [
        first["prisoner"], third["prisoner"], second["prisoner"]]
    stored = ReleasedPerson.objects.order_by("id").values_list("prisoner", "conditions")
    assert list(stored) == [(first["prisoner"], ""), (third["prisoner"], ""),
                            (second["prisoner"], "left the country")]
    # The first and the third stay; the second, now after the third, is written again.
    assert new_history(before, history(ReleasedPerson)) == {
        ("ReleasedPerson", "-"): 1, ("ReleasedPerson", "+"): 1}


# -- a person: names and citizenships; a party: names --------------------------------------------

PERSON = {
    "preferred_name": "Ihar Karnei", "slug": "ihar-karnei",
    "names": [{"text": "Ігар Карней", "language": "be", "script": "Cyrl", "romanization": "native"},
              {"text": "Igor Karney", "language": "ru"}],
    "citizenships": ["BY", "US"],
}


def test_a_put_of_the_same_person_writes_no_name_or_citizenship(as_editor):
    assert as_editor.post(f"{API}prisoners/", PERSON, format="json").status_code == 201
    person = Prisoner.objects.get(slug="ihar-karnei")
    source = f.SourceFactory()
    person.names.get(text="Igor Karney").sources.add(source)
    Citizenship.objects.filter(prisoner=person, country="US").update(note="dual citizen, per his lawyer")
    before = history(PrisonerName, Citizenship)
    response = as_editor.put(f"{API}prisoners/{person.pk}/", PERSON, format="json")
    assert response.status_code == 200, response.content
    assert new_history(before, history(PrisonerName, Citizenship)) == {}
    # What the API does not show is not lost by sending the same rows again.
    assert list(person.names.get(text="Igor Karney").sources.all()) == [source]
    assert person.citizenships.get(country="US").note == "dual citizen, per his lawyer"


def test_a_changed_spelling_detail_updates_that_name_only(as_editor):
    assert as_editor.post(f"{API}prisoners/", PERSON, format="json").status_code == 201
    person = Prisoner.objects.get(slug="ihar-karnei")
    before = history(PrisonerName, Citizenship)
    body = {**PERSON, "names": [PERSON["names"][0], {"text": "Igor Karney", "language": "ru",
                                                      "romanization": "passport"}],
            "citizenships": ["BY"]}
    response = as_editor.patch(f"{API}prisoners/{person.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    assert new_history(before, history(PrisonerName, Citizenship)) == {
        ("PrisonerName", "~"): 1, ("Citizenship", "-"): 1}
    assert person.names.get(text="Igor Karney").romanization == "passport"


def test_a_put_of_the_same_party_writes_no_name(as_editor):
    body = {"name": "US Department of State", "slug": "us-state-department", "kind": "agency",
            "country": "US", "names": [{"text": "State Department"}, {"text": "Госдеп", "script": "Cyrl"}]}
    response = as_editor.post(f"{API}parties/", body, format="json")
    assert response.status_code == 201, response.content
    before = history(PartyName)
    response = as_editor.put(f"{API}parties/{response.json()['id']}/", body, format="json")
    assert response.status_code == 200, response.content
    assert new_history(before, history(PartyName)) == {}
