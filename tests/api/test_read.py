"""The read API's contract: root, pagination, item shape, visibility of drafts and private
notes, a fixed number of queries per page, and the OpenAPI schema and docs."""
import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.validation import validate_schema

from releases.derived.signals import one_write
from releases.models import Source
from tests.support import factories as f
from tests.support.api import body

API = "/api/v1/"
RESOURCES = ["releases", "prisoners", "parties", "sources", "citations"]
DRAFT = "ZZDRAFTMARK"      # in every name, title and text of unpublished records
SECRET = "ZZSECRETMARK"    # in every internal_notes field


def text(response):
    return body(response).decode()


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_absolute(url):
    assert url.startswith("http://testserver/"), url


# -- root and pagination ------------------------------------------------------------------

def test_root_lists_every_resource_with_absolute_urls(client, db):
    response = client.get(API)
    assert response.status_code == 200
    root = response.json()
    assert set(root) == {"releases", "prisoners", "parties", "sources", "citations", "withdrawals"}
    for name, url in root.items():
        assert url == f"http://testserver{API}{name}/"
        assert client.get(path_of(url)).status_code == 200


@pytest.mark.parametrize("resource", [*RESOURCES, "withdrawals"])
def test_every_list_is_a_page_with_count_next_previous_results(client, db, resource):
    data = client.get(f"{API}{resource}/").json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data == {"count": 0, "next": None, "previous": None, "results": []}


def test_pages_link_to_each_other_and_keep_the_page_size(client, db):
    releases = [f.ReleaseEventFactory(date_from=datetime.date(2025, 1, day)) for day in range(1, 6)]
    first = client.get(f"{API}releases/?page_size=2").json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert [r["id"] for r in first["results"]] == [releases[4].pk, releases[3].pk]
    assert_absolute(first["next"])
    second = client.get(path_of(first["next"])).json()
    assert [r["id"] for r in second["results"]] == [releases[2].pk, releases[1].pk]
    third = client.get(path_of(second["next"])).json()
    assert [r["id"] for r in third["results"]] == [releases[0].pk]
    assert third["next"] is None
    assert third["previous"] is not None
    last = client.get(f"{API}releases/?page_size=2&page=last").json()
    assert last["results"] == third["results"]


@pytest.fixture
def many_sources(db):
    """501 published sources, written in one statement."""
    Source.objects.bulk_create([
        Source(outlet="Bulk outlet", title=f"Bulk {i}", slug=f"bulk-{i}", publication_status="published")
        for i in range(501)
    ])


@pytest.mark.parametrize("page_size, expected", [(None, 50), ("7", 7), ("500", 500), ("501", 500), ("10000", 500)])
def test_page_size_is_honoured_up_to_500_and_capped_there(client, many_sources, page_size, expected):
    query = "" if page_size is None else f"?page_size={page_size}"
    data = client.get(f"{API}sources/{query}").json()
    assert data["count"] == 501
    assert len(data["results"]) == expected
    assert data["next"] is not None


def test_a_capped_page_size_still_pages_through_everything(client, many_sources):
    first = client.get(f"{API}sources/?page_size=10000").json()
    second = client.get(path_of(first["next"])).json()
    assert len(first["results"]) == 500
    assert len(second["results"]) == 1
    assert second["next"] is None
    seen = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert len(seen) == 501


