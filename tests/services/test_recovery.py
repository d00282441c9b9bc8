"""Deleting is recoverable: a record deleted in the admin is listed on its "Deleted" page and
comes back, with the same id and the rows deleted with it, from a restore button."""
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases.derived import release_columns as derived
from releases.api.sync import withdrawals
from releases.models import (
    Citation, CollectionItem, EventLink, PartyRole, Prisoner, PrisonerName,
    PublicationStatus, ReleasedPerson, ReleaseEvent,
)
from releases.admin.recovery import RecoveryAdmin
from releases.services.restoring import RESTORED, RestoreError, deleted, restore
from tests.support import factories as f

ADMIN = "/" + settings.ADMIN_PATH


def url(model, *parts):
    return ADMIN + f"releases/{model._meta.model_name}/" + "".join(f"{p}/" for p in parts)


def values(obj):
    """Every stored value of a row except ``updated_at`` (a restore is a change)."""
    row = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname != "updated_at"}
    for m2m in obj._meta.many_to_many:
        if m2m.remote_field.through._meta.auto_created:
            row[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return row


def snapshot(record, *related):
    record = type(record)._base_manager.get(pk=record.pk)
    return values(record), {name: sorted((values(r) for r in getattr(record, name).all()), key=lambda v: v["id"])
                            for name in related}


RELEASE_PARTS = ["released_people", "party_roles", "citations", "links_out", "concessions"]
PERSON_PARTS = ["names", "citizenships", "detentions", "status_records", "recognitions", "citations"]


@pytest.fixture
def release(db):
    """A published release naming two people, with two parties, citations, a link, a concession."""
    release = f.ReleaseEventFactory(summary="Two freed", announced_total=2, internal_notes="private")
    for country in ("BY", "PL"):
        person = f.PrisonerFactory()
        f.CitizenshipFactory(prisoner=person, country=country)
        f.ReleasedPersonFactory(release=release, prisoner=person, destination="Vilnius")
    f.PartyRoleFactory(release=release)
    f.PartyRoleFactory(release=release, role="envoy")
    f.CitationFactory(release=release, account="Minsk")
    f.CitationFactory(release=release, account="Vilnius", claim="handover_place")
    f.EventLinkFactory(from_event=release)
    f.ConcessionFactory(release=release).sources.add(f.SourceFactory())
    f.CollectionItemFactory(release=release)
    return release


@pytest.fixture
def person(db):
    person = f.PrisonerFactory(preferred_name="Boris Sample", occupation="Blogger")
    f.PrisonerNameFactory(prisoner=person, text="Игорь Лосик", script="Cyrl", romanization="native")
    f.PrisonerNameFactory(prisoner=person, text="Boris Sample").sources.add(f.SourceFactory())
    f.CitizenshipFactory(prisoner=person, country="BY")
    f.DetentionFactory(prisoner=person)
    f.StatusRecordFactory(prisoner=person)
    f.RecognitionFactory(prisoner=person)
    f.CitationFactory(release=None, prisoner=person)
    return person


def delete(record):
    """Delete as the shell would; the test keeps the id to restore it by."""
    pk = record.pk
    record.delete()
    record.pk = record.id = pk


def delete_in_admin(client, user, record):
    client.force_login(user)
    response = client.post(url(type(record), record.pk, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


def restore_in_admin(client, user, record):
    client.force_login(user)
    return client.post(url(type(record), "deleted", record.pk, "restore"))


def message_texts(client, response):
    return [str(m) for m in client.get(response.url).context["messages"]]


def test_a_release_deleted_in_the_admin_comes_back_whole(client, publisher, release):
    release.refresh_from_db()
    before = snapshot(release, *RELEASE_PARTS)
    derived_before = (release.people_named, release.released_citizenships)
    assert derived_before == (2, "|BY|PL|")
    delete_in_admin(client, publisher, release)
    # Every row of the cascade is in the history, attributed, at the record's deletion moment.
    moment = ReleaseEvent.history.get(id=release.pk, history_type="-").history_date
    for model in (ReleasedPerson, PartyRole, Citation, EventLink, CollectionItem):
        gone = model.history.filter(history_type="-")
        assert gone.exists() and {(r.history_user, r.history_date) for r in gone} == {(publisher, moment)}
    assert [w["id"] for w in withdrawals() if w["resource"] == "releases"] == [release.pk]

    page = client.get(url(ReleaseEvent, "deleted"))
    assert page.status_code == 200
    assert release.title in page.content.decode() and "publisher" in page.content.decode()
    response = restore_in_admin(client, publisher, release)

    assert response.status_code == 302 and response.url == url(ReleaseEvent, release.pk, "change")
    assert any("Restored" in text for text in message_texts(client, response))
    assert snapshot(release, *RELEASE_PARTS) == before
    assert CollectionItem.objects.filter(release=release).count() == 1
    restored = ReleaseEvent.objects.get(pk=release.pk)
    assert (restored.people_named, restored.released_citizenships) == derived_before
    derived.rebuild()
    restored.refresh_from_db()
    assert (restored.people_named, restored.released_citizenships) == derived_before
    latest = restored.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == ("+", publisher, RESTORED)
    assert {r.history_user for r in ReleasedPerson.history.filter(history_type="+", history_change_reason=RESTORED)} == {publisher}
    assert withdrawals() == []
    assert deleted(ReleaseEvent) == []
    client.logout()
    assert client.get(restored.get_absolute_url()).status_code == 200


def test_a_person_comes_back_with_every_name_and_is_found_again(client, publisher, person):
    before = snapshot(person, *PERSON_PARTS)
    assert client.get("/api/v1/prisoners/", {"q": "Losik"}).json()["count"] == 1
    delete_in_admin(client, publisher, person)
    assert client.get("/api/v1/prisoners/", {"q": "Losik"}).json()["count"] == 0

    response = restore_in_admin(client, publisher, person)

    assert response.status_code == 302
    assert snapshot(person, *PERSON_PARTS) == before
    client.logout()
    found = client.get("/api/v1/prisoners/", {"q": "Лосик"}).json()
    assert [p["id"] for p in found["results"]] == [person.pk]
    assert client.get(person.get_absolute_url()).status_code == 200
    assert withdrawals() == []


def test_an_editor_gets_a_published_record_back_as_a_draft(client, publisher, editor, person):
    delete_in_admin(client, publisher, person)

    response = restore_in_admin(client, editor, person)

    assert response.status_code == 302
    restored = Prisoner.objects.get(pk=person.pk)
    assert restored.publication_status == PublicationStatus.DRAFT
    assert restored.published_at == person.published_at  # it was public once: still withdrawn
    assert any("as a draft" in text for text in message_texts(client, response))
    assert [(w["id"], w["reason"]) for w in withdrawals()] == [(person.pk, "unpublished")]
    client.logout()
    assert client.get(person.get_absolute_url()).status_code == 404


def test_a_publisher_gets_a_draft_back_as_a_draft(publisher):
    draft = f.SourceFactory(publication_status=PublicationStatus.REVIEW)
    delete(draft)
    assert restore(type(draft), draft.pk, publisher).record.publication_status == PublicationStatus.REVIEW


def history_size():
    return sum(model.history.count() for model in (ReleaseEvent, ReleasedPerson, Prisoner, PrisonerName))


def refused(client, user, record, *expected):
    """POST a restore that must be refused: the reason shown, nothing written."""
    rows, size = ReleaseEvent.objects.count() + Prisoner.objects.count(), history_size()
    response = restore_in_admin(client, user, record)
    assert response.status_code == 302 and response.url == url(type(record), "deleted")
    text = " ".join(message_texts(client, response))
    assert all(part in text for part in expected), text
    assert (ReleaseEvent.objects.count() + Prisoner.objects.count(), history_size()) == (rows, size)


def test_a_slug_taken_since_is_refused_naming_the_record(client, publisher, release):
    delete(release)
    taker = f.ReleaseEventFactory(slug=release.slug, title="Someone else's")
    refused(client, publisher, release, release.slug, f"#{taker.pk}", "Someone else's")


def test_a_record_it_refers_to_that_is_gone_is_refused_naming_it(client, publisher, release):
    person = release.prisoners.first()
    delete(release)
    delete(person)  # possible now that no release names them
    refused(client, publisher, release, f"#{person.pk}", person.preferred_name, "Restore that first")
    assert not ReleasedPerson.objects.exists()


def test_restoring_twice_is_refused(client, publisher, person):
    delete(person)
    restore(Prisoner, person.pk, publisher)
    refused(client, publisher, person, "exists")


def test_a_row_removed_before_the_deletion_stays_removed(publisher, person):
    wrong = person.names.get(text="Игорь Лосик")
    delete(wrong)
    delete(person)
    restore(Prisoner, person.pk, publisher)
    assert list(person.names.values_list("text", flat=True)) == ["Boris Sample"]


def test_a_link_between_releases_deleted_together_comes_back_with_the_second(publisher):
    link = f.EventLinkFactory()
    ReleaseEvent.objects.filter(pk__in=[link.from_event_id, link.to_event_id]).delete()
    first = restore(ReleaseEvent, link.from_event_id, publisher)
    assert not EventLink.objects.exists() and "same time" in first.notes[0]
    restore(ReleaseEvent, link.to_event_id, publisher)
    assert EventLink.objects.get().pk == link.pk


def test_the_deleted_page_is_paged_newest_first_and_searchable(client, publisher, monkeypatch):
    monkeypatch.setattr(RecoveryAdmin, "deleted_per_page", 2)
    people = [f.PrisonerFactory(preferred_name=name) for name in ("Anna Example", "Boris Sample", "Celina Probe")]
    first_id = people[0].pk
    for person in people:  # deleted in this order: the newest deletion is listed first
        person.delete()
    client.force_login(publisher)

    first = client.get(url(Prisoner, "deleted")).content.decode()
    assert "Celina Probe" in first and "Boris Sample" in first and "Anna Example" not in first
    assert "3 deleted prisoners" in first and "page 1 of 2" in first
    second = client.get(url(Prisoner, "deleted"), {"p": "2"}).content.decode()
    assert "Anna Example" in second and "Boris Sample" not in second
    for bad in ("0", "x", "99"):  # never an error: the nearest page
        assert client.get(url(Prisoner, "deleted"), {"p": bad}).status_code == 200

    found = client.get(url(Prisoner, "deleted"), {"q": "sample"}).content.decode()
    assert "Boris Sample" in found and "Celina" not in found and "1 deleted prisoner " in found
    by_id = client.get(url(Prisoner, "deleted"), {"q": f"#{first_id}"}).content.decode()
    assert "Anna Example" in by_id and "Boris Sample" not in by_id
    nothing = client.get(url(Prisoner, "deleted"), {"q": "nobody"}).content.decode()
    assert "No deleted prisoners match “nobody”" in nothing

    def queries_for_a_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(Prisoner, "deleted")).status_code == 200
        return len(captured)

    with_three = queries_for_a_page()
    for person in [f.PrisonerFactory() for _ in range(10)]:
        person.delete()
    assert queries_for_a_page() == with_three <= 8  # a page's cost does not grow with the deletions


def test_a_merged_away_person_is_not_listed_as_deleted(client, publisher):
    from releases.services.merging import merge_prisoners

    keep, absorb = f.PrisonerFactory(), f.PrisonerFactory()
    merge_prisoners(keep=keep, absorb=absorb)
    assert deleted(Prisoner) == []
    with pytest.raises(RestoreError, match="merged"):
        restore(Prisoner, absorb.pk, publisher)


def test_a_person_who_absorbed_another_comes_back_with_the_redirect(client, publisher):
    from releases.services.merging import merge_prisoners
    from releases.models import PrisonerRedirect

    keep, absorb = f.PrisonerFactory(), f.PrisonerFactory()
    merge_prisoners(keep=keep, absorb=absorb)
    assert client.get(f"/people/{absorb.pk}/").status_code == 301
    delete_in_admin(client, publisher, keep)
    assert not PrisonerRedirect.objects.exists()
    # While the kept record is deleted, the merged-away id is still not a deleted record.
    assert [row.id for row in deleted(Prisoner)] == [keep.pk]
    with pytest.raises(RestoreError, match="merged"):
        restore(Prisoner, absorb.pk, publisher)
    assert restore_in_admin(client, publisher, keep).status_code == 302
    redirect = PrisonerRedirect.objects.get()
    assert (redirect.old_id, redirect.prisoner_id) == (absorb.pk, keep.pk)
    assert client.get(f"/people/{absorb.pk}/").headers["Location"].endswith(f"/people/{keep.pk}/")


def test_the_change_list_links_to_the_deleted_page(client, editor):
    client.force_login(editor)
    assert url(Prisoner, "deleted") in client.get(url(Prisoner)).content.decode()


def test_only_users_who_may_add_see_or_restore(client, person):
    delete(person)
    page, restore_url = url(Prisoner, "deleted"), url(Prisoner, "deleted", person.pk, "restore")
    assert client.get(page).status_code == 302  # to the login page
    assert client.post(restore_url).status_code == 302
    viewer = User.objects.create_user("viewer", is_staff=True)
    client.force_login(viewer)
    assert client.get(page).status_code == 403
    assert client.post(restore_url).status_code == 403
    assert not Prisoner.objects.exists()


def test_a_restore_is_a_post_with_a_csrf_token(publisher, person):
    from django.test import Client

    delete(person)
    client = Client(enforce_csrf_checks=True)
    client.force_login(publisher)
    restore_url = url(Prisoner, "deleted", person.pk, "restore")
    assert client.get(restore_url).status_code == 405
    assert client.post(restore_url).status_code == 403
    page = client.get(url(Prisoner, "deleted")).content.decode()
    assert f'action="{restore_url}"' in page and "csrfmiddlewaretoken" in page
    assert not Prisoner.objects.exists()
