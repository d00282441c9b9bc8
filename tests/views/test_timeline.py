"""The timeline (home page), as a reader sees it: published releases newest first, grouped by
year and month, each entry's facts; the filters (the API's own), the result count, empty and
invalid selections, year navigation, pagination, drafts and private notes kept out, bounded
queries and escaping.
"""
import datetime
import re

import pytest
from django.core.cache import cache

from releases.models import ReleaseEvent
from tests.support import factories as f
from tests.support.name_search import NAME_SEARCH_WITHOUT_CANDIDATES
from tests.support.pages import busy_releases, Html, person, release, squash

@pytest.fixture(autouse=True)
def no_api_throttling():
    cache.clear()
    yield
    cache.clear()


def entries(html):
    """The timeline's entries in page order: {"id", "title", "when", "route", "people",
    "people_links", "parties", "party_links", "sources", "text"}."""
    out = []
    for article in html.all("article", within=None):
        if not any(a["tag"] == "li" and "entry" in a["attrs"].get("class", "") for a in article["ancestors"]):
            continue
        title = html.one("a", within=html.one("h4", within=article))
        first = lambda cls: (html.texts("p", article, class_=cls) or [""])[0]  # noqa: E731
        people = html.all("p", article, class_="people")
        parties = html.all("p", article, class_="parties")
        out.append({
            "id": int(re.fullmatch(r"/releases/(\d+)/", title["attrs"]["href"]).group(1)),
            "title": squash(title["text"]),
            "when": first("when"), "route": first("route"), "people": first("people"),
            "parties": first("parties"), "sources": first("sources"),
            "people_links": [(squash(a["text"]), a["attrs"]["href"]) for a in html.all("a", people[0])] if people else [],
            "party_links": [(squash(a["text"]), a["attrs"]["href"]) for a in html.all("a", parties[0])] if parties else [],
            "text": squash(article["text"]),
        })
    return out


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return Html(response.content)


def timeline_ids(client, query="", status=200):
    return [e["id"] for e in entries(get(client, "/?" + query, status))]


def api_ids(client, query):
    response = client.get("/api/v1/releases/?" + query)
    assert response.status_code == 200, (query, response.content)
    data = response.json()
    assert data["count"] == len(data["results"])
    return {item["id"] for item in data["results"]}


def result_count(html):
    return html.texts("p", class_="result-count")[0]


# -- the entries --------------------------------------------------------------------------

@pytest.fixture
def shown(db):
    """Releases of each date precision, with people, parties and sources."""
    belarus, envoy = f.PartyFactory(name="Government of Belarus", country="BY"), f.PartyFactory(name="Christopher W. Smith")
    day = release(datetime.date(2025, 2, 12), title="Three freed to a US envoy", kind="unilateral",
                  releasing_country="BY", destination="Vilnius", destination_country="LT", announced_total=5)
    alena, nikolai = person("Alena Maushuk", "BY"), person("Nikolai Shugaev", "US")
    for p in (alena, nikolai):
        f.ReleasedPersonFactory(release=day, prisoner=p)
    f.PartyRoleFactory(release=day, party=belarus, role="releasing_authority")
    f.PartyRoleFactory(release=day, party=envoy, role="envoy")
    first, second = f.SourceFactory(), f.SourceFactory()
    f.CitationFactory(release=day, source=first)
    f.CitationFactory(release=day, source=first, claim="date")  # the same source twice counts once
    f.CitationFactory(release=day, source=second)
    month = release(datetime.date(2025, 1, 20), "month", title="Nuhfer freed", kind="unilateral",
                    releasing_country="BY", destination_country="US")
    f.ReleasedPersonFactory(release=month, prisoner=person("Anastasia Nuhfer", "US"))
    f.CitationFactory(release=month)
    wave = release(datetime.date(2024, 6, 1), "month", date_to=datetime.date(2024, 8, 1),
                   title="Summer exchange", kind="exchange")
    pardons = release(datetime.date(2024, 7, 1), "month", date_to=datetime.date(2025, 2, 1),
                      title="Waves of pardons", kind="pardon", releasing_country="BY",
                      announced_total=200, announced_total_is_minimum=True)
    older_2025 = release(datetime.date(2025, 2, 3), title="Early February release", releasing_country="RU")
    return {"day": day, "month": month, "wave": wave, "pardons": pardons, "older_2025": older_2025,
            "alena": alena, "nikolai": nikolai, "belarus": belarus, "envoy": envoy}