@pytest.mark.parametrize("resource", ["releases", "prisoners", "withdrawals"])
@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", ""])
def test_a_bad_page_size_is_a_400_naming_it(client, db, resource, value):
    response = client.get(f"{API}{resource}/?page_size={value}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["page_size"]


@pytest.mark.parametrize("value", ["abc", "0", "-2"])
def test_a_bad_page_number_is_a_400_naming_it(client, db, value):
    f.ReleaseEventFactory()
    response = client.get(f"{API}releases/?page={value}")
    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_a_page_past_the_end_is_a_404_naming_the_page(client, db):
    f.ReleaseEventFactory.create_batch(3)
    assert client.get(f"{API}releases/?page_size=2&page=2").status_code == 200
    response = client.get(f"{API}releases/?page_size=2&page=3")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["page"]
    assert "2" in response.json()["page"][0]  # names the last page


# -- a published world with drafts and private notes around it ------------------------------

def build_world(draft_status):
    """A published release R with everything around it, plus unpublished records (status
    ``draft_status``) tied to it in every way the model allows, and private notes everywhere."""
    w = {}
    src = w["source"] = f.SourceFactory(outlet="Public Outlet", title="Public report", internal_notes=SECRET)
    party = w["party"] = f.PartyFactory(name="Public Party", position="Envoy", internal_notes=SECRET)
    f.PartyNameFactory(party=party, text="Public Party Alias")
    person = w["person"] = f.PrisonerFactory(preferred_name="Public Person", internal_notes=SECRET)
    f.PrisonerNameFactory(prisoner=person, text="Public Person Alias")
    f.CitizenshipFactory(prisoner=person, country="BY")
    f.DetentionFactory(prisoner=person, charges="Public charges", internal_notes=SECRET)
    f.StatusRecordFactory(prisoner=person, status="released", as_of=datetime.date(2025, 2, 12))
    f.RecognitionFactory(prisoner=person, recognized_by=party)
    release = w["release"] = f.ReleaseEventFactory(
        title="Public release", summary="Public summary", internal_notes=SECRET,
        releasing_country="BY",
    )
    other = w["other_release"] = f.ReleaseEventFactory(
        title="Other public release", internal_notes=SECRET, date_from=datetime.date(2025, 1, 5),
    )
    f.ReleasedPersonFactory(release=release, prisoner=person, conditions="Left the country",
                            internal_notes=SECRET)
    f.PartyRoleFactory(release=release, party=party, role="envoy")
    f.EventLinkFactory(from_event=release, to_event=other)
    w["citations"] = [
        f.CitationFactory(source=src, release=release, account="Public account"),
        f.CitationFactory(source=src, release=None, prisoner=person, account="Public person account"),
        f.CitationFactory(source=src, release=None, party=party, account="Public party account"),
    ]
    public_concession = f.ConcessionFactory(release=release, description="Public concession",
                                            offered_by=party, offered_to=party)
    public_concession.sources.add(src)

    # The unpublished records, each tied to the published ones.
    d_person = w["d_person"] = f.PrisonerFactory(
        publication_status=draft_status, preferred_name=f"{DRAFT} person", occupation=f"{DRAFT} job",
        internal_notes=SECRET,
    )
    f.PrisonerNameFactory(prisoner=d_person, text=f"{DRAFT} person alias")
    f.CitizenshipFactory(prisoner=d_person, country="NZ")
    f.DetentionFactory(prisoner=d_person, charges=f"{DRAFT} charges", internal_notes=SECRET)
    f.ReleasedPersonFactory(release=release, prisoner=d_person, conditions=f"{DRAFT} conditions",
                            destination=f"{DRAFT} destination", internal_notes=SECRET)
    d_party = w["d_party"] = f.PartyFactory(
        publication_status=draft_status, name=f"{DRAFT} party", position=f"{DRAFT} position",
        country="NZ", internal_notes=SECRET,
    )
    f.PartyNameFactory(party=d_party, text=f"{DRAFT} party alias")
    f.PartyRoleFactory(release=release, party=d_party, role="mediator", note=f"{DRAFT} role note")
    f.RecognitionFactory(prisoner=person, recognized_by=d_party, wording=f"{DRAFT} wording")
    party.parent = d_party
    party.save()
    d_source = w["d_source"] = f.SourceFactory(
        publication_status=draft_status, outlet=f"{DRAFT} outlet", title=f"{DRAFT} title",
        author=f"{DRAFT} author", internal_notes=SECRET,
    )
    src.cited_via = d_source
    src.save()
    w["d_citations"] = [
        f.CitationFactory(source=d_source, release=release, account=f"{DRAFT} account",
                          quote=f"{DRAFT} quote"),
        f.CitationFactory(source=src, release=release, prisoner=d_person, account=f"{DRAFT} on person"),
        f.CitationFactory(source=src, release=None, prisoner=d_person, account=f"{DRAFT} person only"),
        f.CitationFactory(source=src, release=release, party=d_party, account=f"{DRAFT} on party"),
    ]
    d_event = w["d_event"] = f.ReleaseEventFactory(
        publication_status=draft_status, title=f"{DRAFT} event", summary=f"{DRAFT} summary",
        internal_notes=SECRET,
    )
    f.ReleasedPersonFactory(release=d_event, prisoner=person, conditions=f"{DRAFT} conditions")
    f.EventLinkFactory(from_event=release, to_event=d_event, note=f"{DRAFT} link out")
    f.EventLinkFactory(from_event=d_event, to_event=release, note=f"{DRAFT} link in")
    f.CitationFactory(source=src, release=d_event, account=f"{DRAFT} event citation")
    hidden = f.ConcessionFactory(release=release, description="Concession offered by someone unpublished",
                                 offered_by=d_party, offered_to=d_party)
    hidden.sources.add(d_source, src)
    return w


@pytest.fixture(params=["draft", "review"])
def world(request, db):
    return build_world(request.param)


def public_urls(w):
    """Every list and detail, JSON and CSV, that a reader of the published records may fetch."""
    details = [
        f"releases/{w['release'].pk}/", f"releases/{w['other_release'].pk}/",
        f"prisoners/{w['person'].pk}/", f"parties/{w['party'].pk}/", f"sources/{w['source'].pk}/",
        *[f"citations/{c.pk}/" for c in w["citations"]],
    ]
    lists = [f"{name}/" for name in [*RESOURCES, "withdrawals"]]
    queried = [
        "releases/?q=public", f"releases/?prisoner={w['person'].pk}", f"releases/?party={w['party'].pk}",
        "releases/?citizenship=BY", "prisoners/?q=public", "parties/?q=public", "sources/?q=public",
        f"citations/?release={w['release'].pk}",
    ]
    urls = []
    for url in [*lists, *details, *queried]:
        urls.append(API + url)
        if not url.startswith("withdrawals"):
            urls.append(API + url + ("&" if "?" in url else "?") + "format=csv")
    return urls


def test_no_draft_data_and_no_internal_notes_anywhere_in_json_or_csv(client, world):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = text(response)
        assert DRAFT not in body, url
        assert SECRET not in body, url
        assert "internal_notes" not in body, url


def test_no_draft_data_and_no_internal_notes_in_the_browsable_api(client, world):
    for url in public_urls(world):
        if "format=csv" in url or "withdrawals" in url:  # withdrawals: see the xfail below
            continue
        response = client.get(url, headers={"Accept": "text/html"})
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html")
        body = text(response)
        assert DRAFT not in body, url
        assert SECRET not in body, url


def test_the_published_release_still_shows_its_published_neighbours(client, world):
    """The other side of the test above: hiding drafts does not hide what is published."""
    item = client.get(f"{API}releases/{world['release'].pk}/").json()
    assert [p["prisoner"]["preferred_name"] for p in item["released_people"]] == ["Public Person"]
    assert item["released_people"][0]["prisoner"]["citizenships"] == ["BY"]
    assert [r["party"]["name"] for r in item["parties"]] == ["Public Party"]
    assert [c["account"] for c in item["citations"]] == ["Public account"]
    assert [(e["event"]["id"], e["direction"]) for e in item["related_events"]] == [
        (world["other_release"].pk, "outgoing")
    ]
    concessions = {c["description"]: c for c in item["concessions"]}
    assert concessions["Public concession"]["offered_by"]["name"] == "Public Party"
    assert [s["outlet"] for s in concessions["Public concession"]["sources"]] == ["Public Outlet"]
    hidden = concessions["Concession offered by someone unpublished"]
    assert hidden["offered_by"] is None and hidden["offered_to"] is None
    assert [s["outlet"] for s in hidden["sources"]] == ["Public Outlet"]

    person = client.get(f"{API}prisoners/{world['person'].pk}/").json()
    assert [r["release"]["id"] for r in person["releases"]] == [world["release"].pk]
    assert [r["recognized_by"]["name"] for r in person["recognitions"]] == ["Public Party"]
    assert [c["account"] for c in person["citations"]] == ["Public person account"]
    assert person["names"][0]["text"] == "Public Person Alias"
    assert client.get(f"{API}parties/{world['party'].pk}/").json()["parent"] is None
    assert client.get(f"{API}sources/{world['source'].pk}/").json()["cited_via"] is None


def test_withdrawals_open_in_the_browsable_api(client, db):
    client.raise_request_exception = False
    response = client.get(f"{API}withdrawals/", headers={"Accept": "text/html"})
    assert response.status_code == 200


def test_drafts_are_left_out_of_lists_and_counts(client, world):
    expected = {"releases": 2, "prisoners": 1, "parties": 1, "sources": 1, "citations": 3}
    for resource, count in expected.items():
        data = client.get(f"{API}{resource}/").json()
        assert data["count"] == count, resource
        assert len(data["results"]) == count, resource
    release_csv = text(client.get(f"{API}releases/?format=csv")).splitlines()
    assert len(release_csv) == 1 + 2


def test_a_draft_detail_is_404(client, world):
    w = world
    for url in [f"releases/{w['d_event'].pk}/", f"prisoners/{w['d_person'].pk}/",
                f"parties/{w['d_party'].pk}/", f"sources/{w['d_source'].pk}/",
                *[f"citations/{c.pk}/" for c in w["d_citations"]], "releases/999999/"]:
        for suffix in ["", "?format=csv"]:
            response = client.get(API + url + suffix)
            assert response.status_code == 404, url + suffix
            assert DRAFT not in text(response)


def test_drafts_are_not_found_by_text_search_or_filters(client, world):
    w = world
    for url in ["releases/?q=ZZDRAFTMARK", "prisoners/?q=ZZDRAFTMARK", "parties/?q=ZZDRAFTMARK",
                "sources/?q=ZZDRAFTMARK", "releases/?citizenship=NZ", "prisoners/?citizenship=NZ",
                "parties/?country=NZ", "releases/?q=ZZDRAFTMARK%20person%20alias",
                "releases/?q=ZZDRAFTMARK%20party%20alias", "releases/?q=ZZDRAFTMARK%20position"]:
        data = client.get(API + url).json()
        assert data["count"] == 0, url
    for url in [f"releases/?prisoner={w['d_person'].pk}", f"releases/?party={w['d_party'].pk}",
                f"citations/?source={w['d_source'].pk}", f"citations/?release={w['d_event'].pk}"]:
        response = client.get(API + url)
        assert response.status_code == 400, url
        assert list(response.json()) == [url.split("?")[1].split("=")[0]]


# -- item shape -------------------------------------------------------------------------------

def test_every_item_and_nested_person_has_id_api_url_and_a_public_url_that_opens(client, world):
    checked = 0
    for resource in RESOURCES:
        for item in client.get(f"{API}{resource}/").json()["results"]:
            refs = [item] + [p["prisoner"] for p in item.get("released_people", [])]
            for ref in refs:
                assert isinstance(ref["id"], int)
                assert_absolute(ref["api_url"])
                assert_absolute(ref["url"])
                detail = client.get(path_of(ref["api_url"]))
                assert detail.status_code == 200, ref["api_url"]
                assert detail.json()["id"] == ref["id"]
                page = client.get(urlsplit(ref["url"]).path)
                assert page.status_code == 200, ref["url"]
                assert page["Content-Type"].startswith("text/html")
                checked += 1
    assert checked == 2 + 1 + 1 + 1 + 1 + 3  # releases, nested person, person, party, source, citations


def test_a_citation_url_points_at_its_subject_page(client, world):
    for citation in world["citations"]:
        item = client.get(f"{API}citations/{citation.pk}/").json()
        assert item["url"] == f"http://testserver{citation.subject.get_absolute_url()}#citation-{citation.pk}"


def test_a_draft_record_has_no_public_page(client, world):
    for record in ["d_event", "d_person", "d_party", "d_source"]:
        assert client.get(world[record].get_absolute_url()).status_code == 404


def test_a_detail_refuses_unknown_parameters(client, world):
    response = client.get(f"{API}releases/{world['release'].pk}/?page=1")
    assert response.status_code == 400
    assert list(response.json()) == ["page"]


# -- a fixed number of queries per page -------------------------------------------------------

@one_write()  # refreshed once at the end, as an import is, not once per row
def make_releases(count, people, roles, citations, extras=False):
    """``count`` published releases, each with ``people`` people (with citizenships, names),
    ``roles`` party roles and ``citations`` citations; with ``extras`` also a concession with
    sources and links between the releases."""
    persons = [f.PrisonerFactory() for _ in range(people)]
    for person in persons:
        f.CitizenshipFactory(prisoner=person, country="BY")
        f.CitizenshipFactory(prisoner=person, country="US")
        f.PrisonerNameFactory(prisoner=person)
    parties = [f.PartyFactory() for _ in range(roles)]
    sources = [f.SourceFactory() for _ in range(citations)]
    made = []
    for i in range(count):
        release = f.ReleaseEventFactory(date_from=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))
        for person in persons:
            f.ReleasedPersonFactory(release=release, prisoner=person)
        for party in parties:
            f.PartyRoleFactory(release=release, party=party)
        for source in sources:
            f.CitationFactory(release=release, source=source)
        if extras:
            concession = f.ConcessionFactory(release=release, offered_by=parties[0], offered_to=parties[-1])
            concession.sources.add(*sources)
            if made:
                f.EventLinkFactory(from_event=release, to_event=made[-1])
        made.append(release)
    return made, persons


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


