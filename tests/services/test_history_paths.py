"""Every way a record changes leaves a history entry that says who (or why): the admin (forms,
deletion with its cascade, bulk actions, history revert), the API, the dataset loader, merges
and restores. The few writes that leave none are derived or synthetic data, named below."""
import pytest
from django.conf import settings
from django.core.management import call_command

from releases.derived import release_columns as derived
from releases.services import restoring as recovery
from releases.transfer.loader import CHANGE_REASON
from releases.services.merging import merge_prisoners
from releases.models import (
    Citizenship, NameKey, Party, PartyName, Prisoner, PrisonerName, PublicationStatus, ReleaseEvent,
    SearchTerm, Source,
)
from releases.services.restoring import historized_models
from tests.support import factories as f
from bench import synthetic
from tests.support.admin import inline
from tests.support.api import list_url, new_body, script

ADMIN = "/" + settings.ADMIN_PATH + "releases/party/"


def party_form(**fields):
    return {
        "name": "US Department of State", "slug": "us-state", "kind": "agency", "country": "US",
        "parent": "", "position": "", "description": "", "publication_status": "draft",
        "internal_notes": "", **fields, **inline("names", [{"text": "Госдеп", "script": "Cyrl",
                                                            "romanization": "native"}]),
    }


def latest(record):
    return record.history.order_by("-history_date", "-history_id").first()


def history_rows():
    return sum(model.history.count() for model in historized_models())


def test_admin_add_and_change_are_attributed_to_the_editor(client, editor):
    client.force_login(editor)
    assert client.post(ADMIN + "add/", party_form()).status_code == 302
    party = Party.objects.get(slug="us-state")
    assert (latest(party).history_type, latest(party).history_user) == ("+", editor)
    assert PartyName.history.get().history_user == editor  # the inline row too

    form = party_form(name="State Department")
    form.update(inline("names", [{"id": party.names.get().pk, "party": party.pk, "text": "Госдеп",
                                  "script": "Cyrl", "romanization": "native"}], initial=1))
    assert client.post(ADMIN + f"{party.pk}/change/", form).status_code == 302
    assert (latest(party).history_type, latest(party).history_user) == ("~", editor)