def test_published_releases_newest_first_grouped_by_year_and_month(client, shown):
    html = get(client, "/")
    assert [e["id"] for e in entries(html)] == [
        shown[k].pk for k in ("day", "older_2025", "month", "pardons", "wave")
    ]
    main = html.one("main")
    assert html.texts("h2", main) == ["2025", "2024"]
    assert html.texts("h3", main) == ["February 2025", "January 2025", "July 2024", "June 2024"]
    # Each month heading sits in its year's section, above its own entries only.
    section_2024 = html.one("section", main, aria_labelledby="year-2024")
    assert html.texts("h3", section_2024) == ["July 2024", "June 2024"]
    assert [squash(a["text"]) for h4 in html.all("h4", section_2024) for a in html.all("a", h4)] == [
        "Waves of pardons", "Summer exchange"
    ]
    assert "5 releases." in result_count(html)


def test_each_entry_shows_date_kind_route_people_parties_and_sources(client, shown):
    by_title = {e["title"]: e for e in entries(get(client, "/"))}
    day = by_title["Three freed to a US envoy"]
    assert day["when"] == "12 February 2025 · Unilateral release"
    assert day["route"] == "Belarus → Vilnius"
    assert day["people_links"] == [
        ("Alena Maushuk", f"/people/{shown['alena'].pk}/"), ("Nikolai Shugaev", f"/people/{shown['nikolai'].pk}/"),
    ]
    assert day["people"] == "Released: Alena Maushuk, Nikolai Shugaev + 3 unnamed"
    assert day["parties"] == "Parties: Government of Belarus (releasing authority); Christopher W. Smith (envoy)"
    assert day["party_links"] == [
        ("Government of Belarus", f"/parties/{shown['belarus'].pk}/"), ("Christopher W. Smith", f"/parties/{shown['envoy'].pk}/"),
    ]
    assert day["sources"] == "2 sources"

    month = by_title["Nuhfer freed"]
    assert month["when"] == "January 2025 · Unilateral release"
    assert month["route"] == "Belarus → United States of America"
    assert month["people"] == "Released: Anastasia Nuhfer"  # no announced total: no "+ N unnamed"
    assert month["sources"] == "1 source"

    wave = by_title["Summer exchange"]
    assert wave["when"] == "June 2024 – August 2024 · Prisoner exchange"
    assert wave["route"] == "Releasing country not stated"
    assert wave["people"] == "" and wave["parties"] == ""
    assert wave["sources"] == "0 sources"

    pardons = by_title["Waves of pardons"]
    assert pardons["when"] == "July 2024 – February 2025 · Pardon"
    assert pardons["people"] == "Released: + more than 200 unnamed"


