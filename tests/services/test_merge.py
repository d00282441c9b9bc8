"""Merging two records of one person: nothing is lost, the old id redirects (pages and API),
sync scripts learn the old id is gone, search and releases show one person, and the admin
action asks which record to keep and checks who may merge."""
import datetime
import io
import csv

import pytest
from django.conf import settings
from django.contrib.messages import get_messages

from releases import models as m
from releases.transfer.loader import load_dataset
from releases.search.search import search_prisoners
from releases.services.merging import MergeError, merge_prisoners

from tests.support.factories import (
    CitationFactory, CitizenshipFactory, CollectionFactory, CollectionItemFactory, DetentionFactory,
    PartyFactory, PrisonerFactory, PrisonerNameFactory, RecognitionFactory, ReleaseEventFactory,
    ReleasedPersonFactory, SourceFactory, StatusRecordFactory,
)
from tests.support.api import API, script

ADMIN = "/" + settings.ADMIN_PATH
PEOPLE = ADMIN + "releases/prisoner/"
PRISONERS = f"{API}prisoners/"
ROW_MODELS = [m.PrisonerName, m.Citizenship, m.Detention, m.StatusRecord, m.Recognition, m.ReleasedPerson,
              m.Citation]


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def page(record_or_pk):
    return f"/people/{getattr(record_or_pk, 'pk', record_or_pk)}/"


def api(record_or_pk):
    return f"{PRISONERS}{getattr(record_or_pk, 'pk', record_or_pk)}/"


def rows_of(record):
    """{model name: number of rows} attached to one person."""
    return {model.__name__: model.objects.filter(prisoner=record).count() for model in ROW_MODELS}


def totals():
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


@pytest.fixture
def pair(db):
    """Two records of Alena Maushuk, entered from different reports, sharing some facts."""
    viasna, amnesty = PartyFactory(name="Viasna", kind="organisation"), PartyFactory(name="Amnesty", kind="organisation")
    shared_release, own_release = ReleaseEventFactory(title="September release"), ReleaseEventFactory(title="June release")
    s1, s2, s3 = SourceFactory(title="Nasha Niva"), SourceFactory(title="Zerkalo"), SourceFactory(title="RFE/RL")

    keep = PrisonerFactory(preferred_name="Alena Maushuk", slug="alena-maushuk", birth_year=1965,
                           internal_notes="Kept record's own note.")
    cyrillic = PrisonerNameFactory(prisoner=keep, text="Алена Маўшук", language="be", script="Cyrl",
                                   romanization="native")
    cyrillic.sources.add(s1)
    CitizenshipFactory(prisoner=keep, country="BY", note="")
    DetentionFactory(prisoner=keep, detained_on=datetime.date(2021, 7, 14), place="Minsk")
    StatusRecordFactory(prisoner=keep, status="detained", as_of=datetime.date(2021, 7, 14))
    RecognitionFactory(prisoner=keep, recognized_by=viasna, wording="political prisoner",
                       recognized_on=datetime.date(2021, 8, 1))
    ReleasedPersonFactory(prisoner=keep, release=shared_release, destination="", conditions="")
    CitationFactory(prisoner=keep, release=None, source=s1, claim="general", account="kept account")

    absorb = PrisonerFactory(preferred_name="Yelena Movshuk", slug="yelena-movshuk", birth_year=1966,
                             occupation="Teacher", internal_notes="Informant: do not publish.")
    twin = PrisonerNameFactory(prisoner=absorb, text="Алена Маўшук", language="be", script="Cyrl",
                               romanization="native")
    twin.sources.add(s2)
    russian = PrisonerNameFactory(prisoner=absorb, text="Елена Мовшук", language="ru", script="Cyrl",
                                  romanization="native")
    russian.sources.add(s3)
    CitizenshipFactory(prisoner=absorb, country="BY", note="by birth")
    CitizenshipFactory(prisoner=absorb, country="LT", note="")
    DetentionFactory(prisoner=absorb, detained_on=datetime.date(2021, 7, 15), place="Okrestina")
    StatusRecordFactory(prisoner=absorb, status="detained", as_of=datetime.date(2021, 7, 15))
    StatusRecordFactory(prisoner=absorb, status="released", as_of=datetime.date(2025, 9, 11))
    RecognitionFactory(prisoner=absorb, recognized_by=viasna, wording="political prisoner (2022)",
                       recognized_on=datetime.date(2022, 1, 1))
    RecognitionFactory(prisoner=absorb, recognized_by=amnesty, wording="prisoner of conscience")
    ReleasedPersonFactory(prisoner=absorb, release=shared_release, destination="Vilnius",
                          conditions="left the country")
    ReleasedPersonFactory(prisoner=absorb, release=own_release, destination="Warsaw")
    CitationFactory(prisoner=absorb, release=None, source=s2, claim="general", account="absorbed account 1")
    CitationFactory(prisoner=absorb, release=None, source=s3, claim="age", account="absorbed account 2")
    return {"keep": keep, "absorb": absorb, "viasna": viasna, "amnesty": amnesty, "shared": shared_release,
            "own": own_release, "sources": (s1, s2, s3)}


