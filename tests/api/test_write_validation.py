"""The API refuses what the admin refuses, with a 400 naming the field, and stores nothing;
unknown and server-owned fields, bodies that are not a JSON object, and hostile input
(over-long strings, NUL bytes, markup, wrong types, impossible dates, huge numbers)."""
import pytest

from releases.models import Party, ReleasedPerson, ReleaseEvent

from tests.support.factories import (
    PartyFactory, PrisonerFactory, ReleasedPersonFactory, ReleaseEventFactory, SourceFactory,
)
from tests.support.api import (
    detail_url, flat, list_url, party_body, prisoner_body, release_body, source_body, stored,
)


def refused(response, field, fragment):
    """A 400 whose errors name ``field`` with a message containing ``fragment``."""
    assert response.status_code == 400, (response.status_code, response.content)
    errors = response.json()
    assert field in errors, errors
    assert fragment in flat(errors[field]), errors
    return errors


def people(count):
    return [{"prisoner": p.pk} for p in PrisonerFactory.create_batch(count)]


def one_party_twice():
    party = PartyFactory()
    return [{"party": party.pk, "role": "envoy"}, {"party": party.pk, "role": "escort"}]


def one_person_twice():
    person = PrisonerFactory()
    return [{"prisoner": person.pk}, {"prisoner": person.pk, "conditions": "again"}]


# resource, body (built inside the test, so it may create rows), field, message fragment
CREATE_CASES = {
    "date_to before date_from": ("releases", lambda: release_body(
        date_from="2025-02-12", date_to="2025-02-01"), "date_to", "before its start"),
    "unknown kind": ("releases", lambda: release_body(kind="kidnapping"), "kind", "not a valid choice"),
    "more named than announced": ("releases", lambda: release_body(
        announced_total=2, released_people=people(3)), "released_people",
        "3 people are named but the announced total is 2"),
    "a minimum without a total": ("releases", lambda: release_body(announced_total_is_minimum=True),
                                  "announced_total", "more than"),
    "a negative total": ("releases", lambda: release_body(announced_total=-5),
                         "announced_total", "greater than or equal to 0"),
    "the same party twice": ("releases", lambda: release_body(party_roles=one_party_twice()),
                             "party_roles", "one role per event"),
    "the same person twice": ("releases", lambda: release_body(released_people=one_person_twice()),
                              "released_people", "listed twice"),
    "an unknown role": ("releases", lambda: release_body(party_roles=[
        {"party": PartyFactory().pk, "role": "kidnapper"}]), "party_roles", "not a valid choice"),
    "an invalid releasing country": ("releases", lambda: release_body(releasing_country="XX"),
                                     "releasing_country", "not a valid choice"),
    "an invalid citizenship at release": ("releases", lambda: release_body(released_people=[
        {"prisoner": PrisonerFactory().pk, "citizenship_at_release": ["XX"]}]),
        "released_people", "not a valid choice"),
    "an invalid citizenship": ("prisoners", lambda: prisoner_body(citizenships=["US", "XX"]),
                               "citizenships", "not a valid choice"),
    "a citizenship twice": ("prisoners", lambda: prisoner_body(citizenships=["US", "US"]),
                            "citizenships", "listed twice"),
    "a spelling twice": ("prisoners", lambda: prisoner_body(names=[{"text": "Ihar"}, {"text": "Ihar"}]),
                         "names", "listed twice"),
    "an empty name": ("prisoners", lambda: prisoner_body(names=[{"text": ""}]), "names", "blank"),
    "birth year 1800": ("prisoners", lambda: prisoner_body(birth_year=1800),
                        "birth_year", "greater than or equal to 1900"),
    "an age without its date": ("prisoners", lambda: prisoner_body(reported_age=56),
                                "age_reported_on", "date of the report"),
    "an age of 200": ("prisoners", lambda: prisoner_body(reported_age=200, age_reported_on="2025-02-12"),
                      "reported_age", "less than or equal to 130"),
    "an invalid party country": ("parties", lambda: party_body(country="XX"), "country", "not a valid choice"),
    "an unknown party kind": ("parties", lambda: party_body(kind="cartel"), "kind", "not a valid choice"),
    "a citation without a source": ("citations", lambda: {"release": ReleaseEventFactory().pk},
                                    "source", "required"),
    "a citation of an unknown record": ("citations", lambda: {
        "source": SourceFactory().pk, "release": 10**6}, "release", "does not exist"),
}