# One for the data stamp (ETag), one COUNT, the page, then one per prefetch: released
# people, their citizenships, party roles, citations, links out, links in, concessions.
RELEASE_LIST_QUERIES = 10
# The same without the COUNT, plus the existence check that comes before any 304.
RELEASE_DETAIL_QUERIES = 10
# Version, COUNT, page; names, citizenships, detentions, status records, recognitions,
# releases, citations.
PRISONER_LIST_QUERIES = 10
PRISONER_DETAIL_QUERIES = 10  # with the existence check, as for releases


def test_release_list_queries_do_not_grow_with_releases_people_roles_or_citations(client, db):
    make_releases(1, people=1, roles=0, citations=0)
    small, response = count_queries(client, f"{API}releases/")
    assert response.json()["count"] == 1
    assert small == RELEASE_LIST_QUERIES

    make_releases(30, people=5, roles=3, citations=4)
    for page_size, count_is_shared in ((10, False), (50, True)):
        large, response = count_queries(client, f"{API}releases/?page_size={page_size}")
        assert len(response.json()["results"]) == min(31, page_size)
        # Another page (size) of the same list reuses the COUNT until the data changes.
        assert large == RELEASE_LIST_QUERIES - count_is_shared, page_size
    item = response.json()["results"][0]
    assert (len(item["released_people"]), len(item["parties"]), len(item["citations"])) == (5, 3, 4)


