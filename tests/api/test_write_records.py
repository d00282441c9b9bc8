"""Whole records in one request through the API: nested rows, date normalization, the
publication workflow and who the history says made each change."""
import datetime

import pytest

from releases.models import (
    Citation, Citizenship, Party, PartyName, PartyRole, Prisoner, PrisonerName, PublicationStatus,
    ReleasedPerson, ReleaseEvent, Source,
)

from tests.support.factories import (
    PartyFactory, PartyRoleFactory, PrisonerFactory, ReleasedPersonFactory, ReleaseEventFactory,
    SourceFactory,
)
from tests.support.api import (
    detail_url, list_url, party_body, prisoner_body, release_body, script, source_body, stored,
)


def people_rows(event):
    """(prisoner, citizenships, destination, conditions) for each released person, in order."""
    return [
        (row.prisoner, sorted(c.code for c in row.citizenship_at_release), row.destination, row.conditions)
        for row in ReleasedPerson.objects.filter(release=event).order_by("id")
    ]


# -- a whole release in one request -----------------------------------------------------------

def test_editor_creates_a_whole_release_in_one_request(as_editor, editor):
    first, second = PrisonerFactory.create_batch(2)
    state, envoy = PartyFactory(country="BY"), PartyFactory(kind="official")
    response = as_editor.post(list_url("releases"), release_body(
        announced_total=3, releasing_country="BY", handover_place="Minsk", destination="Vilnius",
        destination_country="LT",
        released_people=[
            {"prisoner": first.pk, "citizenship_at_release": ["US", "BY"], "destination": "Warsaw",
             "conditions": "left the country"},
            {"prisoner": second.pk},
        ],
        party_roles=[
            {"party": state.pk, "role": "releasing_authority", "note": "pardoned by decree"},
            {"party": envoy.pk, "role": "envoy", "note": ""},
        ],
    ), format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    event = ReleaseEvent.objects.get(pk=data["id"])
    assert [row["prisoner"] for row in data["released_people"]] == [first.pk, second.pk]
    assert sorted(data["released_people"][0]["citizenship_at_release"]) == ["BY", "US"]
    assert [(row["party"], row["role"]) for row in data["party_roles"]] == [
        (state.pk, "releasing_authority"), (envoy.pk, "envoy")]
    assert people_rows(event) == [
        (first, ["BY", "US"], "Warsaw", "left the country"), (second, [], "", ""),
    ]
    assert {(r.party, r.role, r.note) for r in event.party_roles.all()} == {
        (state, "releasing_authority", "pardoned by decree"), (envoy, "envoy", ""),
    }
    assert (event.releasing_country.code, event.destination_country.code, event.announced_total) == (
        "BY", "LT", 3)
    assert event.publication_status == PublicationStatus.DRAFT
    assert event.date_to == datetime.date(2025, 2, 12)  # filled from the precision


def test_patch_with_released_people_replaces_the_list(as_editor):
    event = ReleaseEventFactory(publication_status="draft")
    kept, dropped, added = PrisonerFactory.create_batch(3)
    ReleasedPersonFactory(release=event, prisoner=kept, conditions="old")
    ReleasedPersonFactory(release=event, prisoner=dropped)
    old_party, new_party = PartyFactory(), PartyFactory()
    PartyRoleFactory(release=event, party=old_party)

    response = as_editor.patch(detail_url("releases", event), {
        "released_people": [{"prisoner": kept.pk, "conditions": "new"}, {"prisoner": added.pk}],
        "party_roles": [{"party": new_party.pk, "role": "mediator"}],
    }, format="json")

    assert response.status_code == 200, response.content
    assert [row["prisoner"] for row in response.json()["released_people"]] == [kept.pk, added.pk]
    assert people_rows(event) == [(kept, [], "", "new"), (added, [], "", "")]
    assert [(r.party, r.role) for r in event.party_roles.all()] == [(new_party, "mediator")]
    assert not ReleasedPerson.objects.filter(prisoner=dropped).exists()


def test_patch_with_an_empty_list_removes_everyone(as_editor):
    event = ReleaseEventFactory(publication_status="draft")
    ReleasedPersonFactory.create_batch(2, release=event)
    response = as_editor.patch(detail_url("releases", event), {"released_people": []}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["released_people"] == []
    assert not event.released_people.exists()


def test_patch_without_released_people_leaves_people_and_roles_untouched(as_editor):
    event = ReleaseEventFactory(publication_status="draft", announced_total=2)
    person = ReleasedPersonFactory(release=event, conditions="left the country", destination="Vilnius")
    role = PartyRoleFactory(release=event, note="pardoned by decree")
    rows_before = list(ReleasedPerson.objects.values()), list(PartyRole.objects.values())

    response = as_editor.patch(detail_url("releases", event), {"title": "Renamed"}, format="json")

    assert response.status_code == 200, response.content
    assert [row["prisoner"] for row in response.json()["released_people"]] == [person.prisoner_id]
    assert [row["party"] for row in response.json()["party_roles"]] == [role.party_id]
    # Same rows, same ids: nothing was deleted and re-created.
    assert (list(ReleasedPerson.objects.values()), list(PartyRole.objects.values())) == rows_before
    event.refresh_from_db()
    assert event.title == "Renamed"


@pytest.mark.parametrize("precision, date_from, date_to", [
    ("day", "2025-02-12", "2025-02-12"),
    ("month", "2025-02-01", "2025-02-28"),
    ("year", "2025-01-01", "2025-12-31"),
])
def test_a_date_is_normalized_to_its_precision(as_editor, precision, date_from, date_to):
    response = as_editor.post(list_url("releases"), release_body(
        date_from="2025-02-12", date_precision=precision), format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["date_from"], response.json()["date_to"]) == (date_from, date_to)
    event = ReleaseEvent.objects.get()
    assert (str(event.date_from), str(event.date_to)) == (date_from, date_to)


def test_changing_the_precision_by_patch_normalizes_the_stored_dates(as_editor):
    event = ReleaseEventFactory(date_from=datetime.date(2024, 2, 12), publication_status="draft")
    response = as_editor.patch(detail_url("releases", event), {"date_precision": "month"}, format="json")
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert (event.date_from, event.date_to) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert event.date_display == "February 2024"


# -- people, parties, sources, citations ------------------------------------------------------

NAMES = [
    {"text": "Ігар Карней", "language": "be", "script": "Cyrl", "romanization": "native"},
    {"text": "Igor Karney", "language": "ru", "script": "Latn", "romanization": "press"},
]


def name_rows(person):
    return list(person.names.order_by("id").values("text", "language", "script", "romanization"))


def test_a_prisoner_with_names_and_citizenships_is_stored_and_patch_replaces_them(as_editor):
    # What was stored, whatever the answer.
    as_editor.post(list_url("prisoners"), prisoner_body(
        names=NAMES, citizenships=["US", "UA"], birth_year=1962), format="json")
    person = Prisoner.objects.get(slug="ihar-karnei")
    assert name_rows(person) == NAMES
    assert sorted(c.country.code for c in person.citizenships.all()) == ["UA", "US"]
    assert (person.birth_year, person.publication_status) == (1962, "draft")

    as_editor.patch(detail_url("prisoners", person), {
        "names": [{"text": "Ihar Karnei", "language": "be", "script": "Latn", "romanization": "bgn_pcgn"}],
        "citizenships": ["BY"],
    }, format="json")
    assert name_rows(person) == [
        {"text": "Ihar Karnei", "language": "be", "script": "Latn", "romanization": "bgn_pcgn"}]
    assert [c.country.code for c in person.citizenships.all()] == ["BY"]

    as_editor.patch(detail_url("prisoners", person), {"occupation": "Journalist"}, format="json")
    assert len(name_rows(person)) == 1 and person.citizenships.count() == 1


def test_creating_a_prisoner_answers_201_with_the_stored_names_and_citizenships(as_editor):
    response = as_editor.post(list_url("prisoners"), prisoner_body(
        names=NAMES, citizenships=["US", "UA"]), format="json")
    assert response.status_code == 201, response.status_code
    assert response.json()["names"] == NAMES
    assert sorted(response.json()["citizenships"]) == ["UA", "US"]


def test_a_party_with_names_and_a_parent(as_editor):
    government = PartyFactory(country="US")
    response = as_editor.post(list_url("parties"), party_body(
        parent=government.pk, names=[{"text": "State Department", "language": "en"}]), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["names"] == [
        {"text": "State Department", "language": "en", "script": "Latn", "romanization": "press"}]
    party = Party.objects.get(pk=response.json()["id"])
    assert (party.parent, party.country.code) == (government, "US")
    assert list(party.names.values_list("text", flat=True)) == ["State Department"]


@pytest.mark.parametrize("link", ["https://www.rferl.org/a/1.html", "http://example.org/report?id=1"])
def test_a_source_link_is_stored_as_its_url(as_editor, link):
    response = as_editor.post(list_url("sources"), source_body(link=link), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["link"] == link
    assert Source.objects.get().url == link


@pytest.mark.parametrize("subject", ["release", "prisoner", "party"])
def test_a_citation_ties_a_source_to_a_release_a_person_or_a_party(as_editor, subject):
    source = SourceFactory()
    target = {"release": ReleaseEventFactory, "prisoner": PrisonerFactory, "party": PartyFactory}[subject]()
    response = as_editor.post(list_url("citations"), {
        "source": source.pk, subject: target.pk, "claim": "general", "account": "freed",
        "quote": "a brief quote", "locator": "para. 3",
    }, format="json")
    assert response.status_code == 201, response.content
    citation = Citation.objects.get(pk=response.json()["id"])
    assert (citation.source, citation.subject, citation.account, citation.locator) == (
        source, target, "freed", "para. 3")


# -- publication ------------------------------------------------------------------------------

PUBLISHABLE = ["releases", "prisoners", "parties", "sources"]
FACTORIES = {"releases": ReleaseEventFactory, "prisoners": PrisonerFactory,
             "parties": PartyFactory, "sources": SourceFactory}
BODIES = {"releases": release_body, "prisoners": prisoner_body, "parties": party_body,
          "sources": source_body}
ONLY_PUBLISHERS = "Only publishers can publish or unpublish."


@pytest.mark.parametrize("resource", PUBLISHABLE)
def test_an_editor_cannot_create_a_published_record(as_editor, resource):
    before = stored()
    response = as_editor.post(list_url(resource), BODIES[resource](publication_status="published"),
                              format="json")
    assert response.status_code == 400
    assert response.json() == {"publication_status": [ONLY_PUBLISHERS]}
    assert stored() == before


@pytest.mark.parametrize("resource", PUBLISHABLE)
def test_an_editor_cannot_publish_a_draft(as_editor, resource):
    record = FACTORIES[resource](publication_status="review")
    response = as_editor.patch(detail_url(resource, record), {"publication_status": "published"},
                               format="json")
    assert response.status_code == 400
    assert response.json() == {"publication_status": [ONLY_PUBLISHERS]}
    record.refresh_from_db()
    assert (record.publication_status, record.published_at) == ("review", None)


@pytest.mark.parametrize("resource", PUBLISHABLE)
@pytest.mark.parametrize("status", ["draft", "review"])
def test_an_editor_cannot_unpublish(as_editor, resource, status):
    record = FACTORIES[resource]()
    response = as_editor.patch(detail_url(resource, record), {"publication_status": status}, format="json")
    assert response.status_code == 400
    assert response.json() == {"publication_status": [ONLY_PUBLISHERS]}
    record.refresh_from_db()
    assert record.publication_status == "published"
    assert script().get(detail_url(resource, record)).status_code == 200


def test_an_editor_may_submit_for_review_and_edit_a_published_record(as_editor):
    response = as_editor.post(list_url("releases"), release_body(publication_status="review"), format="json")
    assert response.status_code == 201, response.content
    assert ReleaseEvent.objects.get().publication_status == "review"

    draft = ReleaseEventFactory(publication_status="draft")
    assert as_editor.patch(detail_url("releases", draft), {"publication_status": "review"},
                           format="json").status_code == 200
    draft.refresh_from_db()
    assert draft.publication_status == "review"

    published = ReleaseEventFactory()
    response = as_editor.patch(detail_url("releases", published), {"summary": "Corrected"}, format="json")
    assert response.status_code == 200, response.content
    published.refresh_from_db()
    assert (published.summary, published.publication_status) == ("Corrected", "published")


@pytest.mark.parametrize("resource", ["releases", "parties", "sources"])
def test_a_publisher_publishes_and_unpublishes(as_publisher, resource):
    response = as_publisher.post(list_url(resource), BODIES[resource](publication_status="published"),
                                 format="json")
    assert response.status_code == 201, response.content
    record = FACTORIES[resource]._meta.model.objects.get(pk=response.json()["id"])
    assert record.publication_status == "published"
    first_published = record.published_at
    assert first_published is not None
    assert script().get(detail_url(resource, record)).status_code == 200

    response = as_publisher.patch(detail_url(resource, record), {"publication_status": "draft"}, format="json")
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.publication_status == "draft"
    assert record.published_at == first_published  # the first publication time is kept
    assert script().get(detail_url(resource, record)).status_code == 404


def test_publishing_a_draft_by_patch_sets_published_at(as_publisher):
    draft = ReleaseEventFactory(publication_status="review")
    response = as_publisher.patch(detail_url("releases", draft), {"publication_status": "published"},
                                  format="json")
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.publication_status == "published"
    assert draft.published_at is not None


# -- history: who changed what ----------------------------------------------------------------

def history_users(model):
    return {(h.history_type, h.history_user.username if h.history_user else None)
            for h in model.history.all()}


def test_every_write_to_a_release_and_its_rows_is_attributed_to_the_tokens_user(editor, publisher):
    people, party = PrisonerFactory.create_batch(3), PartyFactory()
    as_editor_script = script(editor)
    response = as_editor_script.post(list_url("releases"), release_body(
        released_people=[{"prisoner": p.pk} for p in people[:2]],
        party_roles=[{"party": party.pk, "role": "envoy"}]), format="json")
    assert response.status_code == 201, response.content
    event = ReleaseEvent.objects.get()
    assert [(h.history_type, h.history_user) for h in event.history.all()] == [("+", editor)]
    assert history_users(ReleasedPerson) == {("+", "editor")}
    assert history_users(PartyRole) == {("+", "editor")}

    response = as_editor_script.patch(detail_url("releases", event), {
        "title": "Corrected", "released_people": [{"prisoner": people[2].pk}]}, format="json")
    assert response.status_code == 200, response.content
    assert event.history.latest().history_user == editor
    assert history_users(ReleasedPerson) == {("+", "editor"), ("-", "editor")}
    assert ReleasedPerson.history.filter(history_type="-").count() == 2

    response = script(publisher).patch(detail_url("releases", event), {"publication_status": "published"},
                                       format="json")
    assert response.status_code == 200, response.content
    latest = event.history.latest()
    assert (latest.history_user, latest.publication_status) == (publisher, "published")
    assert event.history.count() == 3


def test_names_and_citizenships_written_by_a_script_are_attributed_to_its_user(as_editor):
    as_editor.post(list_url("prisoners"), prisoner_body(names=NAMES, citizenships=["US"]), format="json")
    as_editor.post(list_url("parties"), party_body(names=[{"text": "State Department"}]), format="json")
    assert history_users(Prisoner) == {("+", "editor")}
    assert history_users(PrisonerName) == {("+", "editor")}
    assert PrisonerName.history.count() == 2
    assert history_users(Citizenship) == {("+", "editor")}
    assert history_users(Party) == {("+", "editor")}
    assert history_users(PartyName) == {("+", "editor")}


def test_sources_and_citations_written_by_a_script_are_attributed_to_its_user(as_editor):
    response = as_editor.post(list_url("sources"), source_body(), format="json")
    assert response.status_code == 201, response.content
    source = Source.objects.get()
    response = as_editor.post(list_url("citations"), {
        "source": source.pk, "release": ReleaseEventFactory().pk, "claim": "date"}, format="json")
    assert response.status_code == 201, response.content
    assert history_users(Source) == {("+", "editor")}
    assert history_users(Citation) == {("+", "editor")}