# -- merge_prisoners: nothing lost ------------------------------------------------------------

def test_everything_moves_to_the_kept_record_and_nothing_is_lost(pair):
    keep, absorb = pair["keep"], pair["absorb"]
    assert rows_of(keep) == {"PrisonerName": 1, "Citizenship": 1, "Detention": 1, "StatusRecord": 1,
                             "Recognition": 1, "ReleasedPerson": 1, "Citation": 1}
    assert rows_of(absorb) == {"PrisonerName": 2, "Citizenship": 2, "Detention": 1, "StatusRecord": 2,
                               "Recognition": 2, "ReleasedPerson": 2, "Citation": 2}

    merge_prisoners(keep=keep, absorb=absorb, by="publisher")

    assert not m.Prisoner.objects.filter(pk=absorb.pk).exists()
    assert rows_of(keep) == {
        "PrisonerName": 3,   # Алена Маўшук (folded), Елена Мовшук (moved), Yelena Movshuk (its preferred name)
        "Citizenship": 2,    # BY (folded), LT
        "Detention": 2, "StatusRecord": 3,
        "Recognition": 2,    # Viasna (folded), Amnesty
        "ReleasedPerson": 2,  # the shared release once, and the absorbed record's own release
        "Citation": 3,
    }
    assert totals() == rows_of(keep)  # nothing left pointing anywhere else
    keep.refresh_from_db()
    assert sorted(keep.names.values_list("text", flat=True)) == sorted(
        ["Алена Маўшук", "Елена Мовшук", "Yelena Movshuk"])
    assert sorted(c.country.code for c in keep.citizenships.all()) == ["BY", "LT"]
    assert set(keep.released_in.values_list("release", flat=True)) == {pair["shared"].pk, pair["own"].pk}
    assert keep.released_in.get(release=pair["own"]).destination == "Warsaw"
    assert set(keep.recognitions.values_list("recognized_by", flat=True)) == {pair["viasna"].pk, pair["amnesty"].pk}
    assert sorted(keep.citations.values_list("account", flat=True)) == [
        "absorbed account 1", "absorbed account 2", "kept account"]
    assert sorted(keep.detentions.values_list("place", flat=True)) == ["Minsk", "Okrestina"]
    # A blank fact is filled from the absorbed record; the kept record's own facts win.
    assert (keep.preferred_name, keep.slug, keep.occupation, keep.birth_year) == (
        "Alena Maushuk", "alena-maushuk", "Teacher", 1965)
    # Moved names keep what they were.
    russian = keep.names.get(text="Елена Мовшук")
    assert (russian.language, russian.script, russian.romanization) == ("ru", "Cyrl", "native")


def test_the_sources_of_a_folded_spelling_end_up_on_the_kept_spelling(pair):
    s1, s2, s3 = pair["sources"]
    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"])
    kept = pair["keep"].names.get(text="Алена Маўшук")
    assert set(kept.sources.all()) == {s1, s2}
    assert (kept.language, kept.script, kept.romanization) == ("be", "Cyrl", "native")
    assert set(pair["keep"].names.get(text="Елена Мовшук").sources.all()) == {s3}