def test_release_queries_with_concessions_and_links_stay_fixed(client, db):
    """A concession's sources are one more prefetch, made once whatever the numbers."""
    make_releases(1, people=1, roles=1, citations=1, extras=True)
    small, _ = count_queries(client, f"{API}releases/")
    make_releases(30, people=5, roles=3, citations=4, extras=True)
    large, response = count_queries(client, f"{API}releases/?page_size=50")
    assert small == large == RELEASE_LIST_QUERIES + 1
    item = response.json()["results"][0]
    assert len(item["concessions"][0]["sources"]) == 4
    assert len(item["related_events"]) == 1


def test_release_detail_queries_are_fixed(client, db):
    (one,), _ = make_releases(1, people=1, roles=0, citations=0)
    small, _ = count_queries(client, f"{API}releases/{one.pk}/")
    made, _ = make_releases(3, people=5, roles=3, citations=4)
    large, response = count_queries(client, f"{API}releases/{made[-1].pk}/")
    assert small == large == RELEASE_DETAIL_QUERIES
    assert len(response.json()["released_people"]) == 5


@one_write()  # refreshed once at the end, as an import is
def make_prisoners(count, rich):
    party = f.PartyFactory()
    release = f.ReleaseEventFactory()
    source = f.SourceFactory()
    made = []
    for _ in range(count):
        person = f.PrisonerFactory()
        if rich:
            f.PrisonerNameFactory(prisoner=person)
            f.PrisonerNameFactory(prisoner=person)
            f.CitizenshipFactory(prisoner=person, country="BY")
            f.CitizenshipFactory(prisoner=person, country="PL")
            f.DetentionFactory(prisoner=person)
            f.StatusRecordFactory(prisoner=person, status="detained", as_of=datetime.date(2021, 1, 1))
            f.StatusRecordFactory(prisoner=person, status="released", as_of=datetime.date(2025, 1, 1))
            f.RecognitionFactory(prisoner=person, recognized_by=party)
            f.ReleasedPersonFactory(release=release, prisoner=person)
            f.CitationFactory(source=source, release=None, prisoner=person)
            f.CitationFactory(source=source, release=None, prisoner=person, claim="name")
        made.append(person)
    return made


