"""The statistics page as a reader sees it: per-month releases and people (empty months
included, cumulative totals), by releasing country and by citizenship, under the timeline's
filters; the CSV of each table; SVG charts without JavaScript; drafts and private notes kept
out; bounded queries; escaping."""
import csv
import datetime
import io

import pytest

from tests.support import factories as f
from tests.support.name_search import NAME_SEARCH_WITHOUT_CANDIDATES
from tests.support.pages import busy_releases, Html, person, release, squash

STATISTICS = "/statistics/"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return Html(response.content)


def table_rows(html, heading_id):
    """The body rows of the table in the section labelled ``heading_id``, as lists of cell texts
    (the decorative bar column left out)."""
    section = html.one("section", aria_labelledby=heading_id)
    table = html.one("tbody", section)
    rows = []
    for tr in html.all("tr", table):
        cells = [c for c in html.elements if c["tag"] in ("th", "td") and c["ancestors"] and c["ancestors"][-1] is tr]
        rows.append([squash(c["text"]) for c in cells if c["attrs"].get("aria-hidden") != "true"])
    return rows


def monthly_rows(html):
    return table_rows(html, "monthly-heading")


def csv_rows(client, query):
    response = client.get(STATISTICS + "?" + query)
    assert response.status_code == 200, query
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def known(db):
    """Four published releases over January–May 2025, and drafts that must not count.

    January: r1 names A (Belarus + US) and a draft person (Kazakhstan), no announced total -> 1;
             r2 names B (Russia) and C (no citizenship), announced 3 -> 3.
    February, April: nothing published (a draft release in February announces 50).
    March:   a wave of "more than 200", no one named -> 200.
    May:     "more than 2" announced, 4 named (E Belarus, F Ukraine, G Belarus, H none) -> 4.
    """
    r1 = release(datetime.date(2025, 1, 10), title="R1", releasing_country="BY", internal_notes="PRIVATE-R1")
    f.ReleasedPersonFactory(release=r1, prisoner=person("A", "BY", "US"))
    f.ReleasedPersonFactory(release=r1, prisoner=person("DRAFT-D", "KZ", publication_status="draft"))
    r2 = release(datetime.date(2025, 1, 20), title="R2", releasing_country="RU", announced_total=3)
    f.ReleasedPersonFactory(release=r2, prisoner=person("B", "RU", internal_notes="PRIVATE-B"))
    f.ReleasedPersonFactory(release=r2, prisoner=person("C"))
    release(datetime.date(2025, 3, 1), "month", date_to=datetime.date(2025, 5, 1), title="Wave",
            releasing_country="BY", announced_total=200, announced_total_is_minimum=True)
    r4 = release(datetime.date(2025, 5, 2), title="R4", announced_total=2, announced_total_is_minimum=True)
    for name, *countries in (("E", "BY"), ("F", "UA"), ("G", "BY"), ("H",)):
        f.ReleasedPersonFactory(release=r4, prisoner=person(name, *countries))
    f.PartyRoleFactory(release=r4, party=f.PartyFactory(name="Visible Party", internal_notes="PRIVATE-PARTY"))
    draft = release(datetime.date(2025, 2, 5), title="Draft", releasing_country="KP", announced_total=50,
                    publication_status="draft")
    f.ReleasedPersonFactory(release=draft, prisoner=person("In a draft release", "KP"))
    release(datetime.date(2026, 1, 5), title="Review", releasing_country="KP", announced_total=7,
            publication_status="review")


MONTHLY = [
    ["January 2025", "2", "4", "4"],
    ["February 2025", "0", "0", "4"],
    ["March 2025", "1", "200", "204"],
    ["April 2025", "0", "0", "204"],
    ["May 2025", "1", "4", "208"],
]


def test_per_month_table_counts_releases_and_people_with_empty_months_and_running_total(client, known):
    assert monthly_rows(get(client, STATISTICS)) == MONTHLY


def test_by_releasing_country_and_by_citizenship(client, known):
    html = get(client, STATISTICS)
    assert table_rows(html, "country-heading") == [
        ["Belarus", "2", "201"], ["Not stated", "1", "4"], ["Russia", "1", "3"],
    ]
    # A (Belarus and US) counts for both; the draft person's Kazakhstan and the draft
    # release's people count nowhere; people without a citizenship are not listed.
    assert table_rows(html, "citizenship-heading") == [
        ["Belarus", "3"], ["Russia", "1"], ["Ukraine", "1"], ["United States of America", "1"],
    ]


