"""Filters of the read API: each one narrows (what it keeps and what it drops), malformed
values and unknown parameters are a 400 naming the parameter, drafts never match, and the
demo dataset answers the questions a reader would ask of it."""
import datetime

import pytest
from django.utils import timezone

from releases.models import Party, Prisoner, ReleaseEvent
from tests.support import factories as f

API = "/api/v1/"


def ids(client, url):
    response = client.get(API + url)
    assert response.status_code == 200, (url, response.content)
    data = response.json()
    assert data["count"] == len(data["results"]), "more than one page: the test expects one"
    return [item["id"] for item in data["results"]]


def id_set(client, url):
    return set(ids(client, url))


def release(date_from, precision="day", date_to=None, **kwargs):
    """A published release whose dates are normalized by the model's own clean()."""
    event = f.ReleaseEventFactory.build(
        date_from=date_from, date_to=date_to, date_precision=precision, **kwargs
    )
    event.full_clean()
    event.save()
    return event


# -- releases: dates ------------------------------------------------------------------------

@pytest.fixture
def dated(db):
    return {
        "year_2024": release(datetime.date(2024, 7, 9), "year"),
        "feb_2025": release(datetime.date(2025, 2, 17), "month"),
        "mar_15": release(datetime.date(2025, 3, 15)),
        "wave": release(datetime.date(2025, 4, 10), "month", date_to=datetime.date(2025, 6, 3)),
    }


def test_month_and_year_precision_are_stored_as_their_whole_period(dated):
    feb = dated["feb_2025"]
    assert (feb.date_from, feb.date_to) == (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    year = dated["year_2024"]
    assert (year.date_from, year.date_to) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    wave = dated["wave"]
    assert (wave.date_from, wave.date_to) == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))


@pytest.mark.parametrize("query, expected", [
    # A release counts if any day of its period is in range: edges included.
    ("date_after=2025-02-28", {"feb_2025", "mar_15", "wave"}),
    ("date_after=2025-03-01", {"mar_15", "wave"}),
    ("date_before=2025-02-01", {"feb_2025", "year_2024"}),
    ("date_before=2025-01-31", {"year_2024"}),
    ("date_after=2024-12-31", {"year_2024", "feb_2025", "mar_15", "wave"}),
    ("date_after=2025-01-01", {"feb_2025", "mar_15", "wave"}),
    ("date_before=2024-01-01", {"year_2024"}),
    ("date_before=2023-12-31", set()),
    ("date_after=2025-02-10&date_before=2025-02-10", {"feb_2025"}),
    ("date_after=2025-03-15&date_before=2025-03-15", {"mar_15"}),
    ("date_after=2025-03-16&date_before=2025-03-31", set()),
    ("date_after=2025-06-30", {"wave"}),
    ("date_after=2025-07-01", set()),
    ("date_after=2025-05-01&date_before=2025-05-31", {"wave"}),
])
def test_date_range_with_day_month_year_and_wave_releases(client, dated, query, expected):
    assert id_set(client, f"releases/?{query}") == {dated[name].pk for name in expected}


@pytest.mark.parametrize("ordering", ["date", "-date"])
def test_paging_through_a_date_ordering_sees_every_release_once(client, db, ordering):
    ReleaseEvent.objects.bulk_create([
        ReleaseEvent(title=f"Wave {i}", slug=f"wave-{i}", kind="pardon", publication_status="published",
                     date_from=datetime.date(2025, 2, 1 + i % 3), date_to=datetime.date(2025, 2, 1 + i % 3))
        for i in range(300)
    ])
    seen, url = [], f"{API}releases/?ordering={ordering}&page_size=50"
    while url:
        data = client.get(url).json()
        seen += [item["id"] for item in data["results"]]
        url = data["next"] and data["next"].removeprefix("http://testserver")
    assert len(seen) == 300
    assert len(set(seen)) == 300, f"{300 - len(set(seen))} releases seen twice, as many never"


def test_ordering_by_date_both_ways(client, dated):
    oldest_first = ["year_2024", "feb_2025", "mar_15", "wave"]
    assert ids(client, "releases/?ordering=date") == [dated[n].pk for n in oldest_first]
    assert ids(client, "releases/?ordering=-date") == [dated[n].pk for n in reversed(oldest_first)]
    assert ids(client, "releases/") == [dated[n].pk for n in reversed(oldest_first)]  # default: newest