def test_differing_details_of_folded_rows_are_written_into_the_internal_notes(pair):
    notes = merge_prisoners(keep=pair["keep"], absorb=pair["absorb"])
    keep = m.Prisoner.objects.get(pk=pair["keep"].pk)
    text = keep.internal_notes
    assert text.startswith("Kept record's own note.")
    assert f"#{pair['absorb'].pk}" in text and "Yelena Movshuk" in text
    # The shared release: one row, which keeps its own (blank) details; the other's are noted.
    row = keep.released_in.get(release=pair["shared"])
    assert (row.destination, row.conditions) == ("", "")
    assert "Vilnius" in text and "left the country" in text
    assert "by birth" in text                      # the folded citizenship's note
    assert "political prisoner (2022)" in text     # the folded recognition's wording
    assert "1966" in text                          # the birth year that lost
    assert "Informant: do not publish." in text    # the absorbed record's own internal notes
    assert notes and all(note in text for note in notes)


def test_the_public_never_sees_the_notes_a_merge_writes(pair, client):
    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"])
    for url in (page(pair["keep"]), api(pair["keep"]), api(pair["keep"]) + "?format=csv",
                f"/releases/{pair['shared'].pk}/", f"{API}releases/{pair['shared'].pk}/"):
        body = body_of(client.get(url))
        assert "Informant" not in body, url
        assert "Merged #" not in body, url
        assert "left the country" not in body, url


def test_history_of_the_absorbed_record_moves_and_the_merge_is_recorded(pair):
    keep, absorb = pair["keep"], pair["absorb"]
    absorb.occupation = "Schoolteacher"
    absorb.save()  # a second version of the absorbed record
    absorbed_versions = set(absorb.history.values_list("history_id", flat=True))
    kept_versions = set(keep.history.values_list("history_id", flat=True))
    assert len(absorbed_versions) == 2

    merge_prisoners(keep=keep, absorb=absorb, by="publisher")

    history = m.Prisoner.history.filter(id=keep.pk)
    assert absorbed_versions | kept_versions <= set(history.values_list("history_id", flat=True))
    assert set(history.filter(history_id__in=absorbed_versions).values_list("preferred_name", flat=True)) == {
        "Yelena Movshuk"}
    latest = history.latest()
    assert latest.history_type == "~"
    assert latest.history_change_reason.startswith(f"Merged #{absorb.pk} (Yelena Movshuk) into #{keep.pk}")
    # The old id keeps only the record of its deletion (which tells sync scripts it is gone).
    left = m.Prisoner.history.filter(id=absorb.pk)
    assert [row.history_type for row in left] == ["-"]
    assert left.get().history_change_reason == latest.history_change_reason


def test_a_merge_of_people_with_long_names_keeps_the_whole_reason(db):
    # The history once kept 100 characters of a reason: PostgreSQL refused the merge.
    keep = PrisonerFactory(preferred_name="Aliaksandra " + "Kavalchuk-Shaurynovich " * 5)
    absorb = PrisonerFactory(preferred_name="Alexandra " + "Kovalchuk-Shaurinovich " * 5)
    merge_prisoners(keep=keep, absorb=absorb)
    reason = f"Merged #{absorb.pk} ({absorb.preferred_name}) into #{keep.pk} ({keep.preferred_name})"
    assert len(reason) > 200
    assert m.Prisoner.history.filter(id=keep.pk).latest().history_change_reason == reason


def test_the_merge_is_recorded_in_the_redirect(pair):
    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"], by="publisher")
    redirect = m.PrisonerRedirect.objects.get()
    assert (redirect.old_id, redirect.prisoner_id, redirect.old_name, redirect.merged_by) == (
        pair["absorb"].pk, pair["keep"].pk, "Yelena Movshuk", "publisher")


def test_the_admin_history_page_of_the_kept_record_shows_the_merge(pair, client, publisher):
    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"], by="publisher")
    client.force_login(publisher)
    response = client.get(f"{PEOPLE}{pair['keep'].pk}/history/")
    assert response.status_code == 200
    assert f"Merged #{pair['absorb'].pk}" in response.content.decode()


def test_a_record_cannot_be_merged_into_itself(pair):
    before = totals()
    with pytest.raises(MergeError):
        merge_prisoners(keep=pair["keep"], absorb=pair["keep"])
    with pytest.raises(MergeError):
        merge_prisoners(keep=pair["keep"], absorb=m.Prisoner.objects.get(pk=pair["keep"].pk))
    assert totals() == before
    assert not m.PrisonerRedirect.objects.exists()


