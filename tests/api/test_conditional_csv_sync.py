"""CSV exports, conditional requests (ETag / Last-Modified / 304) and the withdrawals feed
that nightly sync scripts rely on."""
import csv
import datetime
import io
import time
from urllib.parse import quote

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import parse_http_date

from releases.api.csv_stream import RELEASE_COLUMNS
from releases.models import ReleaseEvent
from tests.support import factories as f
from tests.support.api import body

API = "/api/v1/"
RELEASE_HEADER = [
    "id", "url", "title", "kind", "date_from", "date_to", "date_precision", "date_display",
    "releasing_country", "handover_place", "destination", "destination_country", "announced_total",
    "announced_total_is_minimum", "people", "people_ids", "citizenships", "parties", "sources",
    "citation_count", "updated_at",
]


def rows(response):
    """The CSV as a list of dicts, after checking it is a streamed text/csv response."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response.streaming
    reader = csv.reader(io.StringIO(body(response).decode("utf-8")))
    header, *lines = list(reader)
    return [dict(zip(header, line, strict=True)) for line in lines], header


# -- CSV ---------------------------------------------------------------------------------------

@pytest.fixture
def many_releases(db):
    """120 published releases (60 released by Belarus, 60 by Russia) and 3 drafts."""
    made = ReleaseEvent.objects.bulk_create([
        ReleaseEvent(
            title=f"Bulk release {i}", slug=f"bulk-{i}", kind="pardon", publication_status="published",
            releasing_country="BY" if i % 2 else "RU",
            date_from=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            date_to=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
        )
        for i in range(120)
    ] + [
        ReleaseEvent(title=f"Draft bulk {i}", slug=f"draft-bulk-{i}", kind="pardon", releasing_country="BY",
                     publication_status=status, date_from=datetime.date(2024, 1, 1),
                     date_to=datetime.date(2024, 1, 1))
        for i, status in enumerate(["draft", "review", "draft"])
    ])
    return [r for r in made if r.publication_status == "published"]


@pytest.mark.parametrize("query, headers", [
    ("?format=csv", {}),
    ("", {"Accept": "text/csv"}),
    ("?format=csv", {"Accept": "application/json"}),   # ?format wins over a script's fixed Accept
    ("?format=csv", {"Accept": "text/html"}),
])
def test_csv_has_every_matching_row_not_one_page(client, many_releases, query, headers):
    response = client.get(f"{API}releases/{query}", headers=headers)
    found, header = rows(response)
    assert header == RELEASE_HEADER == [name for name, _ in RELEASE_COLUMNS]
    assert len(found) == 120  # the JSON default page is 50
    assert {int(r["id"]) for r in found} == {r.pk for r in many_releases}
    assert all(r["url"] == f"http://testserver/releases/{r['id']}/" for r in found)
    assert "Draft" not in body(client.get(f"{API}releases/?format=csv")).decode()
    assert response["Content-Disposition"] == 'attachment; filename="release.csv"'


def test_json_still_pages_the_same_list(client, many_releases):
    data = client.get(f"{API}releases/").json()
    assert data["count"] == 120
    assert len(data["results"]) == 50


def test_csv_honours_filters(client, many_releases):
    found, _ = rows(client.get(f"{API}releases/?format=csv&country=BY"))
    assert len(found) == 60
    assert {r["releasing_country"] for r in found} == {"BY"}
    found, _ = rows(client.get(f"{API}releases/?format=csv&q=Bulk%20release%2011"))
    assert sorted(r["title"] for r in found) == ["Bulk release 11", *[f"Bulk release {n}" for n in range(110, 120)]]
    found, _ = rows(client.get(f"{API}releases/?format=csv&date_after=2024-04-01&ordering=date"))
    assert [r["date_from"] for r in found] == sorted(r["date_from"] for r in found)
    assert len(found) == 120 - 91


def test_csv_with_a_bad_filter_is_a_400(client, db):
    assert client.get(f"{API}releases/?format=csv&country=XX").status_code == 400
    assert client.get(f"{API}releases/?format=csv&contry=BY").status_code == 400
    assert client.get(f"{API}releases/", {"country": "XX"}, headers={"Accept": "text/csv"}).status_code == 400


@pytest.mark.parametrize("url, headers", [
    ("releases/?format=csv&country=XX", {}),
    ("releases/?country=XX", {"Accept": "text/csv"}),
    ("releases/999999/?format=csv", {}),
])
def test_an_error_asked_for_as_csv_still_names_the_problem(client, db, url, headers):
    response = client.get(API + url, headers=headers)
    assert response.status_code in (400, 404)
    assert response.get("Content-Type") == "application/json"
    assert response.json()


def test_a_cell_that_looks_like_a_formula_is_kept_as_text(client, db):
    titles = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "Plain title"]
    releases = [f.ReleaseEventFactory(title=t) for t in titles]
    person = f.PrisonerFactory(preferred_name="=cmd|' /C calc'!A0")
    f.ReleasedPersonFactory(release=releases[-1], prisoner=person)
    found, _ = rows(client.get(f"{API}releases/?format=csv"))
    by_id = {int(r["id"]): r for r in found}
    assert by_id[releases[0].pk]["title"] == "'=HYPERLINK(\"http://evil\")"
    assert by_id[releases[1].pk]["title"] == "'+1+1"
    assert by_id[releases[2].pk]["title"] == "'-2"
    assert by_id[releases[3].pk]["title"] == "'@SUM(A1)"
    assert by_id[releases[4].pk]["title"] == "Plain title"
    assert by_id[releases[4].pk]["people"] == "'=cmd|' /C calc'!A0"
    # JSON is untouched.
    assert client.get(f"{API}releases/{releases[0].pk}/").json()["title"] == titles[0]


def test_detail_csv_is_one_row(client, db):
    release = f.ReleaseEventFactory(title="Three freed", releasing_country="BY")
    person = f.PrisonerFactory(preferred_name="Alena Maushuk")
    f.CitizenshipFactory(prisoner=person, country="BY")
    f.ReleasedPersonFactory(release=release, prisoner=person)
    f.PartyRoleFactory(release=release, party=f.PartyFactory(name="Christopher W. Smith"), role="envoy")
    f.CitationFactory(release=release, source=f.SourceFactory(outlet="RFE/RL"))
    f.ReleaseEventFactory()
    for headers, query in [({}, "?format=csv"), ({"Accept": "text/csv"}, "")]:
        response = client.get(f"{API}releases/{release.pk}/{query}", headers=headers)
        (row,), header = rows(response)
        assert header == RELEASE_HEADER
        assert response["Content-Disposition"] == f'attachment; filename="release-{release.pk}.csv"'
        assert row["id"] == str(release.pk)
        assert row["title"] == "Three freed"
        assert row["people"] == "Alena Maushuk"
        assert row["people_ids"] == str(person.pk)
        assert row["citizenships"] == "BY"
        assert row["parties"] == "Christopher W. Smith (envoy)"
        assert row["sources"] == "RFE/RL"
        assert row["citation_count"] == "1"


@pytest.mark.parametrize("resource, make, header_start", [
    ("prisoners", lambda status: f.PrisonerFactory(publication_status=status),
     ["id", "url", "preferred_name", "other_names", "citizenships", "status"]),
    ("parties", lambda status: f.PartyFactory(publication_status=status), ["id", "url", "name", "other_names"]),
    ("sources", lambda status: f.SourceFactory(publication_status=status), ["id", "url", "outlet", "title", "link"]),
    ("citations", lambda status: f.CitationFactory(source=f.SourceFactory(publication_status=status)),
     ["id", "url", "source_id", "outlet", "claim"]),
])
def test_every_resource_exports_csv_without_drafts(client, db, resource, make, header_start):
    published = [make("published") for _ in range(3)]
    make("draft")
    make("review")
    found, header = rows(client.get(f"{API}{resource}/?format=csv&page_size=1"))
    assert header[:len(header_start)] == header_start
    assert {int(r["id"]) for r in found} == {p.pk for p in published}
    (one,), _ = rows(client.get(f"{API}{resource}/{published[0].pk}/?format=csv"))
    assert one["id"] == str(published[0].pk)


# -- conditional requests ----------------------------------------------------------------------

@pytest.fixture
def release(db):
    release = f.ReleaseEventFactory(title="Three freed")
    person = f.PrisonerFactory(preferred_name="Alena Maushuk")
    f.ReleasedPersonFactory(release=release, prisoner=person)
    release.person = person
    return release


def validators(response):
    assert response.status_code == 200
    return response["ETag"], response["Last-Modified"]


def urls(release):
    return [f"{API}releases/", f"{API}releases/{release.pk}/", f"{API}releases/?format=csv",
            f"{API}releases/{release.pk}/?format=csv", f"{API}prisoners/", f"{API}prisoners/{release.person.pk}/",
            f"{API}withdrawals/"]


def test_lists_and_details_carry_etag_and_last_modified(client, release):
    for url in urls(release):
        response = client.get(url)
        etag, last_modified = validators(response)
        assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
        assert parse_http_date(last_modified)
        body(response)


def test_last_modified_is_the_time_of_the_latest_change(client, release):
    release.refresh_from_db()
    _, last_modified = validators(client.get(f"{API}releases/"))
    latest = max(release.updated_at, release.person.updated_at)
    assert abs(parse_http_date(last_modified) - latest.timestamp()) <= 1.5


def test_if_none_match_gives_304_with_an_empty_body(client, release):
    for url in urls(release):
        etag, _ = validators(client.get(url))
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert body(again) == b""
        assert again["ETag"] == etag
        for variant in [f"W/{etag}", f'"something-else", {etag}', "*"]:
            assert client.get(url, headers={"If-None-Match": variant}).status_code == 304, (url, variant)
        assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_if_modified_since_the_last_modified_gives_304(client, release):
    for url in urls(release):
        _, last_modified = validators(client.get(url))
        again = client.get(url, headers={"If-Modified-Since": last_modified})
        assert again.status_code == 304, url
        assert body(again) == b""
        earlier = datetime.datetime.fromtimestamp(parse_http_date(last_modified) - 60, datetime.timezone.utc)
        stale = client.get(url, headers={"If-Modified-Since": earlier.strftime("%a, %d %b %Y %H:%M:%S GMT")})
        assert stale.status_code == 200, url
        body(stale)


def test_a_non_matching_etag_wins_over_a_current_date(client, release):
    url = f"{API}releases/{release.pk}/"
    _, last_modified = validators(client.get(url))
    response = client.get(url, headers={"If-None-Match": '"old"', "If-Modified-Since": last_modified})
    assert response.status_code == 200


def wait_for_the_clock():
    """Make sure the next write is stamped later than the last one, even on a coarse clock."""
    time.sleep(0.002)


def test_editing_a_release_changes_every_etag(client, release):
    before = {url: validators(client.get(url))[0] for url in urls(release)}
    wait_for_the_clock()
    release.title = "Three people freed"
    release.save()
    for url, etag in before.items():
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 200, url
        assert response["ETag"] != etag
        if "format=csv" not in url and "releases" in url:
            assert "Three people freed" in response.content.decode()


def test_renaming_a_nested_person_changes_the_release_etag(client, release):
    url = f"{API}releases/{release.pk}/"
    etag, _ = validators(client.get(url))
    wait_for_the_clock()
    release.person.preferred_name = "Yelena Movshuk"
    release.person.save()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["released_people"][0]["prisoner"]["preferred_name"] == "Yelena Movshuk"
    assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304


@pytest.mark.parametrize("change", ["unpublish person", "add citizenship", "delete role", "add citation",
                                    "add concession source", "delete release"])
def test_changes_to_nested_rows_change_the_release_etag(client, release, change):
    role = f.PartyRoleFactory(release=release)
    concession = f.ConcessionFactory(release=release)
    other = f.ReleaseEventFactory(title="Other")
    url = f"{API}releases/{release.pk}/"
    etag, _ = validators(client.get(url))
    before = client.get(url).json()
    wait_for_the_clock()
    if change == "unpublish person":
        release.person.publication_status = "draft"
        release.person.save()
    elif change == "add citizenship":
        f.CitizenshipFactory(prisoner=release.person, country="US")
    elif change == "delete role":
        role.delete()
    elif change == "add citation":
        f.CitationFactory(release=release)
    elif change == "add concession source":
        concession.sources.add(f.SourceFactory())
    else:
        url = f"{API}releases/"
        etag, _ = validators(client.get(url))
        before = client.get(url).json()
        wait_for_the_clock()
        other.delete()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json() != before


def test_a_draft_detail_is_404_whatever_the_validators(client, release):
    draft = f.ReleaseEventFactory(publication_status="draft")
    list_etag, last_modified = validators(client.get(f"{API}releases/"))
    for headers in [{"If-None-Match": "*"}, {"If-None-Match": list_etag},
                    {"If-Modified-Since": last_modified}]:
        for suffix in ["", "?format=csv"]:
            response = client.get(f"{API}releases/{draft.pk}/{suffix}", headers=headers)
            assert response.status_code == 404, (headers, suffix)
    assert client.get(f"{API}releases/999999/", headers={"If-None-Match": "*"}).status_code == 404


def test_a_bad_parameter_is_a_400_even_with_current_validators(client, release):
    etag, last_modified = validators(client.get(f"{API}releases/"))
    for headers in [{"If-None-Match": "*"}, {"If-Modified-Since": last_modified}]:
        assert client.get(f"{API}releases/?country=XX", headers=headers).status_code == 400
        assert client.get(f"{API}releases/?contry=BY", headers=headers).status_code == 400
        assert client.get(f"{API}releases/{release.pk}/?page=2", headers=headers).status_code == 400


def test_pagination_errors_are_not_hidden_by_a_304(client, release):
    _, last_modified = validators(client.get(f"{API}releases/"))
    headers = {"If-Modified-Since": last_modified}
    assert client.get(f"{API}releases/?page=2", headers=headers).status_code == 404
    assert client.get(f"{API}releases/?page=abc", headers=headers).status_code == 400


def test_etag_differs_by_format_and_query(client, release):
    f.ReleaseEventFactory.create_batch(2)
    etags = {
        "json": client.get(f"{API}releases/")["ETag"],
        "csv": client.get(f"{API}releases/?format=csv")["ETag"],
        "accept csv": client.get(f"{API}releases/", headers={"Accept": "text/csv"})["ETag"],
        "filtered": client.get(f"{API}releases/?kind=pardon")["ETag"],
        "other filter": client.get(f"{API}releases/?kind=exchange")["ETag"],
        "page 2": client.get(f"{API}releases/?page_size=1&page=2")["ETag"],
        "page 1": client.get(f"{API}releases/?page_size=1&page=1")["ETag"],
        "detail": client.get(f"{API}releases/{release.pk}/")["ETag"],
        "detail csv": client.get(f"{API}releases/{release.pk}/?format=csv")["ETag"],
    }
    assert len(set(etags.values())) == len(etags), etags
    # The CSV ETag validates the CSV, not the JSON.
    assert client.get(f"{API}releases/", headers={"If-None-Match": etags["csv"]}).status_code == 200
    csv_304 = client.get(f"{API}releases/?format=csv", headers={"If-None-Match": etags["csv"]})
    assert csv_304.status_code == 304
    assert body(csv_304) == b""
    # The same request twice gives the same ETag.
    assert client.get(f"{API}releases/?kind=pardon")["ETag"] == etags["filtered"]


# -- withdrawals (sync) ------------------------------------------------------------------------

def withdrawals(client, query=""):
    response = client.get(f"{API}withdrawals/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def keyed(items):
    return {(i["resource"], i["id"]): i["reason"] for i in items}


def stamp():
    wait_for_the_clock()
    moment = timezone.now()
    wait_for_the_clock()
    return moment


@pytest.fixture
def history(db):
    """Records withdrawn in every way, with the time of each step; drafts edited and deleted."""
    h = {}
    h["unpublished"] = f.ReleaseEventFactory(title="Withdrawn")
    h["deleted"] = f.ReleaseEventFactory(title="Deleted")
    h["republished"] = f.ReleaseEventFactory(title="Back again")
    h["draft_deleted"] = f.ReleaseEventFactory(publication_status="draft")
    h["draft_edited"] = f.ReleaseEventFactory(publication_status="draft")
    h["review_deleted"] = f.ReleaseEventFactory(publication_status="review")
    h["person"] = f.PrisonerFactory()
    h["party"] = f.PartyFactory()
    h["source"] = f.SourceFactory()
    h["t0"] = stamp()

    h["unpublished"].publication_status = "draft"
    h["unpublished"].save()
    h["deleted_pk"] = h["deleted"].pk
    h["deleted"].delete()
    h["republished"].publication_status = "review"
    h["republished"].save()
    h["draft_edited"].title = "Edited draft"
    h["draft_edited"].save()
    h["draft_deleted_pk"] = h["draft_deleted"].pk
    h["draft_deleted"].delete()
    h["review_deleted_pk"] = h["review_deleted"].pk
    h["review_deleted"].delete()
    h["t1"] = stamp()

    h["person"].publication_status = "review"
    h["person"].save()
    h["party_pk"] = h["party"].pk
    h["party"].delete()
    h["source"].publication_status = "draft"
    h["source"].save()
    h["t2"] = stamp()
    return h


def test_withdrawals_list_unpublished_and_deleted_records_once_public(client, history):
    h = history
    assert keyed(withdrawals(client)) == {
        ("releases", h["unpublished"].pk): "unpublished",
        ("releases", h["deleted_pk"]): "deleted",
        ("releases", h["republished"].pk): "unpublished",
        ("prisoners", h["person"].pk): "unpublished",
        ("parties", h["party_pk"]): "deleted",
        ("sources", h["source"].pk): "unpublished",
    }


def test_withdrawals_say_when_oldest_first(client, history):
    h = history
    items = withdrawals(client)
    at = {(i["resource"], i["id"]): parse_datetime(i["at"]) for i in items}
    assert all(value.tzinfo is not None for value in at.values())
    for key in [("releases", h["unpublished"].pk), ("releases", h["deleted_pk"]),
                ("releases", h["republished"].pk)]:
        assert h["t0"] < at[key] < h["t1"], key
    for key in [("prisoners", h["person"].pk), ("parties", h["party_pk"]), ("sources", h["source"].pk)]:
        assert h["t1"] < at[key] < h["t2"], key
    times = [parse_datetime(i["at"]) for i in items]
    assert times == sorted(times)
    assert set(items[0]) == {"resource", "id", "reason", "at"}


def test_drafts_never_appear_in_withdrawals(client, history):
    h = history
    listed = {(i["resource"], i["id"]) for i in withdrawals(client)}
    for pk in [h["draft_deleted_pk"], h["draft_edited"].pk, h["review_deleted_pk"]]:
        assert ("releases", pk) not in listed


def test_since_keeps_only_later_withdrawals(client, history):
    h = history
    for since in [h["t1"].isoformat(), h["t1"].strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                  h["t1"].astimezone(datetime.timezone(datetime.timedelta(hours=3))).isoformat()]:
        for encoded in [quote(since), since]:  # a raw '+' arrives as a space
            assert keyed(withdrawals(client, f"?since={encoded}")) == {
                ("prisoners", h["person"].pk): "unpublished",
                ("parties", h["party_pk"]): "deleted",
                ("sources", h["source"].pk): "unpublished",
            }, encoded
    assert len(withdrawals(client, f"?since={quote(h['t0'].isoformat())}")) == 6
    assert withdrawals(client, f"?since={quote(h['t2'].isoformat())}") == []


def test_a_naive_since_is_taken_as_utc(client, history):
    h = history
    naive = h["t1"].replace(tzinfo=None).isoformat()
    assert keyed(withdrawals(client, f"?since={naive}")) == {
        ("prisoners", h["person"].pk): "unpublished",
        ("parties", h["party_pk"]): "deleted",
        ("sources", h["source"].pk): "unpublished",
    }


@pytest.mark.parametrize("value", ["garbage", "2025-13-45T00:00:00Z", "yesterday", " x"])
def test_a_malformed_since_is_a_400_naming_it(client, db, value):
    response = client.get(f"{API}withdrawals/?since={value}")
    assert response.status_code == 400
    assert list(response.json()) == ["since"]


def test_an_empty_since_is_no_since_as_for_updated_since(client, history):
    # What a filter form sends for a field left empty; the schema says so (schema.py).
    everything = keyed(withdrawals(client))
    assert everything
    assert keyed(client.get(f"{API}withdrawals/?since=").json()["results"]) == everything


def test_a_republished_record_leaves_the_withdrawals(client, history):
    h = history
    assert ("releases", h["republished"].pk) in keyed(withdrawals(client))
    h["republished"].publication_status = "published"
    h["republished"].save()
    assert ("releases", h["republished"].pk) not in keyed(withdrawals(client))
    assert ("releases", h["republished"].pk) not in keyed(
        withdrawals(client, f"?since={quote(h['t0'].isoformat())}"))
    # And is back in the list of releases, changed since it came back.
    since = quote(h["t2"].isoformat())
    ids = [r["id"] for r in client.get(f"{API}releases/?updated_since={since}").json()["results"]]
    assert ids == [h["republished"].pk]


def test_withdrawals_are_paginated_and_conditional(client, history):
    page = client.get(f"{API}withdrawals/?page_size=4").json()
    assert page["count"] == 6 and len(page["results"]) == 4 and page["next"]
    response = client.get(f"{API}withdrawals/")
    again = client.get(f"{API}withdrawals/", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    history["person"].publication_status = "published"
    history["person"].save()
    fresh = client.get(f"{API}withdrawals/", headers={"If-None-Match": response["ETag"]})
    assert fresh.status_code == 200
    assert fresh.json()["count"] == 5


def test_at_is_the_time_of_the_withdrawal_not_of_later_draft_edits(client, db):
    release = f.ReleaseEventFactory()
    before = stamp()
    release.publication_status = "draft"
    release.save()
    after = stamp()
    release.title = "Reworded while unpublished"
    release.save()
    (item,) = withdrawals(client)
    assert before < parse_datetime(item["at"]) < after
    assert withdrawals(client, f"?since={quote(after.isoformat())}") == []


def test_updated_since_sees_a_release_whose_nested_person_changed(client, release):
    since = stamp()
    release.person.preferred_name = "Yelena Movshuk"
    release.person.save()
    response = client.get(f"{API}releases/?updated_since={quote(since.isoformat())}")
    assert [r["id"] for r in response.json()["results"]] == [release.pk]


@pytest.mark.parametrize("resource", ["releases", "prisoners"])
def test_a_304_costs_two_queries_not_the_whole_nested_record(client, db, resource):
    row = f.ReleasedPersonFactory()
    pk = row.release_id if resource == "releases" else row.prisoner_id
    url = f"/api/v1/{resource}/{pk}/"
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert len(queries) == 2  # does it exist (published)? which version is the data at?


# -- the response cache: an answer is kept under its ETag until the next write ---------------

def test_a_repeated_read_is_served_from_the_cache_in_one_query(client, release):
    url = f"{API}releases/?page_size=50"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 1  # the data stamp, nothing else
    assert second.status_code == 200 and second.content == first.content
    assert second["ETag"] == first["ETag"] and second["Content-Type"] == "application/json"
    with CaptureQueriesContext(connection) as queries:
        detail = client.get(f"{API}releases/{release.pk}/")
        again = client.get(f"{API}releases/{release.pk}/")
    assert again.content == detail.content


def test_any_write_makes_the_cached_answer_stale(client, release):
    url = f"{API}releases/"
    before = client.get(url).json()
    person = f.ReleasedPersonFactory(release=release).prisoner  # a nested row, through save()
    person.preferred_name = "Renamed Person"
    person.save()
    after = client.get(url).json()
    assert before != after
    assert "Renamed Person" in str(after)


@pytest.mark.parametrize("url,headers", [
    (f"{API}releases/?format=csv", {}),  # streamed, every row: never held in memory
    (f"{API}releases/", {"Accept": "text/html"}),  # the browsable API shows who is logged in
])
def test_csv_and_the_browsable_api_are_built_every_time(client, release, url, headers):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, headers=headers)
            b"".join(response.streaming_content) if response.streaming else response.content
        return len(captured)

    # A cached answer costs one query (the version); these build the page again (the shared
    # COUNT of the filter may be reused).
    assert queries() > 2 and queries() > 2


def test_pages_of_one_filter_share_the_count_until_the_next_write(client, release):
    url = f"{API}releases/?kind={release.kind}"
    assert client.get(url + "&page_size=5").json()["count"] == 1
    with CaptureQueriesContext(connection) as queries:
        client.get(url + "&page_size=7")
    assert not any("COUNT(" in q["sql"] for q in queries)
    f.ReleaseEventFactory(kind=release.kind, publication_status="published")
    assert client.get(url + "&page_size=7").json()["count"] == 2