# -- releases: country, kind, people, parties -------------------------------------------------

@pytest.fixture
def cast(db):
    """Releases with known people, parties and countries, and a draft person in one of them."""
    c = {}
    c["us_person"] = f.PrisonerFactory(preferred_name="Nikolai Shugaev")
    f.PrisonerNameFactory(prisoner=c["us_person"], text="Nikolai Shugayev")
    f.CitizenshipFactory(prisoner=c["us_person"], country="US")
    f.CitizenshipFactory(prisoner=c["us_person"], country="UA")
    c["by_person"] = f.PrisonerFactory(preferred_name="Alena Maushuk")
    f.PrisonerNameFactory(prisoner=c["by_person"], text="Yelena Movshuk")
    f.CitizenshipFactory(prisoner=c["by_person"], country="BY")
    c["draft_person"] = f.PrisonerFactory(preferred_name="Hidden Qwertyuiop", publication_status="draft")
    f.PrisonerNameFactory(prisoner=c["draft_person"], text="Asdfghjkl Spelling")
    f.CitizenshipFactory(prisoner=c["draft_person"], country="NZ")
    c["envoy"] = f.PartyFactory(name="Christopher W. Smith", kind="official",
                                position="Deputy Assistant Secretary of State", country="US")
    f.PartyNameFactory(party=c["envoy"], text="Chris Smith")
    c["lithuania"] = f.PartyFactory(name="Government of Lithuania", kind="government", country="LT")
    c["draft_party"] = f.PartyFactory(name="Zxcvbnm Mediators", publication_status="review", country="CH")

    c["minsk"] = f.ReleaseEventFactory(title="Three freed to a US envoy", releasing_country="BY",
                                       kind="unilateral", summary="Handed over at the border.")
    f.ReleasedPersonFactory(release=c["minsk"], prisoner=c["us_person"])
    f.ReleasedPersonFactory(release=c["minsk"], prisoner=c["by_person"])
    f.PartyRoleFactory(release=c["minsk"], party=c["envoy"], role="envoy")

    c["swap"] = f.ReleaseEventFactory(title="Exchange in Ankara", releasing_country="RU", kind="exchange",
                                      summary="A swap brokered by Turkish intelligence.")
    f.ReleasedPersonFactory(release=c["swap"], prisoner=c["by_person"])
    f.PartyRoleFactory(release=c["swap"], party=c["lithuania"], role="receiving_government")

    c["quiet"] = f.ReleaseEventFactory(title="Pardon of a hidden person", releasing_country="BY",
                                       kind="pardon")
    f.ReleasedPersonFactory(release=c["quiet"], prisoner=c["draft_person"])
    f.PartyRoleFactory(release=c["quiet"], party=c["draft_party"], role="mediator")

    c["draft_release"] = f.ReleaseEventFactory(title="Draft exchange", releasing_country="BY",
                                               kind="exchange", publication_status="draft")
    f.ReleasedPersonFactory(release=c["draft_release"], prisoner=c["us_person"])
    f.PartyRoleFactory(release=c["draft_release"], party=c["envoy"])
    return c


def pks(cast, *names):
    return {cast[name].pk for name in names}


@pytest.mark.parametrize("query, expected", [
    ("", ["minsk", "swap", "quiet"]),
    ("country=BY", ["minsk", "quiet"]),
    ("country=RU", ["swap"]),
    ("country=LT", []),
    ("kind=exchange", ["swap"]),
    ("kind=unilateral", ["minsk"]),
    ("kind=pardon", ["quiet"]),
    ("kind=deportation", []),
    ("citizenship=US", ["minsk"]),
    ("citizenship=UA", ["minsk"]),
    ("citizenship=BY", ["minsk", "swap"]),
    ("citizenship=NZ", []),            # only a draft person has it
    ("country=BY&citizenship=BY", ["minsk"]),
    ("country=BY&kind=exchange", []),  # the draft release would match
])
def test_release_filters_narrow(client, cast, query, expected):
    assert id_set(client, f"releases/?{query}") == pks(cast, *expected)