@pytest.mark.parametrize("case", CREATE_CASES)
def test_a_bad_record_is_refused_naming_the_field_and_nothing_is_stored(as_editor, case):
    resource, build, field, fragment = CREATE_CASES[case]
    body = build()
    before = stored()
    refused(as_editor.post(list_url(resource), body, format="json"), field, fragment)
    assert stored() == before


@pytest.mark.parametrize("resource, factory, body", [
    ("releases", ReleaseEventFactory, release_body),
    ("prisoners", PrisonerFactory, prisoner_body),
    ("parties", PartyFactory, party_body),
    ("sources", SourceFactory, source_body),
])
def test_a_duplicate_slug_is_refused(as_editor, resource, factory, body):
    factory(slug="taken")
    before = stored()
    refused(as_editor.post(list_url(resource), body(slug="taken"), format="json"), "slug", "already exists")
    assert stored() == before


@pytest.mark.parametrize("bad_row", [
    {"prisoner": 10**6},
    {"prisoner": "PRISONER", "citizenship_at_release": ["XX"]},
    {"prisoner": "PRISONER", "conditions": "x" * 301},
    {"prisoner": "PRISONER", "destination": "a\u0000b"},
    {"prisoner": "PRISONER", "destination": ["not", "a", "string"]},
])
def test_a_release_whose_second_person_is_invalid_creates_nothing(as_editor, bad_row):
    first, second = PrisonerFactory.create_batch(2)
    bad_row = {k: second.pk if v == "PRISONER" else v for k, v in bad_row.items()}
    before = stored()
    response = as_editor.post(list_url("releases"), release_body(
        released_people=[{"prisoner": first.pk}, bad_row]), format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["released_people"]) == ["1"]  # the error points at the row
    assert stored() == before
    assert not ReleaseEvent.objects.exists() and not ReleasedPerson.objects.exists()


# -- refused updates change nothing -----------------------------------------------------------

def test_a_party_cannot_be_its_own_parent(as_editor):
    party = PartyFactory(publication_status="draft")
    refused(as_editor.patch(detail_url("parties", party), {"parent": party.pk}, format="json"),
            "parent", "cannot belong to itself")
    party.refresh_from_db()
    assert party.parent is None


def test_a_party_cannot_belong_to_itself_through_another(as_editor):
    government = PartyFactory()
    agency = PartyFactory(parent=government)
    refused(as_editor.patch(detail_url("parties", government), {"parent": agency.pk}, format="json"),
            "parent", "cannot belong to itself")
    assert Party.objects.get(pk=government.pk).parent is None


def test_a_refused_patch_changes_neither_the_record_nor_its_rows(as_editor):
    event = ReleaseEventFactory(title="Original", announced_total=2)
    row = ReleasedPersonFactory(release=event, conditions="left the country")
    other = PrisonerFactory()
    before = stored()
    response = as_editor.patch(detail_url("releases", event), {
        "title": "Changed", "released_people": [{"prisoner": other.pk}, {"prisoner": 10**6}],
    }, format="json")
    assert response.status_code == 400
    assert stored() == before
    event.refresh_from_db()
    assert event.title == "Original"
    assert list(event.released_people.values_list("pk", "prisoner", "conditions")) == [
        (row.pk, row.prisoner_id, "left the country")]


@pytest.mark.parametrize("change, field, fragment", [
    ({"date_to": "2025-01-01"}, "date_to", "before its start"),
    ({"announced_total": 1}, "released_people", "2 people are named but the announced total is 1"),
    ({"slug": "taken"}, "slug", "already exists"),
    ({"kind": "kidnapping"}, "kind", "not a valid choice"),
])
def test_a_refused_patch_is_400_and_leaves_the_record_as_it_was(as_editor, change, field, fragment):
    ReleaseEventFactory(slug="taken")
    event = ReleaseEventFactory(announced_total=3)
    ReleasedPersonFactory.create_batch(2, release=event)
    refused(as_editor.patch(detail_url("releases", event), change, format="json"), field, fragment)
    fresh = ReleaseEvent.objects.get(pk=event.pk)
    assert (fresh.date_to, fresh.announced_total, fresh.slug, fresh.kind) == (
        event.date_to, 3, event.slug, event.kind)
    assert fresh.history.count() == 1


# -- source links and non-field errors --------------------------------------------------------