def test_filters_change_every_table(client, known):
    html = get(client, STATISTICS + "?country=BY")
    assert monthly_rows(html) == [
        ["January 2025", "1", "1", "1"], ["February 2025", "0", "0", "1"], ["March 2025", "1", "200", "201"],
    ]
    assert table_rows(html, "country-heading") == [["Belarus", "2", "201"]]
    assert table_rows(html, "citizenship-heading") == [["Belarus", "1"], ["United States of America", "1"]]
    html = get(client, STATISTICS + "?citizenship=UA")
    assert monthly_rows(html) == [["May 2025", "1", "4", "4"]]
    assert table_rows(html, "citizenship-heading") == [["Belarus", "2"], ["Ukraine", "1"]]
    html = get(client, STATISTICS + "?date_after=2025-04-15&q=Wave")
    assert monthly_rows(html) == [["March 2025", "1", "200", "200"]]
    html = get(client, STATISTICS + "?country=FR")
    assert not html.all("table", html.one("section", aria_labelledby="monthly-heading"))
    assert "No release matches these filters." in html.text
    assert table_rows(html, "country-heading") == [["None."]]


def test_csv_downloads_match_the_tables(client, known):
    assert csv_rows(client, "table=monthly&format=csv") == [
        ["month", "releases", "people", "cumulative_people"],
        ["2025-01-01", "2", "4", "4"], ["2025-02-01", "0", "0", "4"], ["2025-03-01", "1", "200", "204"],
        ["2025-04-01", "0", "0", "204"], ["2025-05-01", "1", "4", "208"],
    ]
    assert csv_rows(client, "table=countries&format=csv") == [
        ["country", "name", "releases", "people"],
        ["BY", "Belarus", "2", "201"], ["", "Not stated", "1", "4"], ["RU", "Russia", "1", "3"],
    ]
    assert csv_rows(client, "table=citizenships&format=csv") == [
        ["country", "name", "people"],
        ["BY", "Belarus", "3"], ["RU", "Russia", "1"], ["UA", "Ukraine", "1"], ["US", "United States of America", "1"],
    ]
    # The page's own CSV links carry the current filter.
    html = get(client, STATISTICS + "?country=BY")
    links = [a["attrs"]["href"] for a in html.all("a") if squash(a["text"]) == "(CSV)"]
    assert links == ["?country=BY&table=monthly&format=csv", "?country=BY&table=countries&format=csv",
                     "?country=BY&table=citizenships&format=csv"]
    assert csv_rows(client, links[0][1:])[1:] == [
        ["2025-01-01", "1", "1", "1"], ["2025-02-01", "0", "0", "1"], ["2025-03-01", "1", "200", "201"],
    ]
    assert csv_rows(client, links[2][1:])[1:] == [["BY", "Belarus", "1"], ["US", "United States of America", "1"]]


def test_charts_are_svg_with_titles_and_the_page_needs_no_javascript(client, known):
    response = client.get(STATISTICS)
    page = response.content.decode()
    assert "<script" not in page.lower()
    html = Html(page)
    charts = html.all("svg", role="img")
    assert len(charts) == 3
    for chart in charts:
        labelled_by = chart["attrs"]["aria-labelledby"]
        title = html.one("title", chart, id=labelled_by)
        assert title["ancestors"][-1] is chart
    releases_chart, people_chart, cumulative_chart = charts
    assert [squash(t["text"]) for r in html.all("rect", releases_chart) for t in html.all("title", r)] == [
        "Jan 2025: 2", "Feb 2025: 0", "Mar 2025: 1", "Apr 2025: 0", "May 2025: 1",
    ]
    assert [squash(t["text"]) for r in html.all("rect", people_chart) for t in html.all("title", r)] == [
        "Jan 2025: 4", "Feb 2025: 0", "Mar 2025: 200", "Apr 2025: 0", "May 2025: 4",
    ]
    points = html.one("polyline", cumulative_chart)["attrs"]["points"].split()
    assert len(points) == 5
    heights = [float(p.split(",")[1]) for p in points]
    assert heights == sorted(heights, reverse=True)  # a running total never goes down (y grows downwards)
    # Bar lengths for the country table, proportional to the largest: an empty <svg>'s width
    # attribute (a style attribute would be blocked by the Content-Security-Policy).
    widths = [s["attrs"]["width"] for s in html.all("svg", html.one("section", aria_labelledby="country-heading"),
                                                    class_="hbar")]
    assert widths == ["100.0%", "2.0%", "1.5%"]


def test_statistics_link_back_to_the_timeline_with_the_same_filters(client, known):
    html = get(client, STATISTICS + "?country=BY&kind=pardon&table=monthly")
    back = [a["attrs"]["href"] for a in html.all("a") if "Back to the timeline" in a["text"]]
    assert back == ["/?country=BY&kind=pardon"]
    timeline = get(client, "/?country=BY&kind=pardon")
    assert [a["attrs"]["href"] for a in timeline.all("a") if "Statistics for this selection" in a["text"]] == [
        "/statistics/?country=BY&kind=pardon"
    ]