def test_demo_timeline_and_search_by_any_spelling(client, demo):
    by_title = {e["title"]: e for e in entries(get(client, "/"))}
    assert len(by_title) == 6
    envoy = by_title["Belarus frees Andrey Kuznechyk, Alena Maushuk and Nikolai Shugaev to a US envoy"]
    assert envoy["when"] == "12 February 2025 · Unilateral release"
    assert envoy["route"] == "Belarus → Vilnius"
    assert [name for name, _ in envoy["people_links"]] == ["Andrey Kuznechyk", "Alena Maushuk", "Nikolai Shugaev"]
    assert "Christopher W. Smith (envoy)" in envoy["parties"]
    assert by_title["Belarus frees US citizen Anastasia Nuhfer"]["when"].startswith("January 2025 ·")
    assert by_title["Belarus releases Rico Krieger in the Russia–West exchange"]["when"].startswith(
        "June 2024 – August 2024 ·")
    assert by_title["Waves of pardons of political prisoners in Belarus"]["people"] == "Released: + more than 200 unnamed"

    envoy_id = ReleaseEvent.objects.get(slug="belarus-2025-02-12-three-to-us-envoy").pk
    nuhfer_id = ReleaseEvent.objects.get(slug="belarus-2025-01-anastasia-nuhfer").pk
    for spelling in ("Movshuk", "Shugayev", "maushuk", "Shugaev"):
        assert timeline_ids(client, f"q={spelling}") == [envoy_id], spelling
    assert timeline_ids(client, "q=Nufer") == [nuhfer_id]
    assert timeline_ids(client, "q=no-such-name-anywhere") == []


def test_a_year_precise_release_is_not_put_under_a_month_heading(client, db):
    release(datetime.date(2023, 5, 5), "year", title="Sometime in 2023")
    html = get(client, "/")
    assert entries(html)[0]["when"] == "2023 · Pardon"
    assert "January 2023" not in html.texts("h3")


# -- filters: the API's, with the same results ----------------------------------------------

@pytest.fixture
def filtered(db):
    smith, russia = f.PartyFactory(name="Christopher W. Smith"), f.PartyFactory(name="Russia", country="RU")
    rows = {
        "feb_day": release(datetime.date(2025, 2, 12), title="Envoy release", kind="unilateral", releasing_country="BY"),
        "feb_month": release(datetime.date(2025, 2, 1), "month", title="Vinnik exchanged", kind="exchange"),
        "jan_month": release(datetime.date(2025, 1, 1), "month", title="Nuhfer freed", kind="unilateral",
                             releasing_country="BY"),
        "wave": release(datetime.date(2024, 7, 1), "month", date_to=datetime.date(2025, 2, 1), title="Waves of pardons",
                        kind="pardon", releasing_country="BY", announced_total=200, announced_total_is_minimum=True),
        "ru": release(datetime.date(2025, 2, 11), title="Fogel exchanged", kind="exchange", releasing_country="RU"),
    }
    draft = release(datetime.date(2025, 2, 15), title="Secret draft release", releasing_country="BY",
                    publication_status="draft")
    people = {
        "alena": person("Alena Maushuk", "BY", names=["Yelena Movshuk"]),
        "nikolai": person("Nikolai Shugaev", "US", "UA", names=["Nikolai Shugayev"]),
        "nuhfer": person("Anastasia Nuhfer", "US", "BY", names=["Anastasia Nufer"]),
        "fogel": person("Marc Fogel", "US"),
        "vinnik": person("Alexander Vinnik"),
        "hidden": person("Hidden Draftperson", "KZ", names=["Zzsecretspelling"], publication_status="draft"),
    }
    for key, who in (("feb_day", "alena"), ("feb_day", "nikolai"), ("jan_month", "nuhfer"), ("ru", "fogel"),
                     ("feb_month", "vinnik"), ("feb_month", "hidden"), ("draft", "alena")):
        f.ReleasedPersonFactory(release=draft if key == "draft" else rows[key], prisoner=people[who])
    f.PartyRoleFactory(release=rows["feb_day"], party=smith, role="envoy")
    f.PartyRoleFactory(release=rows["ru"], party=russia)
    f.PartyRoleFactory(release=draft, party=russia)
    return {"rows": rows, "draft": draft, "smith": smith, "russia": russia, **people}