def test_prisoner_list_and_detail_queries_are_fixed(client, db):
    (lonely,) = make_prisoners(1, rich=False)
    small_list, _ = count_queries(client, f"{API}prisoners/")
    small_detail, _ = count_queries(client, f"{API}prisoners/{lonely.pk}/")

    rich = make_prisoners(30, rich=True)
    assert small_list == PRISONER_LIST_QUERIES
    for page_size, count_is_shared in ((10, False), (50, True)):  # see the release list
        large_list, response = count_queries(client, f"{API}prisoners/?page_size={page_size}")
        assert large_list == PRISONER_LIST_QUERIES - count_is_shared, page_size
    large_detail, response = count_queries(client, f"{API}prisoners/{rich[0].pk}/")
    assert large_detail == small_detail == PRISONER_DETAIL_QUERIES
    item = response.json()
    assert (len(item["names"]), len(item["citizenships"]), len(item["status_history"]),
            len(item["recognitions"]), len(item["releases"]), len(item["citations"])) == (2, 2, 2, 1, 1, 2)
    assert item["status"] == "released"


def test_party_source_and_citation_list_queries_are_fixed(client, db):
    def make(count):
        for _ in range(count):
            parent = f.PartyFactory()
            party = f.PartyFactory(parent=parent)
            f.PartyNameFactory(party=party)
            f.PartyNameFactory(party=parent)
            via = f.SourceFactory()
            source = f.SourceFactory(cited_via=via)
            f.CitationFactory(source=source)
            f.CitationFactory(source=via, release=None, party=party)
            f.CitationFactory(source=via, release=None, prisoner=f.PrisonerFactory())

    make(1)
    small = {r: count_queries(client, f"{API}{r}/")[0] for r in ("parties", "sources", "citations")}
    make(15)
    large = {r: count_queries(client, f"{API}{r}/")[0] for r in ("parties", "sources", "citations")}
    # Version and COUNT, the page, and for parties their names.
    assert small == large == {"parties": 4, "sources": 3, "citations": 3}