def test_drafts_and_private_notes_never_reach_the_statistics(client, known):
    page = client.get(STATISTICS).content.decode()
    for marker in ("PRIVATE-", "DRAFT-D", "In a draft release"):
        assert marker not in page, marker
    html = Html(page)
    tables = " ".join(squash(s["text"]) for s in html.all("section", html.one("main")))
    for marker in ("North Korea", "Kazakhstan", "2026"):
        assert marker not in tables, marker
    for table in ("monthly", "countries", "citizenships"):
        body = client.get(f"{STATISTICS}?table={table}&format=csv").content.decode()
        assert "KP" not in body and "KZ" not in body and "2026" not in body and "PRIVATE" not in body
    # Searching a draft release's title or a draft person's name finds nothing to count.
    for query in ("q=Draft", "q=Review", "q=DRAFT-D", "country=KP", "citizenship=KZ"):
        html = get(client, f"{STATISTICS}?{query}")
        assert "No release matches these filters." in html.text, query
        assert table_rows(html, "citizenship-heading") == [["None."]], query


@pytest.mark.parametrize("query, field", [("country=XX", "country"), ("date_after=2025-13-45", "date_after")])
def test_an_invalid_filter_is_a_400_with_the_error_and_no_numbers(client, known, query, field):
    html = get(client, f"{STATISTICS}?{query}", status=400)
    control = [e for e in html.elements if e["attrs"].get("name") == field and e["tag"] in ("input", "select")]
    assert control[0]["attrs"].get("aria-invalid") == "true"
    assert html.texts("p", control[0]["ancestors"][-1], class_="error")
    assert "No release matches these filters." in html.text
    assert not html.all("svg")
    assert table_rows(html, "country-heading") == [["None."]]
    assert table_rows(html, "citizenship-heading") == [["None."]]


def test_an_invalid_filter_in_a_csv_download_is_an_error_not_an_empty_table(client, known):
    assert client.get(f"{STATISTICS}?country=XX&table=monthly&format=csv").status_code == 400


# -- bounded queries ----------------------------------------------------------------------

# data stamp, monthly, by country, by citizenship, the party filter's choices, 2 for the
# navigation; seen again before the data changes, the page comes from the cache (the version).
STATISTICS_QUERIES = 7
STATISTICS_QUERIES_CACHED = 1


@pytest.mark.parametrize("count", [5, 60])
def test_statistics_queries_do_not_grow_with_the_releases_or_months(client, db, count, django_assert_num_queries):
    busy_releases(count)
    with django_assert_num_queries(STATISTICS_QUERIES):
        html = get(client, STATISTICS)
    months = monthly_rows(html)
    last = datetime.date(2020, 1, 15) + datetime.timedelta(days=31 * (count - 1))
    assert len(months) == (last.year - 2020) * 12 + last.month  # every month, empty ones too
    assert months[0][0] == "January 2020" and months[-1][0] == last.strftime("%B %Y")
    assert sum(int(row[1]) for row in months) == count
    assert months[-1][3] == str(6 * count)  # each announces 6, names 4
    # + the name search's candidate lookup (nobody is called "Busy", so no second query)
    with django_assert_num_queries(STATISTICS_QUERIES + NAME_SEARCH_WITHOUT_CANDIDATES):
        get(client, STATISTICS + "?country=BY&citizenship=BY&q=Busy")
    with django_assert_num_queries(2):  # the data stamp and the one aggregate
        client.get(STATISTICS + "?table=citizenships&format=csv")
    with django_assert_num_queries(STATISTICS_QUERIES_CACHED):
        get(client, STATISTICS)


# -- escaping -----------------------------------------------------------------------------

def test_markup_in_names_and_the_search_is_shown_as_text(client, db):
    event = release(datetime.date(2025, 2, 12), title="<b>bold</b> release", releasing_country="BY")
    f.ReleasedPersonFactory(release=event, prisoner=person("<script>alert(1)</script>", "BY"))
    f.PartyRoleFactory(release=event, party=f.PartyFactory(name="<img src=x onerror=alert(2)>"))
    f.CitationFactory(release=event, quote="<iframe src=evil></iframe>")
    page = client.get(STATISTICS + "?q=%22%3E%3Csvg%20onload%3Dalert(3)%3E").content.decode()
    for raw in ("<b>bold", "<script", "<img src=x", "<iframe", "<svg onload"):
        assert raw not in page, raw
    assert "&quot;&gt;&lt;svg onload=alert(3)&gt;" in page
    html = Html(client.get(STATISTICS).content)
    assert "<img src=x onerror=alert(2)>" in html.texts("option", html.one("select", name="party"))
    assert table_rows(html, "country-heading") == [["Belarus", "1", "1"]]