BAD_LINKS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "javascript://example.org/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>", "ftp://example.org/report.pdf", "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("link", BAD_LINKS)
def test_a_source_link_must_be_http_or_https(as_editor, link):
    before = stored()
    response = as_editor.post(list_url("sources"), source_body(link=link), format="json")
    assert response.status_code == 400
    errors = response.json()
    # Observed: the error is keyed "url" (the model field), not "link" (see the xfail below).
    assert {"link", "url"} & set(errors), errors
    assert "Enter a valid URL." in flat(errors)
    assert stored() == before


def test_a_bad_source_link_is_reported_under_the_key_the_script_sent(as_editor):
    errors = as_editor.post(list_url("sources"), source_body(link="javascript:alert(1)"),
                            format="json").json()
    assert "link" in errors and "url" not in errors, errors


def test_a_citation_without_a_subject_is_refused(as_editor):
    source = SourceFactory()
    before = stored()
    response = as_editor.post(list_url("citations"), {"source": source.pk, "claim": "date"}, format="json")
    assert response.status_code == 400
    assert "A citation must support a fact about a release, a person or a party." in flat(response.json())
    assert stored() == before


def test_a_citation_without_a_subject_is_a_non_field_error(as_editor):
    response = as_editor.post(list_url("citations"), {"source": SourceFactory().pk}, format="json")
    assert "non_field_errors" in response.json() and "__all__" not in response.json()


# -- unknown and server-owned fields, body shapes ---------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("bogus", 1), ("id", 5), ("published_at", "2025-02-12T10:00:00Z"),
    ("created_at", "2020-01-01T00:00:00Z"), ("updated_at", "2020-01-01T00:00:00Z"), ("history", []),
    ("history_id", 1), ("internal_notes", "not through the API"), ("tittle", "misspelt"),
])
def test_unknown_and_server_owned_fields_are_refused(as_editor, field, value):
    event = ReleaseEventFactory(publication_status="draft")
    before = stored()
    created = as_editor.post(list_url("releases"), release_body(**{field: value}), format="json")
    patched = as_editor.patch(detail_url("releases", event), {"title": "Changed", field: value}, format="json")
    for response in (created, patched):
        assert response.status_code == 400
        assert list(response.json()) == [field]
        assert response.json()[field][0].startswith(("Set by the server", "Unknown field"))
    assert stored() == before
    fresh = ReleaseEvent.objects.get(pk=event.pk)
    assert (fresh.title, fresh.updated_at, fresh.published_at) == (event.title, event.updated_at, None)


@pytest.mark.parametrize("resource", ["releases", "prisoners", "parties", "sources", "citations"])
def test_every_resource_names_each_refused_field(as_editor, resource):
    response = as_editor.post(list_url(resource), {"bogus": 1, "id": 5}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"bogus", "id"}


def test_unknown_fields_in_nested_rows_are_refused(as_editor):
    response = as_editor.post(list_url("releases"), release_body(released_people=[
        {"prisoner": PrisonerFactory().pk, "conditons": "left the country", "internal_notes": "x"}]),
        format="json")
    assert response.status_code == 400
    assert "conditons" in response.content.decode()
    assert not ReleaseEvent.objects.exists()


@pytest.mark.parametrize("raw", ["[]", '[{"title": "x"}]', '"a string"', "5", "true", "null"])
def test_a_body_that_is_not_a_json_object_is_400(as_editor, raw):
    event = ReleaseEventFactory()
    before = stored()
    for response in (
        as_editor.generic("POST", list_url("releases"), raw, content_type="application/json"),
        as_editor.generic("PATCH", detail_url("releases", event), raw, content_type="application/json"),
    ):
        assert response.status_code == 400
        assert response.json()["non_field_errors"]
    assert stored() == before


@pytest.mark.parametrize("raw", ['{"title": "x",', "{title: 'x'}", '{"title": NaN}', b'{"title": "\xe9"}'])
def test_malformed_json_is_400(as_editor, raw):
    before = stored()
    response = as_editor.generic("POST", list_url("releases"), raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    assert stored() == before


@pytest.mark.parametrize("content_type, raw", [
    ("application/x-www-form-urlencoded", "title=x&slug=x&kind=pardon&date_from=2025-02-12"),
    ("multipart/form-data; boundary=B", '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--B--\r\n'),
    ("text/plain", '{"title": "x"}'),
])
def test_a_body_that_is_not_json_is_415(as_editor, content_type, raw):
    before = stored()
    response = as_editor.generic("POST", list_url("releases"), raw, content_type=content_type)
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]
    assert stored() == before
