"""Hostile or broken input from a script never causes a 500 and stores nothing it should not:
over-long strings, NUL bytes, markup, wrong types, impossible dates, huge numbers."""
import pytest

from releases.models import Party, ReleaseEvent

from tests.support.factories import (
    PartyFactory, PrisonerFactory, ReleaseEventFactory, SourceFactory,
)
from tests.support.api import (
    detail_url, flat, list_url, party_body, prisoner_body, release_body, script, source_body,
    stored,
)

LONG = "x" * 10_000


def body_for(resource, **fields):
    if resource == "citations":
        return {"source": SourceFactory().pk, "release": ReleaseEventFactory().pk, **fields}
    return {"releases": release_body, "prisoners": prisoner_body, "parties": party_body,
            "sources": source_body}[resource](**fields)


def nested(name, **row):
    """A one-row nested list whose row needs a fresh prisoner or party."""
    if name == "released_people":
        return {name: [{"prisoner": PrisonerFactory().pk, **row}]}
    if name == "party_roles":
        return {name: [{"party": PartyFactory().pk, "role": "envoy", **row}]}
    return {name: [row]}


def assert_refused(response, field, fragment):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    errors = response.json()
    assert field in errors, errors
    assert fragment in flat(errors[field]), errors


# -- over-long strings ------------------------------------------------------------------------

@pytest.mark.parametrize("resource, fields, field, fragment", [
    ("releases", {"title": LONG}, "title", "no more than 250 characters"),
    ("releases", {"slug": LONG}, "slug", "no more than 220 characters"),
    ("releases", {"handover_place": LONG}, "handover_place", "no more than 200 characters"),
    ("releases", "released_people:conditions", "released_people", "no more than 300 characters"),
    ("releases", "party_roles:note", "party_roles", "no more than 300 characters"),
    ("prisoners", {"preferred_name": LONG}, "preferred_name", "no more than 200 characters"),
    ("prisoners", "names:text", "names", "no more than 200 characters"),
    ("parties", {"name": LONG}, "name", "no more than 200 characters"),
    ("sources", {"link": "https://example.org/" + LONG}, "link", "no more than 1000 characters"),
    ("citations", {"quote": LONG}, "quote", "no more than 1200 characters"),
])
def test_over_long_strings_are_refused(as_editor, resource, fields, field, fragment):
    if isinstance(fields, str):
        name, key = fields.split(":")
        fields = nested(name, **{key: LONG})
    body = body_for(resource, **fields)
    before = stored()
    assert_refused(as_editor.post(list_url(resource), body, format="json"), field, fragment)
    assert stored() == before


def test_a_long_text_field_is_stored_whole(as_editor):
    response = as_editor.post(list_url("releases"), release_body(summary=LONG), format="json")
    assert response.status_code == 201, response.content[:300]
    assert ReleaseEvent.objects.get().summary == LONG


# -- NUL bytes (PostgreSQL text cannot hold them) ---------------------------------------------

NUL = "a\u0000b"


@pytest.mark.parametrize("resource, fields, field", [
    ("releases", {"title": NUL}, "title"),
    ("releases", {"summary": NUL}, "summary"),
    ("releases", {"slug": NUL}, "slug"),
    ("releases", "released_people:conditions", "released_people"),
    ("releases", "party_roles:note", "party_roles"),
    ("prisoners", {"preferred_name": NUL}, "preferred_name"),
    ("prisoners", "names:text", "names"),
    ("parties", {"description": NUL}, "description"),
    ("parties", "names:text", "names"),
    ("sources", {"link": "https://example.org/a\u0000b"}, "link"),
    ("sources", {"outlet": NUL}, "outlet"),
    ("citations", {"quote": NUL}, "quote"),
])
def test_a_nul_byte_is_refused_not_a_server_error(as_editor, resource, fields, field):
    if isinstance(fields, str):
        name, key = fields.split(":")
        fields = nested(name, **{key: NUL})
    body = body_for(resource, **fields)
    before = stored()
    assert_refused(as_editor.post(list_url(resource), body, format="json"), field, "Null characters")
    assert stored() == before


def test_a_nul_byte_in_a_patch_changes_nothing(as_editor):
    event = ReleaseEventFactory(title="Original")
    assert_refused(as_editor.patch(detail_url("releases", event), {"title": NUL}, format="json"),
                   "title", "Null characters are not allowed.")
    event.refresh_from_db()
    assert event.title == "Original"


# -- markup is text ---------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'