FILTER_CASES = [
    ("", {"feb_day", "feb_month", "jan_month", "wave", "ru"}),
    # Month-precise dates count for every day of their month (and a wave for its whole span).
    ("date_after=2025-02-28", {"feb_month", "wave"}),
    ("date_after=2025-03-01", set()),
    ("date_before=2025-02-01", {"feb_month", "jan_month", "wave"}),
    ("date_before=2024-12-31", {"wave"}),
    ("date_after=2025-01-31&date_before=2025-01-31", {"jan_month", "wave"}),
    ("date_after=2024-06-30&date_before=2024-07-01", {"wave"}),
    ("date_after=2025-02-12&date_before=2025-02-12", {"feb_day", "feb_month", "wave"}),
    ("country=BY", {"feb_day", "jan_month", "wave"}),
    ("country=RU", {"ru"}),
    ("kind=exchange", {"feb_month", "ru"}),
    ("country=BY&kind=pardon", {"wave"}),
    ("citizenship=UA", {"feb_day"}),
    ("citizenship=US", {"feb_day", "jan_month", "ru"}),
    ("citizenship=KZ", set()),  # only a draft person holds it
    ("q=Movshuk", {"feb_day"}),
    ("q=shugayev", {"feb_day"}),
    ("q=Nufer", {"jan_month"}),
    ("q=pardons", {"wave"}),
    ("q=Secret", set()),  # the title of a draft release
    ("q=Zzsecretspelling", set()),  # a draft person's name
    ("q=Hidden", set()),
    ("ordering=date&country=BY", {"feb_day", "jan_month", "wave"}),
]


def test_filters_in_the_url_select_exactly_what_the_api_selects(client, filtered):
    ids = {key: event.pk for key, event in filtered["rows"].items()}
    cases = FILTER_CASES + [
        (f"party={filtered['smith'].pk}", {"feb_day"}),
        (f"party={filtered['russia'].pk}", {"ru"}),
        (f"prisoner={filtered['nuhfer'].pk}", {"jan_month"}),
        (f"prisoner={filtered['alena'].pk}", {"feb_day"}),
    ]
    for query, expected in cases:
        expected_ids = {ids[k] for k in expected}
        html = get(client, "/?" + query)
        shown = [e["id"] for e in entries(html)]
        assert set(shown) == expected_ids, query
        assert len(shown) == len(expected_ids), query
        assert api_ids(client, query) == expected_ids, query
        n = len(expected_ids)
        count = result_count(html)
        assert count.startswith(f"{n} release{'s' if n != 1 else ''}"), (query, count)


def test_result_count_says_when_filters_apply(client, filtered):
    assert result_count(get(client, "/")).startswith("5 releases.")
    assert result_count(get(client, "/?country=BY")).startswith("3 releases match these filters.")


def test_a_single_result_is_counted_in_the_singular(client, filtered):
    assert result_count(get(client, "/?country=RU")).startswith("1 release matches these filters.")


def test_ascending_ordering_from_the_url(client, filtered):
    rows = filtered["rows"]
    assert timeline_ids(client, "ordering=date&country=BY") == [rows[k].pk for k in ("wave", "jan_month", "feb_day")]
    assert timeline_ids(client, "country=BY") == [rows[k].pk for k in ("feb_day", "jan_month", "wave")]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client, filtered):
    html = get(client, "/?country=FR")
    assert entries(html) == []
    assert result_count(html).startswith("0 releases match these filters.")
    assert "No release matches these filters." in html.text
    clear = [a for a in html.all("a") if squash(a["text"]) == "Clear all filters"]
    assert [a["attrs"]["href"] for a in clear] == ["/"]
    # Unfiltered, there is nothing to clear.
    assert not [a for a in get(client, "/").all("a") if squash(a["text"]) == "Clear all filters"]