def test_csv_queries_do_not_grow_with_rows(client, db):
    make_releases(1, people=1, roles=1, citations=1)
    with CaptureQueriesContext(connection) as small:
        body(client.get(f"{API}releases/?format=csv"))
    make_releases(30, people=5, roles=3, citations=4)
    with CaptureQueriesContext(connection) as large:
        lines = text(client.get(f"{API}releases/?format=csv")).splitlines()
    assert len(lines) == 1 + 31
    assert len(small) == len(large)


# -- schema and docs ---------------------------------------------------------------------------

@pytest.fixture
def schema(client, db):
    response = client.get(f"{API}schema/?format=json")
    assert response.status_code == 200
    return response


def test_schema_is_valid_openapi_3(schema):
    document = json.loads(schema.content)
    assert document["openapi"].startswith("3.")
    validate_schema(document)  # raises on an invalid document
    paths = set(document["paths"])
    for resource in RESOURCES:
        assert f"{API}{resource}/" in paths
        assert f"{API}{resource}/{{id}}/" in paths
    assert f"{API}withdrawals/" in paths


def test_schema_documents_every_status_code_each_operation_can_answer(schema):
    document = json.loads(schema.content)
    seen = {"get": 0, "write": 0}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if method == "get":
                assert {"200", "304", "400", "404", "406", "429"} <= codes, (path, method)
                seen["get"] += 1
            elif method in ("post", "put", "patch"):
                assert {"400", "401", "403", "415"} <= codes, (path, method)
                seen["write"] += 1
    assert seen == {"get": 11, "write": 15}


