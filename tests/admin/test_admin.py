"""The editors' admin: a whole release in one screen, publication rights, history, errors."""
import datetime

import pytest

from releases.models import (
    Citation, PartyRole, PublicationStatus, ReleasedPerson, ReleaseEvent,
)

from tests.support.factories import (
    PartyFactory, PrisonerFactory, PrisonerNameFactory, ReleaseEventFactory, SourceFactory,
)
from tests.support.admin import ADMIN, errors_in, inline, release_form

ADD_RELEASE = ADMIN + "releases/releaseevent/add/"


def test_editor_adds_a_whole_release_in_one_screen(client, editor):
    people = PrisonerFactory.create_batch(3)
    envoy, state = PartyFactory(kind="official"), PartyFactory()
    minsk_account, vilnius_account = SourceFactory(), SourceFactory()
    client.force_login(editor)

    response = client.post(ADD_RELEASE, release_form(
        people=people,
        roles=[(state, "releasing_authority"), (envoy, "envoy")],
        citations=[(minsk_account, "handover_place", "Minsk"), (vilnius_account, "handover_place", "Vilnius")],
    ))

    assert response.status_code == 302, errors_in(response)
    event = ReleaseEvent.objects.get(slug="belarus-frees-three")
    assert set(event.prisoners.all()) == set(people)
    assert {(r.party, r.role) for r in event.party_roles.all()} == {
        (state, "releasing_authority"), (envoy, "envoy")
    }
    # Both accounts of the disputed handover place are kept; neither wins.
    assert sorted(event.citations.values_list("account", flat=True)) == ["Minsk", "Vilnius"]
    assert event.publication_status == PublicationStatus.DRAFT
    assert event.date_to == datetime.date(2025, 2, 12)
    assert event.history.get().history_user == editor


def test_month_precision_is_normalized_when_entered(client, editor):
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(
        date_from="2025-01-17", date_precision="month", announced_total="",
    ))
    assert response.status_code == 302, errors_in(response)
    event = ReleaseEvent.objects.get()
    assert (event.date_from, event.date_to) == (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    assert event.date_display == "January 2025"


@pytest.mark.parametrize("fields, message", [
    ({"date_from": "2025-02-12", "date_to": "2025-02-01"}, "before its start"),
    ({"date_from": "2025-13-45"}, "Enter a valid date"),
    ({"kind": "kidnapping"}, "Select a valid choice"),
    ({"announced_total": "", "announced_total_is_minimum": "on"}, "more than"),
    ({"announced_total": "-5"}, "greater than or equal to 0"),
])
def test_a_bad_release_is_refused_with_a_readable_message(client, editor, fields, message):
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(**fields))
    assert response.status_code == 200
    assert message in errors_in(response)
    assert not ReleaseEvent.objects.exists()


def test_more_named_people_than_the_announced_total_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(
        people=PrisonerFactory.create_batch(3), announced_total="2",
    ))
    assert response.status_code == 200
    assert "3 people are named but the announced total is 2" in errors_in(response)
    assert not ReleaseEvent.objects.exists()
    assert not ReleasedPerson.objects.exists()


def test_one_party_cannot_hold_two_roles_in_one_event(client, editor):
    party = PartyFactory()
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(
        roles=[(party, "envoy"), (party, "escort")],
    ))
    assert response.status_code == 200
    assert "duplicate" in errors_in(response).lower()
    assert not PartyRole.objects.exists()


def test_citation_without_a_source_is_refused_not_dropped(client, editor):
    client.force_login(editor)
    data = release_form()
    data.update(inline("citations", [{"source": "", "claim": "date", "account": "12 February", "quote": "q"}]))
    response = client.post(ADD_RELEASE, data)
    assert response.status_code == 200
    assert "This field is required" in errors_in(response)
    assert not Citation.objects.exists()


def test_editor_cannot_publish_but_can_submit_for_review(client, editor):
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(publication_status="published"))
    assert response.status_code == 200
    assert "Select a valid choice" in errors_in(response)

    response = client.post(ADD_RELEASE, release_form(publication_status="review"))
    assert response.status_code == 302
    assert ReleaseEvent.objects.get().publication_status == PublicationStatus.REVIEW


def test_editor_cannot_publish_with_the_bulk_action(client, editor):
    event = ReleaseEventFactory(publication_status="review")
    client.force_login(editor)
    response = client.post(ADMIN + "releases/releaseevent/", {
        "action": "publish", "_selected_action": [event.pk],
    })
    # Django refuses an action the user lacks permission for: the record stays in review.
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.publication_status == PublicationStatus.REVIEW