@pytest.mark.parametrize("query, field, message", [
    ("country=XX", "country", "Select a valid choice. XX is not one of the available choices."),
    ("date_after=2025-13-45", "date_after", "Enter a valid date."),
    ("date_before=yesterday&country=BY", "date_before", "Enter a valid date."),
    ("citizenship=ZZ", "citizenship", "Select a valid choice."),
    ("party=999999", "party", "Select a valid choice."),
    ("kind=amnesty", "kind", "Select a valid choice."),
])
def test_an_invalid_filter_is_a_400_with_the_error_by_its_field_and_no_results(client, filtered, query, field, message):
    html = get(client, "/?" + query, status=400)
    control = html.one("select" if field not in ("date_after", "date_before") else "input", name=field)
    assert control["attrs"].get("aria-invalid") == "true"
    box = control["ancestors"][-1]  # the field's own <div>
    errors = html.texts("p", box, class_="error")
    assert len(errors) == 1 and message in errors[0], errors
    assert entries(html) == []
    assert "Fix the filter above to see results." in result_count(html)
    assert not re.match(r"\d", result_count(html))  # no count: never "5 releases"
    assert not html.all("nav", class_="years")


def test_an_overlong_search_is_a_400_shown_by_the_search_box(client, filtered):
    html = get(client, "/?q=" + "a" * 201, status=400)
    assert entries(html) == []
    assert html.one("input", name="q")["attrs"]["aria-describedby"] == "id_q_error"
    assert "at most 200 characters" in squash(html.one("p", id="id_q_error")["text"])


def test_a_draft_person_cannot_be_selected_by_id_any_more_than_a_missing_one(client, filtered):
    draft_answer = client.get(f"/?prisoner={filtered['hidden'].pk}")
    missing_answer = client.get("/?prisoner=999999")
    assert draft_answer.status_code == missing_answer.status_code == 400
    assert entries(Html(draft_answer.content)) == []
    assert "Hidden Draftperson" not in draft_answer.content.decode()


def test_year_links_keep_the_other_filters_and_replace_the_dates(client, filtered):
    html = get(client, "/?country=BY&kind=pardon&date_after=2020-01-01&page=1")
    links = {squash(a["text"]): a["attrs"]["href"] for a in html.all("a", html.one("nav", class_="years"))}
    # The wave of pardons runs from July 2024 into 2025: both years list it.
    assert links == {"2025": "?country=BY&kind=pardon&date_after=2025-01-01&date_before=2025-12-31",
                     "2024": "?country=BY&kind=pardon&date_after=2024-01-01&date_before=2024-12-31"}
    html = get(client, "/?country=BY")
    links = {squash(a["text"]): a["attrs"]["href"] for a in html.all("a", html.one("nav", class_="years"))}
    assert links == {"2025": "?country=BY&date_after=2025-01-01&date_before=2025-12-31",
                     "2024": "?country=BY&date_after=2024-01-01&date_before=2024-12-31"}
    # Following a year link lists that year's releases under the other filters.
    assert set(timeline_ids(client, links["2025"][1:])) == {
        filtered["rows"]["feb_day"].pk, filtered["rows"]["jan_month"].pk, filtered["rows"]["wave"].pk
    }


def test_the_count_next_to_a_year_is_what_its_link_shows(client, filtered):
    html = get(client, "/?country=BY")
    for item in html.all("li", html.one("nav", class_="years")):
        link = html.one("a", item)
        shown = int(re.search(r"\((\d+)\)", item["text"]).group(1))
        assert shown == len(timeline_ids(client, link["attrs"]["href"][1:])), squash(item["text"])


# -- pagination ---------------------------------------------------------------------------

