"""Derived data (name keys, a release's columns) is refreshed once per write, at its end, by
the receivers of releases/derived/signals.py; a save outside a write is its own write."""
import pytest
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from releases.derived import name_keys, release_columns, signals
from releases.search.words import index_keys
from releases.models import (
    Citizenship, NameKey, Prisoner, PrisonerName, PublicationStatus, ReleasedPerson, ReleaseEvent,
)
from releases.services.merging import merge_prisoners
from releases.services.restoring import restore
from tests.support import factories as f

ADMIN = "/" + settings.ADMIN_PATH


class Calls:
    """Counts the calls of one of our own functions (a spy, not a mock: it still runs)."""

    def __init__(self, function):
        self.function, self.ids = function, []

    def __call__(self, ids):
        ids = set(ids)
        self.ids.append(ids)
        return self.function(ids)

    def __len__(self):
        return len(self.ids)


@pytest.fixture
def refreshes(db, monkeypatch):
    """{"keys": calls of name_keys.refresh, "columns": calls of release_columns.refresh};
    calls that had nothing to refresh are not counted."""
    counted = {}
    for label, module in (("keys", name_keys), ("columns", release_columns)):
        calls = Calls(module.refresh)
        monkeypatch.setattr(module, "refresh", calls)
        counted[label] = calls
    yield counted


def nonempty(calls):
    return [ids for ids in calls.ids if ids]


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def keys_of(person):
    return set(NameKey.objects.filter(prisoner=person).values_list("key", flat=True))


def expected_keys(person):
    """The keys of the person's names as they are now."""
    person.refresh_from_db()
    return set(index_keys([person.preferred_name, *person.names.values_list("text", flat=True)]))


def columns(release):
    release.refresh_from_db()
    return release.people_named, release.released_citizenships


# -- once per write ---------------------------------------------------------------------------

def test_a_person_with_five_names_gets_their_keys_refreshed_once(editor, refreshes):
    names = [{"text": text} for text in
             ("Ihar Losik", "Igor Losik", "Ігар Лосік", "Игорь Лосик", "Ihar Lossik")]
    response = api(editor).post("/api/v1/prisoners/", {
        "preferred_name": "Ihar Losik", "slug": "ihar-losik", "names": names,
        "citizenships": ["BY", "PL"], "confirm_distinct": True}, format="json")
    assert response.status_code == 201, response.content
    person = Prisoner.objects.get(slug="ihar-losik")
    assert refreshes["keys"].ids == [{person.pk}]
    assert len(nonempty(refreshes["columns"])) == 0  # named in no release
    assert keys_of(person) and keys_of(person) == expected_keys(person)


def test_a_release_naming_twenty_people_refreshes_its_columns_once(editor, refreshes):
    people = f.PrisonerFactory.create_batch(20)
    for person in people:
        f.CitizenshipFactory(prisoner=person, country="BY")
    f.CitizenshipFactory(prisoner=people[0], country="UA")
    refreshes["columns"].ids.clear()
    response = api(editor).post("/api/v1/releases/", {
        "title": "Twenty freed", "slug": "twenty-freed", "kind": "unilateral", "date_from": "2025-02-12",
        "released_people": [{"prisoner": p.pk} for p in people]}, format="json")
    assert response.status_code == 201, response.content
    release = ReleaseEvent.objects.get(slug="twenty-freed")
    assert refreshes["columns"].ids == [{release.pk}]
    assert columns(release) == (20, "|BY|UA|")


def test_an_admin_form_with_twenty_people_refreshes_the_columns_once(client, editor, refreshes):
    people = f.PrisonerFactory.create_batch(20)
    refreshes["columns"].ids.clear()
    client.force_login(editor)
    data = {"title": "Twenty freed", "slug": "twenty-freed", "kind": "unilateral", "summary": "",
            "date_from": "2025-02-12", "date_to": "", "date_precision": "day",
            "releasing_country": "BY", "handover_place": "", "destination": "",
            "destination_country": "", "announced_total": "", "publication_status": "draft",
            "internal_notes": ""}
    for prefix, rows in (("released_people", [{"prisoner": p.pk} for p in people]),
                         ("party_roles", []), ("citations", []), ("links_out", []), ("concessions", [])):
        data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
        data.update({f"{prefix}-{i}-{k}": v for i, row in enumerate(rows) for k, v in row.items()})
    response = client.post(ADMIN + "releases/releaseevent/add/", data)
    assert response.status_code == 302, response.content
    release = ReleaseEvent.objects.get(slug="twenty-freed")
    assert nonempty(refreshes["columns"]) == [{release.pk}]
    assert columns(release) == (20, "")


def test_an_admin_bulk_action_refreshes_once_for_all_its_records(client, publisher, refreshes):
    release = f.ReleaseEventFactory()
    people = [f.PrisonerFactory(publication_status=PublicationStatus.DRAFT) for _ in range(5)]
    for person in people:
        f.ReleasedPersonFactory(release=release, prisoner=person)
    assert columns(release) == (0, "")
    refreshes["keys"].ids.clear()
    refreshes["columns"].ids.clear()
    client.force_login(publisher)
    response = client.post(ADMIN + "releases/prisoner/", {
        "action": "publish", "_selected_action": [p.pk for p in people]})
    assert response.status_code == 302
    assert refreshes["keys"].ids == [{p.pk for p in people}]
    assert nonempty(refreshes["columns"]) == [{release.pk}]
    assert columns(release) == (5, "")