def test_editor_cannot_unpublish_a_published_record_by_editing_it(client, editor):
    event = ReleaseEventFactory(slug="kept", publication_status="published")
    client.force_login(editor)
    data = release_form(slug="kept", publication_status="draft", announced_total="")
    client.post(ADMIN + f"releases/releaseevent/{event.pk}/change/", data)
    event.refresh_from_db()
    assert event.publication_status == PublicationStatus.PUBLISHED


@pytest.mark.parametrize("old_status, current_status", [
    ("published", "draft"),  # reverting to a published version would republish
    ("draft", "published"),  # reverting to a draft version would unpublish
])
def test_editor_cannot_change_publication_by_reverting_history(client, editor, old_status, current_status):
    event = ReleaseEventFactory(slug="revert-case", publication_status=old_status, announced_total=None)
    event.publication_status = current_status
    event.save()
    old = event.history.earliest()
    client.force_login(editor)
    url = ADMIN + f"releases/releaseevent/{event.pk}/history/{old.history_id}/"
    client.post(url, release_form(slug="revert-case", publication_status="draft", announced_total=""))
    event.refresh_from_db()
    assert event.publication_status == current_status


def test_publisher_publishes_and_unpublishes_with_history(client, publisher):
    events = ReleaseEventFactory.create_batch(2, publication_status="review")
    client.force_login(publisher)
    client.post(ADMIN + "releases/releaseevent/", {
        "action": "publish", "_selected_action": [e.pk for e in events],
    })
    assert ReleaseEvent.objects.published().count() == 2
    first = ReleaseEvent.objects.get(pk=events[0].pk)
    assert first.published_at is not None
    assert first.history.first().history_user == publisher

    client.post(ADMIN + "releases/releaseevent/", {"action": "unpublish", "_selected_action": [first.pk]})
    assert ReleaseEvent.objects.published().count() == 1


def test_history_shows_who_changed_what_and_restores_an_earlier_version(client, publisher):
    event = ReleaseEventFactory(title="First title", slug="history-case", announced_total=None)
    client.force_login(publisher)
    data = release_form(slug="history-case", title="Changed title", announced_total="")
    assert client.post(ADMIN + f"releases/releaseevent/{event.pk}/change/", data).status_code == 302
    assert ReleaseEvent.objects.get(pk=event.pk).title == "Changed title"

    history_page = client.get(ADMIN + f"releases/releaseevent/{event.pk}/history/")
    assert "publisher" in history_page.content.decode()

    original = event.history.earliest()
    revert_url = ADMIN + f"releases/releaseevent/{event.pk}/history/{original.history_id}/"
    assert client.get(revert_url).status_code == 200
    revert = release_form(slug="history-case", title="First title", announced_total="")
    assert client.post(revert_url, revert).status_code == 302
    assert ReleaseEvent.objects.get(pk=event.pk).title == "First title"
    assert event.history.count() == 3


@pytest.mark.parametrize("term", ["Movshuk", "Maushuk"])
def test_people_are_found_by_any_of_their_names_in_autocomplete(client, editor, term):
    person = PrisonerFactory(preferred_name="Alena Maushuk")
    PrisonerNameFactory(prisoner=person, text="Yelena Movshuk")
    PrisonerFactory(preferred_name="Someone Else")
    client.force_login(editor)
    response = client.get(ADMIN + "autocomplete/", {
        "app_label": "releases", "model_name": "releasedperson", "field_name": "prisoner", "term": term,
    })
    assert [r["text"] for r in response.json()["results"]] == ["Alena Maushuk"]


def test_release_list_is_searchable_by_a_released_persons_other_name(client, editor):
    person = PrisonerFactory(preferred_name="Nikolai Shugaev")
    PrisonerNameFactory(prisoner=person, text="Nikolai Shugayev")
    event = ReleaseEventFactory(title="February release")
    ReleasedPerson.objects.create(release=event, prisoner=person)
    ReleaseEventFactory(title="Unrelated release")
    client.force_login(editor)
    page = client.get(ADMIN + "releases/releaseevent/", {"q": "Shugayev"}).content.decode()
    assert "February release" in page
    assert "Unrelated release" not in page


@pytest.mark.parametrize("url", [
    "", "releases/releaseevent/", "releases/releaseevent/add/", "releases/prisoner/",
    "releases/prisoner/add/", "releases/party/", "releases/party/add/", "releases/source/",
    "releases/source/add/", "releases/prisoner/?current_status=detained",
    "releases/releaseevent/?releasing_country=BY&kind=pardon", "releases/releaseevent/?date_from__year=2025",
])
def test_every_admin_page_opens_for_an_editor(client, editor, url):
    ReleaseEventFactory()
    client.force_login(editor)
    assert client.get(ADMIN + url).status_code == 200