def test_120_releases_are_paged_50_at_a_time_with_the_filters_in_the_links(client, db):
    start = datetime.date(2015, 1, 1)
    made = [release(start + datetime.timedelta(days=17 * i), title=f"Pardon {i}", kind="pardon") for i in range(120)]
    release(datetime.date(2025, 6, 1), kind="exchange", title="Not a pardon")
    newest_first = [r.pk for r in reversed(made)]

    first = get(client, "/?kind=pardon")
    assert result_count(first).startswith("120 releases match these filters.")
    assert [e["id"] for e in entries(first)] == newest_first[:50]
    pages = first.one("nav", class_="pagination")
    assert "Page 1 of 3" in squash(pages["text"])
    assert [a["attrs"]["href"] for a in first.all("a", pages)] == ["?kind=pardon&page=2"]

    second = get(client, "/?kind=pardon&page=2")
    assert [e["id"] for e in entries(second)] == newest_first[50:100]
    assert [(a["attrs"]["rel"], a["attrs"]["href"]) for a in second.all("a", second.one("nav", class_="pagination"))] == [
        ("prev", "?kind=pardon&page=1"), ("next", "?kind=pardon&page=3")
    ]
    third = get(client, "/?kind=pardon&page=3")
    assert [e["id"] for e in entries(third)] == newest_first[100:]
    assert len(entries(third)) == 20
    # Year links and the other links on a page do not carry the page number.
    assert all("page=" not in a["attrs"]["href"] for a in third.all("a", third.one("nav", class_="years")))
    assert "page=" not in third.one("link", rel="alternate")["attrs"]["href"]

    assert [e["id"] for e in entries(get(client, "/?kind=pardon&page=abc"))] == newest_first[:50]
    assert [e["id"] for e in entries(get(client, "/?kind=pardon&page=999"))] == newest_first[100:]
    assert entries(get(client, "/?page=-1"))  # a page, not an error


# -- drafts and private fields --------------------------------------------------------------

def test_drafts_and_private_notes_never_reach_the_timeline(client, db):
    shown = release(datetime.date(2025, 2, 12), title="Public release", announced_total=2,
                    internal_notes="PRIVATE-RELEASE-NOTE")
    release(datetime.date(2025, 3, 1), title="DRAFT-RELEASE-TITLE", publication_status="draft")
    release(datetime.date(2026, 3, 1), title="IN-REVIEW-RELEASE", publication_status="review")
    public = person("Public Person", "BY", internal_notes="PRIVATE-PERSON-NOTE")
    hidden = person("DRAFT-PERSON-NAME", "BY", names=["DRAFT-PERSON-SPELLING"], publication_status="draft")
    f.ReleasedPersonFactory(release=shown, prisoner=public, internal_notes="PRIVATE-ROW-NOTE")
    f.ReleasedPersonFactory(release=shown, prisoner=hidden)
    f.PartyRoleFactory(release=shown, party=f.PartyFactory(name="Public Party", internal_notes="PRIVATE-PARTY-NOTE"))
    f.PartyRoleFactory(release=shown, party=f.PartyFactory(name="DRAFT-PARTY-NAME", publication_status="draft"))
    f.CitationFactory(release=shown, source=f.SourceFactory(internal_notes="PRIVATE-SOURCE-NOTE"))
    f.CitationFactory(release=shown, source=f.SourceFactory(publication_status="draft"))

    response = client.get("/")
    page = response.content.decode()
    html = Html(page)
    [entry] = entries(html)
    assert entry["title"] == "Public release"
    assert entry["people"] == "Released: Public Person + 1 unnamed"  # the draft person is not named
    assert entry["parties"] == "Parties: Public Party (releasing authority)"
    assert entry["sources"] == "1 source"
    assert result_count(html).startswith("1 release.")
    assert html.texts("h2", html.one("main")) == ["2025"]
    assert [squash(a["text"]) for a in html.all("a", html.one("nav", class_="years"))] == ["2025"]
    assert squash(html.one("li", html.one("nav", class_="years"))["text"]) == "2025 (1)"
    for marker in ("DRAFT-RELEASE-TITLE", "IN-REVIEW-RELEASE", "DRAFT-PERSON", "DRAFT-PARTY-NAME", "PRIVATE-"):
        assert marker not in page, marker
    # The party filter offers published parties only.
    options = html.texts("option", html.one("select", name="party"))
    assert "Public Party" in options and "DRAFT-PARTY-NAME" not in options

    for query in ("q=DRAFT-RELEASE", "q=DRAFT-PERSON-NAME", "q=DRAFT-PERSON-SPELLING", "q=DRAFT-PARTY",
                  "q=PRIVATE", "date_after=2025-03-01"):
        html = get(client, "/?" + query)
        assert entries(html) == [], query
        assert result_count(html).startswith("0 releases"), query