def test_markup_is_stored_as_text_and_escaped_on_the_public_page(as_editor, as_publisher):
    person, party = PrisonerFactory(), PartyFactory()
    response = as_editor.post(list_url("releases"), release_body(
        title=SCRIPT, summary=f"Freed {SCRIPT}", handover_place=IMG,
        released_people=[{"prisoner": person.pk, "conditions": IMG}],
        party_roles=[{"party": party.pk, "role": "envoy", "note": SCRIPT}],
    ), format="json")
    assert response.status_code == 201, response.content
    event = ReleaseEvent.objects.get()
    assert (event.title, event.summary, event.handover_place) == (SCRIPT, f"Freed {SCRIPT}", IMG)
    assert event.released_people.get().conditions == IMG
    assert event.party_roles.get().note == SCRIPT

    assert as_publisher.patch(detail_url("releases", event), {"publication_status": "published"},
                              format="json").status_code == 200
    # The API returns the text as it was written...
    assert script().get(detail_url("releases", event)).json()["title"] == SCRIPT
    # ...and the public page shows it as text.
    page = script().get(event.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


# -- wrong types ------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("announced_total", "many"), ("announced_total", 2.5), ("announced_total", [2]),
    ("released_people", "x"), ("released_people", [5]), ("released_people", {"prisoner": 1}),
    ("party_roles", "x"), ("date_from", 20250212), ("date_from", "12/02/2025"),
    ("kind", ["pardon"]), ("announced_total_is_minimum", "maybe"), ("title", {"text": "x"}),
    ("title", True), ("title", None), ("releasing_country", 5), ("date_precision", "week"),
])
def test_a_value_of_the_wrong_type_is_400_naming_the_field(as_editor, field, value):
    before = stored()
    response = as_editor.post(list_url("releases"), release_body(**{field: value}), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert stored() == before


def test_a_number_for_a_text_field_is_refused(as_editor):
    response = as_editor.post(list_url("releases"), release_body(title=5), format="json")
    assert response.status_code == 400
    assert not ReleaseEvent.objects.exists()


# -- dates and numbers out of range -----------------------------------------------------------

@pytest.mark.parametrize("resource, field, value", [
    ("releases", "date_from", "10000-01-01"), ("releases", "date_from", "0000-01-01"),
    ("releases", "date_from", "-0001-01-01"), ("releases", "date_from", "2025-02-30"),
    ("releases", "date_to", "10000-01-01"), ("sources", "published_on", "0000-01-01"),
    ("prisoners", "age_reported_on", "99999-01-01"),
])
def test_a_date_out_of_range_is_400(as_editor, resource, field, value):
    body = body_for(resource, **{field: value})
    before = stored()
    response = as_editor.post(list_url(resource), body, format="json")
    assert_refused(response, field, "Date has wrong format")
    assert stored() == before


def test_the_last_day_of_year_9999_is_accepted(as_editor):
    response = as_editor.post(list_url("releases"), release_body(
        date_from="9999-12-31", date_precision="year"), format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["date_from"], response.json()["date_to"]) == ("9999-01-01", "9999-12-31")


@pytest.mark.parametrize("resource, fields, field", [
    ("releases", {"announced_total": 10**20}, "announced_total"),
    ("releases", {"announced_total": -(10**20)}, "announced_total"),
    ("prisoners", {"birth_year": 10**20}, "birth_year"),
    ("prisoners", {"reported_age": 10**20, "age_reported_on": "2025-02-12"}, "reported_age"),
    ("releases", {"released_people": [{"prisoner": 10**20}]}, "released_people"),
    ("parties", {"parent": 10**20}, "parent"),
    ("citations", {"source": 10**20}, "source"),
])
def test_a_huge_integer_is_400(as_editor, resource, fields, field):
    body = body_for(resource, **fields)
    before = stored()
    response = as_editor.post(list_url(resource), body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert stored() == before


def test_a_huge_id_in_the_url_is_404(as_editor):
    response = as_editor.patch(detail_url("releases", 10**20), {"title": "x"}, format="json")
    assert response.status_code == 404


# -- server errors found ----------------------------------------------------------------------

def test_a_party_with_a_spelling_twice_stores_nothing(as_editor):
    before = stored()
    as_editor.post(list_url("parties"), party_body(names=[{"text": "OSCE"}, {"text": "OSCE"}]), format="json")
    assert stored() == before
    assert not Party.objects.exists()


def test_a_party_with_a_spelling_twice_is_400(as_editor):
    response = as_editor.post(list_url("parties"), party_body(names=[{"text": "OSCE"}, {"text": "OSCE"}]),
                              format="json")
    assert response.status_code == 400
    assert "names" in response.json()


def test_a_deeply_nested_json_body_is_400(as_editor):
    raw = "[" * 100_000 + "]" * 100_000
    response = as_editor.generic("POST", list_url("releases"), raw, content_type="application/json")
    assert response.status_code == 400