def test_release_filter_by_prisoner_and_party(client, cast):
    assert id_set(client, f"releases/?prisoner={cast['us_person'].pk}") == pks(cast, "minsk")
    assert id_set(client, f"releases/?prisoner={cast['by_person'].pk}") == pks(cast, "minsk", "swap")
    assert id_set(client, f"releases/?party={cast['envoy'].pk}") == pks(cast, "minsk")
    assert id_set(client, f"releases/?party={cast['lithuania'].pk}") == pks(cast, "swap")
    both = f"releases/?prisoner={cast['by_person'].pk}&party={cast['lithuania'].pk}"
    assert id_set(client, both) == pks(cast, "swap")


@pytest.mark.parametrize("param, record", [("prisoner", "draft_person"), ("party", "draft_party")])
def test_filtering_by_a_draft_person_or_party_is_a_400_like_an_unknown_id(client, cast, param, record):
    draft = client.get(f"{API}releases/?{param}={cast[record].pk}")
    unknown = client.get(f"{API}releases/?{param}=999999")
    assert draft.status_code == unknown.status_code == 400
    assert list(draft.json()) == [param]
    # Same answer as for an id that does not exist: nothing tells the draft exists.
    assert draft.json()[param][0].replace(str(cast[record].pk), "N") == \
        unknown.json()[param][0].replace("999999", "N")


@pytest.mark.parametrize("q, expected", [
    ("freed to a US", ["minsk"]),          # title
    ("TURKISH intelligence", ["swap"]),    # summary, any case
    ("Maushuk", ["minsk", "swap"]),        # a person's preferred name
    ("movshuk", ["minsk", "swap"]),        # another spelling of it
    ("Shugayev", ["minsk"]),
    ("Christopher W", ["minsk"]),          # a party's name
    ("chris smith", ["minsk"]),            # another spelling of it
    ("Deputy Assistant", ["minsk"]),       # a party's position
    ("Lithuania", ["swap"]),
    ("Qwertyuiop", []),                    # a draft person's name
    ("Asdfghjkl", []),                     # a draft person's other spelling
    ("Zxcvbnm", []),                       # a party in review
    ("Draft exchange", []),                # a draft release's title
    ("nothing like it", []),
])
def test_release_text_search(client, cast, q, expected):
    assert id_set(client, f"releases/?q={q}") == pks(cast, *expected)


def test_text_search_combines_with_other_filters(client, cast):
    assert id_set(client, "releases/?q=Maushuk&country=RU") == pks(cast, "swap")
    assert id_set(client, "releases/?q=Maushuk&kind=pardon") == set()