def test_a_merge_refreshes_once(refreshes):
    release = f.ReleaseEventFactory()
    keep = f.PrisonerFactory(preferred_name="Alena Maushuk")
    absorb = f.PrisonerFactory(preferred_name="Yelena Movshuk")
    for text in ("Alena Mauszuk", "Елена Мовшук", "Alena Maushuk"):
        f.PrisonerNameFactory(prisoner=absorb, text=text)
    f.CitizenshipFactory(prisoner=absorb, country="BY")
    f.ReleasedPersonFactory(release=release, prisoner=absorb)
    refreshes["keys"].ids.clear()
    refreshes["columns"].ids.clear()
    merge_prisoners(keep=keep, absorb=absorb)
    assert refreshes["keys"].ids == [{keep.pk}]
    assert nonempty(refreshes["columns"]) == [{release.pk}]
    assert not NameKey.objects.filter(prisoner_id=absorb.pk).exists()
    assert keys_of(keep) == expected_keys(keep)
    assert columns(release) == (1, "|BY|")


def test_a_restore_refreshes_once(publisher, refreshes):
    person = f.PrisonerFactory(preferred_name="Ihar Losik")
    for text in ("Igor Losik", "Ігар Лосік"):
        f.PrisonerNameFactory(prisoner=person, text=text)
    expected, pk = keys_of(person), person.pk
    person.delete()
    refreshes["keys"].ids.clear()
    restore(Prisoner, pk, publisher)
    assert refreshes["keys"].ids == [{pk}]
    assert keys_of(Prisoner.objects.get(pk=pk)) == expected


# -- a write of its own -----------------------------------------------------------------------

def test_a_save_outside_a_write_is_refreshed_at_once(refreshes):
    release = f.ReleaseEventFactory()
    person = f.PrisonerFactory()
    f.CitizenshipFactory(prisoner=person, country="LT")
    f.ReleasedPersonFactory(release=release, prisoner=person)
    assert columns(release) == (1, "|LT|")
    f.PrisonerNameFactory(prisoner=person, text="Maria Kalesnikava")
    assert "kalesnikava" in " ".join(keys_of(person)).lower()


def test_one_write_inside_another_refreshes_once_at_the_outer_end(refreshes):
    release = f.ReleaseEventFactory()
    refreshes["columns"].ids.clear()
    with signals.one_write():
        for _ in range(3):
            with signals.one_write():
                f.ReleasedPersonFactory(release=release)
            assert columns(release) == (0, "")  # not yet: the write has not ended
    assert nonempty(refreshes["columns"]) == [{release.pk}]
    assert columns(release) == (3, "")


def test_a_write_that_fails_refreshes_nothing_and_keeps_nothing(refreshes):
    release = f.ReleaseEventFactory()
    refreshes["columns"].ids.clear()
    with pytest.raises(RuntimeError), signals.one_write():
        f.ReleasedPersonFactory(release=release)
        raise RuntimeError("refused")
    assert nonempty(refreshes["columns"]) == []
    assert not ReleasedPerson.objects.exists() and columns(release) == (0, "")


# -- deleting a person: no receiver guards another ----------------------------------------------

@pytest.mark.parametrize("in_one_write", [False, True])
@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_deleting_a_person_leaves_no_keys_and_exact_columns(refreshes, in_one_write, how):
    release = f.ReleaseEventFactory()
    person, other = f.PrisonerFactory(), f.PrisonerFactory()
    for text in ("Ihar Losik", "Igor Losik"):
        f.PrisonerNameFactory(prisoner=person, text=text)
    for who, country in ((person, "BY"), (other, "UA")):
        f.CitizenshipFactory(prisoner=who, country=country)
        f.ReleasedPersonFactory(release=release, prisoner=who)
    assert columns(release) == (2, "|BY|UA|")

    def delete():
        # A released person is protected; the release lets go of them first, in the same write.
        ReleasedPerson.objects.filter(prisoner=person).delete()
        if how == "instance":
            person.delete()
        else:
            Prisoner.objects.filter(pk=person.pk).delete()

    if in_one_write:
        with signals.one_write():
            delete()
    else:
        delete()
    assert not NameKey.objects.filter(prisoner_id=person.pk).exists()
    assert not PrisonerName.objects.exists() and not Citizenship.objects.filter(country="BY").exists()
    assert columns(release) == (1, "|UA|")
    assert keys_of(other)


# -- where the receivers are --------------------------------------------------------------------

def test_every_receiver_of_these_writes_is_in_the_one_module():
    """The write path on one screen: releases/derived/signals.py lists them all (simple_history
    keeps its own history receivers)."""
    senders = [Prisoner, PrisonerName, Citizenship, ReleasedPerson, ReleaseEvent]
    modules = set()
    for signal in (post_save, post_delete, pre_delete):
        for sender in senders:
            for receiver in signal._live_receivers(sender)[0]:
                modules.add(getattr(receiver, "__module__", None) or type(receiver).__module__)
    assert {m for m in modules if not m.startswith("simple_history")} == {"releases.derived.signals"}