def test_two_records_with_the_same_preferred_name_do_not_get_a_duplicate_spelling(db):
    keep = PrisonerFactory(preferred_name="Ihar Losik")
    absorb = PrisonerFactory(preferred_name="Ihar Losik")
    PrisonerNameFactory(prisoner=absorb, text="Ihar Losik", language="be")
    merge_prisoners(keep=keep, absorb=absorb)
    assert list(keep.names.values_list("text", "language")) == [("Ihar Losik", "be")]


def test_the_absorbed_preferred_name_keeps_its_language_and_script(db):
    keep = PrisonerFactory(preferred_name="Alena Maushuk")
    absorb = PrisonerFactory(preferred_name="Алена Маўшук")
    name = PrisonerNameFactory(prisoner=absorb, text="Алена Маўшук", language="be", script="Cyrl",
                               romanization="native")
    source = SourceFactory()
    name.sources.add(source)
    merge_prisoners(keep=keep, absorb=absorb)
    kept = keep.names.get(text="Алена Маўшук")
    assert set(kept.sources.all()) == {source}
    assert (kept.language, kept.script, kept.romanization) == ("be", "Cyrl", "native")


def test_a_folded_release_row_keeps_the_citizenship_at_release(db):
    release = ReleaseEventFactory()
    keep, absorb = PrisonerFactory(), PrisonerFactory()
    ReleasedPersonFactory(prisoner=keep, release=release, citizenship_at_release=[])
    ReleasedPersonFactory(prisoner=absorb, release=release, citizenship_at_release=["LT", "BY"])
    merge_prisoners(keep=keep, absorb=absorb)
    row = m.ReleasedPerson.objects.get(release=release)
    notes = m.Prisoner.objects.get(pk=keep.pk).internal_notes
    assert {c.code for c in row.citizenship_at_release} == {"LT", "BY"} or ("LT" in notes or "Lithuania" in notes)


def test_a_collection_listing_the_absorbed_person_lists_the_kept_one(client, db):
    keep, absorb = PrisonerFactory(preferred_name="Alena Maushuk"), PrisonerFactory(preferred_name="Yelena Movshuk")
    collection = CollectionFactory(slug="women-released")
    CollectionItemFactory(collection=collection, release=None, prisoner=absorb, note="Teacher from Minsk")
    merge_prisoners(keep=keep, absorb=absorb)
    assert list(m.CollectionItem.objects.filter(collection=collection).values_list("prisoner", "note")) == [
        (keep.pk, "Teacher from Minsk")]
    assert page(keep) in client.get("/collections/women-released/").content.decode()


def test_reloading_a_dataset_does_not_bring_back_a_merged_person(db):
    data = {"prisoners": [{"slug": "alena-maushuk", "preferred_name": "Alena Maushuk"},
                          {"slug": "yelena-movshuk", "preferred_name": "Yelena Movshuk"}]}
    load_dataset(data)
    keep, absorb = m.Prisoner.objects.get(slug="alena-maushuk"), m.Prisoner.objects.get(slug="yelena-movshuk")
    merge_prisoners(keep=keep, absorb=absorb)
    load_dataset(data)
    assert list(m.Prisoner.objects.values_list("pk", flat=True)) == [keep.pk]


# -- the old id redirects ---------------------------------------------------------------------

def test_the_old_page_and_api_address_redirect_permanently(pair, client):
    keep, absorb = pair["keep"], pair["absorb"]
    merge_prisoners(keep=keep, absorb=absorb)

    response = client.get(page(absorb))
    assert response.status_code == 301
    assert response["Location"] == page(keep)
    assert client.get(response["Location"]).status_code == 200

    response = client.get(api(absorb))
    assert response.status_code == 301
    assert response["Location"].endswith(api(keep))
    followed = client.get(response["Location"])
    assert followed.status_code == 200 and followed.json()["id"] == keep.pk


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_api_redirect_keeps_the_query_string(pair, client, fmt):
    keep, absorb = pair["keep"], pair["absorb"]
    merge_prisoners(keep=keep, absorb=absorb)
    response = client.get(api(absorb), {"format": fmt})
    assert response.status_code == 301
    assert response["Location"] == f"http://testserver{api(keep)}?format={fmt}"
    followed = client.get(response["Location"])
    assert followed.status_code == 200