def test_schema_has_no_internal_notes_anywhere(schema):
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                assert "internal_notes" not in key
                if key == "properties":
                    assert "internal_notes" not in value
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    document = json.loads(schema.content)
    walk(document)
    assert "internal_notes" not in schema.content.decode()


def test_schema_documents_the_read_filters(schema):
    document = json.loads(schema.content)
    params = {p["name"] for p in document["paths"][f"{API}releases/"]["get"]["parameters"]}
    assert {"date_after", "date_before", "country", "kind", "citizenship", "prisoner", "party", "q",
            "updated_since", "ordering", "page", "page_size", "format"} <= params


def test_docs_page_uses_only_local_static_assets(client, db):
    response = client.get(f"{API}docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert assets, "the docs page loads no assets at all"
    # Swagger UI's init script comes from the docs page itself (?script=), not inline: the
    # Content-Security-Policy allows no inline script.
    init_scripts = [a for a in assets if a.startswith(f"{API}docs/?") and "script=" in a]
    assert len(init_scripts) == 1
    assert client.get(init_scripts[0].replace("&amp;", "&")).status_code == 200
    static_assets = [a for a in assets if a not in init_scripts]
    for asset in static_assets:
        assert asset.startswith("/static/"), asset
    assert not re.search(r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//""", html)
    # Each asset ships with the project (collectstatic picks it up), none is fetched elsewhere.
    for asset in static_assets:
        assert finders.find(asset.split("?")[0].removeprefix("/static/")), asset


# -- content negotiation -----------------------------------------------------------------------

@pytest.mark.parametrize("url", ["releases/", "releases/{pk}/", "withdrawals/", "prisoners/"])
def test_an_unservable_accept_header_is_a_406_in_json(client, db, url):
    release = f.ReleaseEventFactory()
    response = client.get(API + url.format(pk=release.pk), headers={"Accept": "application/xml"})
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_explicit_json_format_and_head(client, db):
    release = f.ReleaseEventFactory()
    assert client.get(f"{API}releases/?format=json").json()["results"][0]["id"] == release.pk
    head = client.head(f"{API}releases/")
    assert head.status_code == 200
    assert head["ETag"] == client.get(f"{API}releases/")["ETag"]


@pytest.mark.parametrize("url", ["releases/?format=cvs", "releases/{pk}/?format=xml"])
def test_an_unknown_format_is_a_400_naming_it(client, db, url):
    release = f.ReleaseEventFactory()
    response = client.get(API + url.format(pk=release.pk))
    assert response.status_code == 400
    assert list(response.json()) == ["format"]