# -- bounded queries ----------------------------------------------------------------------

# data stamp + count + years + page + 7 prefetches (people, their citizenships, roles,
# citations, links out and in, concessions) + the party filter's choices + 2 for the site
# navigation. Seen again before the data changes, the whole page comes from the cache (one
# query: the version); another page of the same list reuses the cached count and years.
TIMELINE_QUERIES = 14
TIMELINE_QUERIES_CACHED = 1
TIMELINE_QUERIES_OTHER_PAGE = 12


@pytest.mark.parametrize("count", [5, 60])
def test_timeline_queries_do_not_grow_with_the_releases(client, db, count, django_assert_num_queries):
    busy_releases(count)
    with django_assert_num_queries(TIMELINE_QUERIES):
        html = get(client, "/")
    assert len(entries(html)) == min(count, 50)
    assert all(e["people"].endswith("+ 2 unnamed") and e["sources"] == "3 sources" for e in entries(html))
    # + the name search's candidate lookup (nobody is called "Busy", so no second query)
    with django_assert_num_queries(TIMELINE_QUERIES + NAME_SEARCH_WITHOUT_CANDIDATES):
        get(client, "/?country=BY&citizenship=BY&q=Busy")
    with django_assert_num_queries(TIMELINE_QUERIES_CACHED):
        get(client, "/")
    with django_assert_num_queries(TIMELINE_QUERIES_OTHER_PAGE):
        get(client, "/?page=2")


# -- escaping -----------------------------------------------------------------------------

def test_markup_in_titles_names_parties_and_quotes_is_shown_as_text(client, db):
    event = release(datetime.date(2025, 2, 12), title="<b>bold</b> release", destination="<i>Vilnius</i>")
    f.ReleasedPersonFactory(release=event, prisoner=person("<script>alert(1)</script>"))
    f.PartyRoleFactory(release=event, party=f.PartyFactory(name="<img src=x onerror=alert(2)>"))
    f.CitationFactory(release=event, quote="<iframe src=evil></iframe>")
    response = client.get("/?q=" + "<svg onload=alert(3)>")
    page = response.content.decode()
    for raw in ("<b>bold", "<script>alert", "<img src=x", "<iframe", "<i>Vilnius", "<svg onload"):
        assert raw not in page, raw
    assert "&lt;svg onload=alert(3)&gt;" in page  # the search box echoes the query as text
    page = client.get("/").content.decode()
    for raw in ("<b>bold", "<script>alert", "<img src=x", "<iframe", "<i>Vilnius"):
        assert raw not in page, raw
    [entry] = entries(Html(page))
    assert entry["title"] == "<b>bold</b> release"
    assert entry["route"] == "Releasing country not stated → <i>Vilnius</i>"
    assert entry["people"] == "Released: <script>alert(1)</script>"
    assert entry["parties"] == "Parties: <img src=x onerror=alert(2)> (releasing authority)"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cached_pages_and_counts_follow_the_next_write(client, db):
    release(datetime.date(2024, 5, 1), title="First wave")
    assert "First wave" in client.get("/").content.decode()
    release(datetime.date(2025, 5, 1), title="Second wave")
    html = client.get("/").content.decode()
    assert "Second wave" in html and "First wave" in html
    # The cached year counts follow too: 2025 is a year link now.
    assert 'date_after=2025-01-01&amp;date_before=2025-12-31">2025</a> <span class="count">(1)' in html