def test_following_the_api_redirect_of_a_csv_request_gives_the_kept_persons_csv(pair, client):
    keep, absorb = pair["keep"], pair["absorb"]
    merge_prisoners(keep=keep, absorb=absorb)
    response = client.get(api(absorb), {"format": "csv"})
    assert response.status_code == 301
    assert response["Location"].split("?")[0].endswith(api(keep))
    assert "format=csv" in response["Location"]
    followed = client.get(response["Location"].split("?")[0], {"format": "csv"})
    assert followed.status_code == 200
    assert followed["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body_of(followed))))
    assert [row["id"] for row in rows] == [str(keep.pk)]
    assert "Yelena Movshuk" in rows[0]["other_names"]


def test_a_draft_survivor_is_not_revealed_by_the_redirect(pair, client):
    keep, absorb = pair["keep"], pair["absorb"]
    keep.publication_status = "draft"
    keep.save()
    merge_prisoners(keep=keep, absorb=absorb)
    for url in (page(absorb), api(absorb), api(absorb) + "?format=csv"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert str(keep.pk) not in response.get("Location", "")
    # Published later, the old id leads to it.
    keep.publication_status = "published"
    keep.save()
    assert client.get(page(absorb))["Location"] == page(keep)


def test_a_chain_of_merges_redirects_straight_to_the_last_survivor(db, client):
    a, b, c = (PrisonerFactory(preferred_name=n) for n in ("Alena Maushuk", "Yelena Movshuk", "Алена Маўшук"))
    merge_prisoners(keep=b, absorb=a)
    merge_prisoners(keep=c, absorb=b)
    for old in (a, b):
        response = client.get(page(old))
        assert (response.status_code, response["Location"]) == (301, page(c))
        response = client.get(api(old))
        assert response.status_code == 301
        assert response["Location"] == f"http://testserver{api(c)}"
    assert sorted(m.PrisonerRedirect.objects.values_list("old_id", "prisoner")) == [(a.pk, c.pk), (b.pk, c.pk)]
    assert sorted(c.names.values_list("text", flat=True)) == ["Alena Maushuk", "Yelena Movshuk"]


def test_an_id_that_was_never_merged_is_still_a_404(db, client):
    assert client.get(page(999999)).status_code == 404
    assert client.get(api(999999)).status_code == 404
    assert client.get(f"{PRISONERS}abc/").status_code == 404


def test_writes_to_the_old_id_do_not_follow_the_redirect(pair, publisher):
    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"])
    response = script(publisher).patch(api(pair["absorb"]), {"occupation": "Hijacked"}, format="json")
    assert response.status_code == 404
    assert m.Prisoner.objects.get(pk=pair["keep"].pk).occupation == "Teacher"


def test_the_schema_documents_the_redirect(client, db):
    document = client.get(f"{API}schema/?format=json").json()
    assert "301" in document["paths"][f"{API}prisoners/{{id}}/"]["get"]["responses"]


# -- search, releases and sync after a merge --------------------------------------------------

def test_search_finds_the_kept_person_by_the_absorbed_spellings(pair, client):
    keep, absorb = pair["keep"], pair["absorb"]
    merge_prisoners(keep=keep, absorb=absorb)
    for query in ("Yelena Movshuk", "Елена Мовшук", "Alena Maushuk"):
        assert [hit.prisoner_id for hit in search_prisoners(query)] == [keep.pk], query
        results = client.get(PRISONERS, {"q": query}).json()["results"]
        assert [r["id"] for r in results] == [keep.pk], query
    assert not m.NameKey.objects.filter(prisoner_id=absorb.pk).exists()


def test_the_admin_search_finds_the_kept_person_by_the_absorbed_spelling(pair, client, editor):
    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"])
    client.force_login(editor)
    response = client.get(PEOPLE, {"q": "Yelena Movshuk"})
    assert [p.pk for p in response.context["cl"].result_list] == [pair["keep"].pk]


def test_a_release_both_were_in_shows_the_kept_person_once(pair, client):
    keep, absorb = pair["keep"], pair["absorb"]
    merge_prisoners(keep=keep, absorb=absorb)
    people = client.get(f"{API}releases/{pair['shared'].pk}/").json()["released_people"]
    assert [row["prisoner"]["id"] for row in people] == [keep.pk]
    html = client.get(f"/releases/{pair['shared'].pk}/").content.decode()
    assert html.count(f'href="{page(keep)}"') == 1
    assert page(absorb) not in html
    assert [r["release"]["id"] for r in client.get(api(keep)).json()["releases"]] == sorted(
        [pair["shared"].pk, pair["own"].pk], key=lambda pk: m.ReleaseEvent.objects.get(pk=pk).date_from)


def test_the_withdrawals_list_the_absorbed_id_as_deleted(pair, client):
    keep, absorb = pair["keep"], pair["absorb"]
    merge_prisoners(keep=keep, absorb=absorb)
    items = client.get(f"{API}withdrawals/").json()["results"]
    people = [(i["id"], i["reason"]) for i in items if i["resource"] == "prisoners"]
    assert people == [(absorb.pk, "deleted")]


def test_the_withdrawals_never_list_an_absorbed_draft(db, client):
    keep = PrisonerFactory()
    draft = PrisonerFactory(publication_status="draft")
    merge_prisoners(keep=keep, absorb=draft)
    assert client.get(f"{API}withdrawals/").json()["results"] == []


def test_merging_a_published_record_into_a_draft_withdraws_it_and_reveals_no_draft(db, client):
    keep = PrisonerFactory(publication_status="draft")
    public = PrisonerFactory()
    merge_prisoners(keep=keep, absorb=public)
    items = client.get(f"{API}withdrawals/").json()["results"]
    assert [(i["resource"], i["id"], i["reason"]) for i in items] == [("prisoners", public.pk, "deleted")]


# -- the admin action -------------------------------------------------------------------------

def run_action(client, records, **extra):
    return client.post(PEOPLE, {"action": "merge_people", "_selected_action": [r.pk for r in records], **extra})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("how_many", [1, 3])
def test_selecting_other_than_two_records_is_refused(client, publisher, how_many):
    records = PrisonerFactory.create_batch(how_many)
    client.force_login(publisher)
    before = totals(), m.Prisoner.objects.count()
    for extra in ({}, {"confirm": "yes", "keep": records[0].pk}):
        response = run_action(client, records, **extra)
        assert response.status_code == 302
        assert "Select exactly two records to merge." in messages_of(response)
    assert (totals(), m.Prisoner.objects.count()) == before
    assert not m.PrisonerRedirect.objects.exists()


def test_the_confirmation_page_lists_both_records(pair, client, publisher):
    keep, absorb = pair["keep"], pair["absorb"]
    client.force_login(publisher)
    response = run_action(client, [absorb, keep])
    assert response.status_code == 200
    html = response.content.decode()
    for record in (keep, absorb):
        assert f"{record.preferred_name} (#{record.pk})" in html
        assert f'value="{record.pk}"' in html
        assert f'href="{PEOPLE}{record.pk}/change/"' in html
    assert "Елена Мовшук" in html and "Алена Маўшук" in html
    assert 'name="confirm" value="yes"' in html
    # Nothing has happened yet.
    assert m.Prisoner.objects.filter(pk__in=[keep.pk, absorb.pk]).count() == 2
    assert not m.PrisonerRedirect.objects.exists()


@pytest.mark.parametrize("kept", ["first", "second"])
def test_either_record_can_be_kept(pair, client, publisher, kept):
    first, second = sorted([pair["keep"], pair["absorb"]], key=lambda r: r.pk)
    keep, absorb = (first, second) if kept == "first" else (second, first)
    client.force_login(publisher)
    response = run_action(client, [first, second], confirm="yes", keep=keep.pk)
    assert response.status_code == 302
    [message] = messages_of(response)
    assert f"(#{absorb.pk}) into" in message and f"(#{keep.pk})" in message
    assert list(m.Prisoner.objects.values_list("pk", flat=True)) == [keep.pk]
    assert m.PrisonerRedirect.objects.get().old_id == absorb.pk
    assert m.PrisonerRedirect.objects.get().merged_by == "publisher"
    assert absorb.preferred_name in m.Prisoner.objects.get().names.values_list("text", flat=True)
    assert client.get(page(absorb))["Location"] == page(keep)


def test_a_keep_id_outside_the_selection_merges_nothing(pair, client, publisher):
    outsider = PrisonerFactory()
    client.force_login(publisher)
    before = totals()
    response = run_action(client, [pair["keep"], pair["absorb"]], confirm="yes", keep=outsider.pk)
    assert response.status_code == 200
    assert "Choose the record to keep." in messages_of(response)
    assert totals() == before and m.Prisoner.objects.count() == 3


def test_an_editor_cannot_merge_when_a_record_is_published(client, editor):
    public, draft = PrisonerFactory(), PrisonerFactory(publication_status="draft")
    client.force_login(editor)
    before = totals(), m.Prisoner.objects.count()
    for extra in ({}, {"confirm": "yes", "keep": draft.pk}, {"confirm": "yes", "keep": public.pk}):
        response = run_action(client, [public, draft], **extra)
        assert response.status_code == 403
    assert (totals(), m.Prisoner.objects.count()) == before
    assert not m.PrisonerRedirect.objects.exists()


def test_an_editor_can_merge_two_drafts(client, editor):
    keep = PrisonerFactory(preferred_name="Alena Maushuk", publication_status="draft")
    absorb = PrisonerFactory(preferred_name="Yelena Movshuk", publication_status="review")
    client.force_login(editor)
    assert run_action(client, [keep, absorb]).status_code == 200
    response = run_action(client, [keep, absorb], confirm="yes", keep=keep.pk)
    assert response.status_code == 302
    assert list(m.Prisoner.objects.values_list("pk", flat=True)) == [keep.pk]


def test_a_publisher_merges_two_published_records(pair, client, publisher):
    client.force_login(publisher)
    response = run_action(client, [pair["keep"], pair["absorb"]], confirm="yes", keep=pair["keep"].pk)
    assert response.status_code == 302
    [message] = messages_of(response)
    assert "differing detail" in message
    assert not m.Prisoner.objects.filter(pk=pair["absorb"].pk).exists()


def test_a_user_in_no_group_cannot_merge(pair, client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    response = run_action(client, [pair["keep"], pair["absorb"]], confirm="yes", keep=pair["keep"].pk)
    assert response.status_code == 403
    assert m.Prisoner.objects.count() == 2


# -- more edges -------------------------------------------------------------------------------

def test_a_spelling_equal_to_the_kept_preferred_name_keeps_its_sources(db):
    keep = PrisonerFactory(preferred_name="Alena Maushuk")
    absorb = PrisonerFactory(preferred_name="Yelena Movshuk")
    source = SourceFactory()
    PrisonerNameFactory(prisoner=absorb, text="Alena Maushuk", language="be").sources.add(source)
    merge_prisoners(keep=keep, absorb=absorb)
    kept = keep.names.get(text="Alena Maushuk")
    assert set(kept.sources.all()) == {source}
    assert kept.language == "be"
    assert sorted(keep.names.values_list("text", flat=True)) == ["Alena Maushuk", "Yelena Movshuk"]


def test_the_search_keys_after_a_merge_are_exactly_those_of_the_kept_names(pair):
    from releases.derived import name_keys as index

    merge_prisoners(keep=pair["keep"], absorb=pair["absorb"])
    after_merge = set(m.NameKey.objects.values_list("prisoner", "key"))
    index.refresh([pair["keep"].pk])
    assert set(m.NameKey.objects.values_list("prisoner", "key")) == after_merge


def test_sync_scripts_see_the_kept_record_as_changed(pair, client):
    keep = pair["keep"]
    since = m.Prisoner.objects.get(pk=keep.pk).updated_at
    merge_prisoners(keep=keep, absorb=pair["absorb"])
    results = client.get(PRISONERS, {"updated_since": since.isoformat()}).json()["results"]
    assert [r["id"] for r in results] == [keep.pk]
    assert "Yelena Movshuk" in [n["text"] for n in results[0]["names"]]


def test_the_old_id_is_never_given_to_a_new_record(db, client, editor):
    keep = PrisonerFactory(preferred_name="Alena Maushuk")
    newest = PrisonerFactory(preferred_name="Yelena Movshuk")  # the highest id so far
    merge_prisoners(keep=keep, absorb=newest)
    response = script(editor).post(PRISONERS, {"preferred_name": "Ihar Losik", "slug": "ihar-losik"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["id"] > newest.pk
    assert client.get(page(newest))["Location"] == page(keep)


def test_the_merge_action_is_offered_on_the_people_list(client, publisher):
    PrisonerFactory()
    client.force_login(publisher)
    html = client.get(PEOPLE).content.decode()
    assert 'value="merge_people"' in html
    assert "Merge two selected records of the same person" in html