def test_admin_delete_records_the_record_and_its_cascade_by_the_publisher(client, publisher):
    person = f.PrisonerFactory()
    f.PrisonerNameFactory(prisoner=person)
    f.CitizenshipFactory(prisoner=person)
    client.force_login(publisher)
    response = client.post(f"/{settings.ADMIN_PATH}releases/prisoner/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    for model in (Prisoner, PrisonerName, Citizenship):
        assert [(r.history_type, r.history_user) for r in model.history.filter(history_type="-")] == [
            ("-", publisher)], model


@pytest.mark.parametrize("action, status", [
    ("publish", PublicationStatus.PUBLISHED), ("unpublish", PublicationStatus.DRAFT),
    ("submit_for_review", PublicationStatus.REVIEW),
])
def test_admin_bulk_actions_save_each_record_into_the_history(client, publisher, action, status):
    start = PublicationStatus.DRAFT if action == "publish" else PublicationStatus.PUBLISHED
    sources = f.SourceFactory.create_batch(2, publication_status=start)
    client.force_login(publisher)
    response = client.post(f"/{settings.ADMIN_PATH}releases/source/", {
        "action": action, "_selected_action": [s.pk for s in sources]})
    assert response.status_code == 302
    for source in sources:
        row = latest(source)
        assert (row.history_type, row.history_user, row.publication_status) == ("~", publisher, status)


def test_admin_history_revert_is_attributed(client, publisher):
    party = f.PartyFactory(name="First name", slug="revert-me")
    first = latest(party)
    party.name = "Second name"
    party.save()
    client.force_login(publisher)
    form = party_form(name="First name", slug="revert-me", publication_status="published")
    form.update(inline("names", []))
    response = client.post(ADMIN + f"{party.pk}/history/{first.history_id}/", form)
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.name == "First name"
    assert (latest(party).history_type, latest(party).history_user) == ("~", publisher)


@pytest.mark.parametrize("resource, model", [("releases", ReleaseEvent), ("sources", Source)])
def test_api_writes_are_attributed_to_the_tokens_user(editor, resource, model):
    client = script(editor)
    response = client.post(list_url(resource), new_body(resource), format="json")
    assert response.status_code == 201, response.content
    record = model.objects.get(pk=response.json()["id"])
    assert (latest(record).history_type, latest(record).history_user) == ("+", editor)
    response = client.patch(f"{list_url(resource)}{record.pk}/", {"title": "Retitled"}, format="json")
    assert response.status_code == 200, response.content
    assert (latest(record).history_type, latest(record).history_user, latest(record).title) == (
        "~", editor, "Retitled")


def test_the_demo_loader_gives_its_reason_and_a_second_load_writes_no_history(db):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    after_first = history_rows()
    assert after_first > 0
    for model in (ReleaseEvent, Prisoner, Party, Source):
        assert set(model.history.values_list("history_change_reason", flat=True)) == {CHANGE_REASON}
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    assert history_rows() == after_first


def test_a_merge_records_every_move_and_the_absorbed_deletion_with_its_reason(db):
    # Long names: the reason must still fit the history's 100 characters.
    keep = f.PrisonerFactory(preferred_name="Alena Uladzimirauna Maushuk-Kalesnikava-Tsikhanouskaya")
    absorb = f.PrisonerFactory(preferred_name="Yelena Vladimirovna Movshuk-Kolesnikova-Tikhanovskaya")
    moved = f.CitizenshipFactory(prisoner=absorb, country="PL")
    merge_prisoners(keep=keep, absorb=absorb, by="publisher")
    reason = latest(keep).history_change_reason
    assert reason.startswith(f"Merged #{absorb.pk}")
    assert (latest(moved).history_type, latest(moved).history_change_reason) == ("~", reason)
    gone = Prisoner.history.get(history_type="-")
    assert (gone.id, gone.history_change_reason) == (absorb.pk, reason)


def test_a_restore_is_attributed_to_the_restoring_user(publisher):
    source = f.SourceFactory()
    pk = source.pk
    source.delete()
    recovery.restore(Source, pk, publisher)
    row = latest(Source.objects.get(pk=pk))
    assert (row.history_type, row.history_user, row.history_change_reason) == ("+", publisher, recovery.RESTORED)


# -- writes that deliberately leave no history ------------------------------------------------

def test_derived_columns_change_without_history_as_the_change_that_caused_them_has_it(db):
    """releases/derived/release_columns.py writes people_named with update(): the person's own save is the
    history entry; the count is recomputed from it."""
    release = f.ReleaseEventFactory()
    f.ReleasedPersonFactory(release=release)
    before = release.history.count()
    ReleaseEvent.objects.update(people_named=0)
    derived.rebuild()
    release.refresh_from_db()
    assert release.people_named == 1 and release.history.count() == before


def test_name_keys_are_an_index_kept_without_history(db):
    """NameKey and SearchTerm are rebuilt from the names (which have history) on every change."""
    assert not hasattr(NameKey, "history") and not hasattr(SearchTerm, "history")
    f.PrisonerNameFactory(text="Ihar Losik")
    before = history_rows()
    call_command("rebuild_name_keys", stdout=open("/dev/null", "w"))
    assert history_rows() == before and NameKey.objects.exists()


def test_synthetic_benchmark_data_is_bulk_written_without_history(db):
    """bench.synthetic fills a database for benchmarks with bulk_create: made-up records
    nobody edits, so nothing to attribute; a history row each would double the load time."""
    synthetic.generate(synthetic.Plan(releases=5, prisoners=5, seed=3))
    assert ReleaseEvent.objects.exists() and history_rows() == 0