def test_updated_since(client, db):
    old = f.ReleaseEventFactory()
    new = f.ReleaseEventFactory()
    long_ago = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    ReleaseEvent.objects.filter(pk=old.pk).update(updated_at=long_ago)
    assert id_set(client, "releases/?updated_since=2024-06-01T00:00:00Z") == {new.pk}
    assert id_set(client, "releases/?updated_since=2024-01-01T00:00:00Z") == {old.pk, new.pk}
    assert id_set(client, "releases/?updated_since=2023-12-31") == {old.pk, new.pk}
    later = (timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert id_set(client, f"releases/?updated_since={later}") == set()


def test_updated_since_accepts_an_offset_like_since_does(client, db):
    f.ReleaseEventFactory()
    assert client.get(f"{API}withdrawals/?since=2024-01-01T00:00:00+00:00").status_code == 200
    response = client.get(f"{API}releases/?updated_since=2024-01-01T00:00:00+00:00")
    assert response.status_code == 200, response.content


# -- prisoners, parties, sources --------------------------------------------------------------

@pytest.fixture
def people(db):
    p = {}
    p["freed"] = f.PrisonerFactory(preferred_name="Andrey Kuznechyk")
    f.PrisonerNameFactory(prisoner=p["freed"], text="Andrei Kuznechik")
    f.CitizenshipFactory(prisoner=p["freed"], country="BY")
    f.StatusRecordFactory(prisoner=p["freed"], status="detained", as_of=datetime.date(2022, 11, 25))
    f.StatusRecordFactory(prisoner=p["freed"], status="released", as_of=datetime.date(2025, 2, 12))
    p["held"] = f.PrisonerFactory(preferred_name="Ihar Losik")
    f.CitizenshipFactory(prisoner=p["held"], country="BY")
    f.CitizenshipFactory(prisoner=p["held"], country="PL")
    # Recorded out of order: the latest as_of wins, not the latest row.
    f.StatusRecordFactory(prisoner=p["held"], status="detained", as_of=datetime.date(2025, 2, 1))
    f.StatusRecordFactory(prisoner=p["held"], status="released", as_of=datetime.date(2019, 1, 1))
    p["american"] = f.PrisonerFactory(preferred_name="Marc Fogel")
    f.CitizenshipFactory(prisoner=p["american"], country="US")
    p["draft"] = f.PrisonerFactory(preferred_name="Andrey Draftovich", publication_status="review")
    f.PrisonerNameFactory(prisoner=p["draft"], text="Kuznechyk Hidden")
    f.CitizenshipFactory(prisoner=p["draft"], country="US")
    f.StatusRecordFactory(prisoner=p["draft"], status="detained")
    return p


@pytest.mark.parametrize("query, expected", [
    ("", ["freed", "held", "american"]),
    ("q=kuznechyk", ["freed"]),         # the draft's other spelling does not match
    ("q=Kuznechik", ["freed"]),         # another spelling
    ("q=andrey", ["freed"]),            # the draft's preferred name does not match
    ("q=Draftovich", []),
    ("q=losik", ["held"]),
    ("citizenship=BY", ["freed", "held"]),
    ("citizenship=PL", ["held"]),
    ("citizenship=US", ["american"]),
    ("citizenship=DE", []),
    ("status=released", ["freed"]),
    ("status=detained", ["held"]),
    ("status=died", []),
    ("status=released&citizenship=BY", ["freed"]),
    ("q=losik&status=released", []),
])
def test_prisoner_filters_narrow(client, people, query, expected):
    assert id_set(client, f"prisoners/?{query}") == {people[n].pk for n in expected}


def test_prisoner_status_is_the_most_recent_record(client, people):
    by_id = {p["id"]: p for p in client.get(f"{API}prisoners/").json()["results"]}
    assert by_id[people["freed"].pk]["status"] == "released"
    assert by_id[people["held"].pk]["status"] == "detained"
    assert by_id[people["american"].pk]["status"] is None


def test_prisoner_updated_since(client, people):
    long_ago = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    Prisoner.objects.exclude(pk=people["held"].pk).update(updated_at=long_ago)
    assert id_set(client, "prisoners/?updated_since=2024-06-01T00:00:00Z") == {people["held"].pk}


@pytest.fixture
def parties(db):
    p = {}
    p["envoy"] = f.PartyFactory(name="Christopher W. Smith", kind="official", country="US",
                                position="Deputy Assistant Secretary of State")
    f.PartyNameFactory(party=p["envoy"], text="Chris Smith")
    p["belarus"] = f.PartyFactory(name="Government of Belarus", kind="government", country="BY")
    f.PartyNameFactory(party=p["belarus"], text="Republic of Belarus")
    p["kgb"] = f.PartyFactory(name="KGB of Belarus", kind="agency", country="BY", parent=p["belarus"])
    p["icrc"] = f.PartyFactory(name="ICRC", kind="organisation", country="")
    p["draft"] = f.PartyFactory(name="Secret Channel of Belarus", kind="mediator", country="BY",
                                publication_status="draft")
    f.PartyNameFactory(party=p["draft"], text="Chris Hidden")
    return p


@pytest.mark.parametrize("query, expected", [
    ("", ["envoy", "belarus", "kgb", "icrc"]),
    ("q=belarus", ["belarus", "kgb"]),
    ("q=republic", ["belarus"]),           # another name
    ("q=chris", ["envoy"]),                # the draft's other name does not match
    ("q=secretary of state", ["envoy"]),   # position
    ("q=secret channel", []),
    ("country=BY", ["belarus", "kgb"]),
    ("country=US", ["envoy"]),
    ("kind=agency", ["kgb"]),
    ("kind=mediator", []),
    ("kind=government&country=BY", ["belarus"]),
])
def test_party_filters_narrow(client, parties, query, expected):
    assert id_set(client, f"parties/?{query}") == {parties[n].pk for n in expected}


def test_a_party_shows_its_published_parent(client, parties):
    item = client.get(f"{API}parties/{parties['kgb'].pk}/").json()
    assert item["parent"]["id"] == parties["belarus"].pk
    assert [n["text"] for n in client.get(f"{API}parties/{parties['belarus'].pk}/").json()["names"]] == [
        "Republic of Belarus"
    ]


def test_party_updated_since(client, parties):
    long_ago = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    Party.objects.exclude(pk=parties["icrc"].pk).update(updated_at=long_ago)
    assert id_set(client, "parties/?updated_since=2024-06-01T00:00:00Z") == {parties["icrc"].pk}


@pytest.fixture
def sources(db):
    s = {}
    s["nyt"] = f.SourceFactory(outlet="The New York Times", title="Belarus frees three",
                               author="Anton Troianovski", published_on=datetime.date(2025, 2, 12))
    s["rferl"] = f.SourceFactory(outlet="Radio Free Europe/Radio Liberty", title="Kuznechyk released",
                                 author="", published_on=datetime.date(2025, 2, 13))
    s["edm"] = f.SourceFactory(outlet="Eurasia Daily Monitor", title="Lukashenka's overtures",
                               published_on=datetime.date(2025, 1, 31))
    s["undated"] = f.SourceFactory(outlet="Belsat", title="Nuhfer set free", published_on=None)
    s["draft"] = f.SourceFactory(outlet="The New York Times", title="Draft frees", author="Troianovski",
                                 published_on=datetime.date(2025, 2, 12), publication_status="draft")
    return s


@pytest.mark.parametrize("query, expected", [
    ("", ["nyt", "rferl", "edm", "undated"]),
    ("q=new york", ["nyt"]),                   # outlet
    ("q=FREES", ["nyt"]),                      # title; the draft's title does not match
    ("q=troianovski", ["nyt"]),                # author
    ("q=set free", ["undated"]),
    ("outlet=the new york times", ["nyt"]),    # exact, any case
    ("outlet=New York", []),                   # not a substring match
    ("outlet=Belsat", ["undated"]),
    ("published_after=2025-02-12", ["nyt", "rferl"]),
    ("published_after=2025-02-13", ["rferl"]),
    ("published_before=2025-02-12", ["nyt", "edm"]),
    ("published_before=2025-01-30", []),
    ("published_after=2025-02-01&published_before=2025-02-12", ["nyt"]),
])
def test_source_filters_narrow(client, sources, query, expected):
    assert id_set(client, f"sources/?{query}") == {sources[n].pk for n in expected}


def test_citation_filters_narrow(client, db):
    a, b = f.ReleaseEventFactory(), f.ReleaseEventFactory()
    person = f.PrisonerFactory()
    one = f.CitationFactory(release=a, claim="date")
    two = f.CitationFactory(release=b, claim="general")
    three = f.CitationFactory(release=None, prisoner=person, source=one.source, claim="date")
    assert id_set(client, f"citations/?release={a.pk}") == {one.pk}
    assert id_set(client, f"citations/?prisoner={person.pk}") == {three.pk}
    assert id_set(client, f"citations/?source={one.source.pk}") == {one.pk, three.pk}
    assert id_set(client, "citations/?claim=date") == {one.pk, three.pk}
    assert id_set(client, "citations/?claim=general") == {two.pk}


# -- malformed values and unknown parameters ------------------------------------------------

LONG_Q = "x" * 201


@pytest.mark.parametrize("resource, param, value", [
    ("releases", "date_after", "2025-13-45"),
    ("releases", "date_before", "2025-13-45"),
    ("releases", "date_after", "yesterday"),
    ("releases", "country", "XX"),
    ("releases", "country", "by"),
    ("releases", "kind", "unknown"),
    ("releases", "citizenship", "XX"),
    ("releases", "prisoner", "abc"),
    ("releases", "prisoner", "999999"),
    ("releases", "party", "abc"),
    ("releases", "q", LONG_Q),
    ("releases", "updated_since", "garbage"),
    ("releases", "ordering", "title"),
    ("prisoners", "q", LONG_Q),
    ("prisoners", "citizenship", "XX"),
    ("prisoners", "status", "free"),
    ("prisoners", "updated_since", "garbage"),
    ("parties", "q", LONG_Q),
    ("parties", "country", "XX"),
    ("parties", "kind", "unknown"),
    ("parties", "updated_since", "garbage"),
    ("sources", "q", LONG_Q),
    ("sources", "published_after", "2025-13-45"),
    ("sources", "published_before", "2025-02-30"),
    ("sources", "updated_since", "garbage"),
    ("citations", "release", "abc"),
    ("citations", "claim", "unknown"),
])
def test_a_malformed_value_is_a_400_json_naming_the_parameter(client, db, resource, param, value):
    response = client.get(f"{API}{resource}/", {param: value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()
    assert list(errors) == [param]
    assert isinstance(errors[param], list) and errors[param][0]


@pytest.mark.parametrize("resource", ["releases", "prisoners", "parties", "sources"])
def test_a_200_character_query_is_accepted(client, db, resource):
    assert client.get(f"{API}{resource}/", {"q": "x" * 200}).status_code == 200


@pytest.mark.parametrize("url, param", [
    ("releases/?contry=BY", "contry"),
    ("releases/?country=BY&date_from=2025-01-01", "date_from"),
    ("prisoners/?name=Losik", "name"),
    ("parties/?type=agency", "type"),
    ("sources/?published_on=2025-02-12", "published_on"),
    ("citations/?subject=1", "subject"),
    ("withdrawals/?after=2025-01-01", "after"),
])
def test_an_unknown_parameter_is_a_400_naming_it(client, db, url, param):
    response = client.get(API + url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [param]
    assert "Allowed" in response.json()[param][0]


# -- the demo dataset (the demo fixture: tests/conftest.py) ---------------------------------

def slugs(client, url):
    response = client.get(API + url)
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


FEB_12 = "belarus-2025-02-12-three-to-us-envoy"
NUHFER = "belarus-2025-01-anastasia-nuhfer"
FOGEL = "russia-2025-02-11-marc-fogel"


def test_demo_us_citizens_released_in_2025(client, demo):
    in_2025 = "date_after=2025-01-01&date_before=2025-12-31"
    assert slugs(client, f"releases/?citizenship=US&{in_2025}") == {FEB_12, NUHFER, FOGEL}
    assert slugs(client, f"releases/?citizenship=US&country=BY&{in_2025}") == {FEB_12, NUHFER}
    # The summer-2024 release of a German citizen is neither.
    assert "belarus-2024-summer-rico-krieger" not in slugs(client, "releases/?citizenship=US")


def test_demo_other_spelling_finds_the_release(client, demo):
    found = client.get(f"{API}releases/?q=Movshuk").json()["results"]
    assert [r["slug"] for r in found] == [FEB_12]
    names = [p["prisoner"]["preferred_name"] for p in found[0]["released_people"]]
    assert "Alena Maushuk" in names
    people = client.get(f"{API}prisoners/?q=Movshuk").json()["results"]
    assert [p["preferred_name"] for p in people] == ["Alena Maushuk"]


def test_demo_releases_through_the_us_envoy(client, demo):
    smith = Party.objects.get(slug="christopher-w-smith")
    assert slugs(client, f"releases/?party={smith.pk}") == {FEB_12}
    roles = client.get(f"{API}releases/?party={smith.pk}").json()["results"][0]["parties"]
    assert {r["party"]["name"]: r["role"] for r in roles}["Christopher W. Smith"] == "envoy"


def test_demo_month_precision_release_at_the_edges_of_january(client, demo):
    assert NUHFER in slugs(client, "releases/?date_after=2025-01-31&date_before=2025-01-31")
    assert NUHFER in slugs(client, "releases/?date_before=2025-01-01&date_after=2025-01-01")
    assert NUHFER not in slugs(client, "releases/?date_after=2025-02-01")


def test_demo_people_still_held(client, demo):
    held = {p["slug"] for p in client.get(f"{API}prisoners/?status=detained").json()["results"]}
    assert held == {"yuri-zenkovich", "ihar-karney", "ihar-losik"}
