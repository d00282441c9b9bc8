"""The analyst's journey through the public pages, in a real headless Chromium, on the demo data.

Each test asserts what a reader sees: text on the screen, where things sit, what the address bar
holds. Pages are reached by clicking, as a reader would; ids are never hard-coded (on PostgreSQL
they change from test to test).
"""
import re

import pytest
from playwright.sync_api import expect

from releases.models import ReleaseEvent

pytestmark = pytest.mark.browser

FEB_12_TITLE = "Belarus frees Andrey Kuznechyk, Alena Maushuk and Nikolai Shugaev to a US envoy"
FEB_12_SLUG = "belarus-2025-02-12-three-to-us-envoy"
EXCHANGE_TITLES = {
    "Russia frees Marc Fogel in exchange for Alexander Vinnik",
    "Alexander Vinnik released in exchange for Marc Fogel",
    "Belarus releases Rico Krieger in the Russia–West exchange",
}
PHONE = {"width": 375, "height": 800}


def entry(page, title):
    """The timeline entry (an <article>) whose heading links to the release `title`."""
    return page.locator("li.entry article").filter(has=page.get_by_role("link", name=title, exact=True))


def entry_titles(page):
    page.wait_for_load_state("domcontentloaded")  # after a click, the new page's whole list
    return set(page.locator("li.entry h4").all_inner_texts())


def result_count(page):
    return page.locator(".result-count")


def search(page, text):
    page.get_by_label("Search names, titles, summaries").fill(text)
    page.get_by_role("button", name="Apply filters").click()


def test_the_timeline_shows_the_years_and_the_12_february_release_with_its_people(page):
    with page.expect_response(lambda r: r.url.endswith("/static/css/tracker.css")) as stylesheet:
        response = page.goto("/")
    assert response.status == 200
    assert stylesheet.value.status == 200, "the live server serves the static files"
    expect(page).to_have_title("Timeline of releases · Release Tracker")
    # ...and applied: tracker.css caps the content at 60rem (the browser's default is no cap).
    assert page.locator("main").evaluate("m => getComputedStyle(m).maxWidth") == "960px"

    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline of releases")
    expect(page.get_by_role("heading", name="2025", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="2024", exact=True)).to_be_visible()
    expect(result_count(page)).to_contain_text("6 releases.")

    release = entry(page, FEB_12_TITLE)
    expect(release).to_be_visible()
    expect(release.locator("time")).to_have_text("12 February 2025")
    expect(release.locator(".people")).to_have_text(re.compile(
        r"Released:\s*Andrey Kuznechyk, Alena Maushuk, Nikolai Shugaev"
    ))
    for name in ("Andrey Kuznechyk", "Alena Maushuk", "Nikolai Shugaev"):
        expect(release.get_by_role("link", name=name, exact=True)).to_be_visible()
    # Newest first: the 12 February release is the first entry, under 2025.
    expect(page.locator("li.entry h4").first).to_have_text(FEB_12_TITLE)


def test_choosing_prisoner_exchange_narrows_the_timeline_and_the_url_can_be_bookmarked(page):
    page.goto("/")
    page.get_by_label("Kind").select_option(label="Prisoner exchange")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]kind=exchange(&|$)"))
    expect(result_count(page)).to_contain_text("3 releases match these filters.")
    assert entry_titles(page) == EXCHANGE_TITLES
    for kind in page.locator("li.entry .when").all_inner_texts():
        assert kind.endswith("· Prisoner exchange")
    expect(page.get_by_role("link", name=FEB_12_TITLE)).to_have_count(0)
    expect(page.get_by_label("Kind")).to_have_value("exchange")
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()

    bookmark = page.url
    page.reload()
    expect(result_count(page)).to_contain_text("3 releases match these filters.")
    assert entry_titles(page) == EXCHANGE_TITLES

    other_tab = page.context.new_page()
    other_tab.goto(bookmark)
    expect(result_count(other_tab)).to_contain_text("3 releases match these filters.")
    expect(other_tab.get_by_label("Kind")).to_have_value("exchange")
    assert entry_titles(other_tab) == EXCHANGE_TITLES


def test_the_name_search_finds_the_12_february_release_by_another_spelling(page):
    page.goto("/")
    search(page, "Movshuk")

    expect(page).to_have_url(re.compile(r"[?&]q=Movshuk(&|$)"))
    expect(result_count(page)).to_contain_text(re.compile(r"^\s*1 release\b"))
    assert entry_titles(page) == {FEB_12_TITLE}
    # The entry shows the preferred name, though the reader typed another spelling.
    expect(entry(page, FEB_12_TITLE).get_by_role("link", name="Alena Maushuk", exact=True)).to_be_visible()
    expect(page.get_by_label("Search names, titles, summaries")).to_have_value("Movshuk")


def test_a_single_result_is_counted_in_good_english(page):
    page.goto("/?q=Movshuk")
    assert "1 release matches these filters." in result_count(page).inner_text()


def test_an_empty_search_says_so_and_clear_all_filters_brings_everything_back(page):
    page.goto("/")
    search(page, "Nobodyatall")

    expect(page.get_by_text("No release matches these filters.")).to_be_visible()
    expect(result_count(page)).to_contain_text("0 releases match these filters.")
    expect(page.locator("li.entry")).to_have_count(0)

    page.get_by_role("link", name="Clear all filters").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(result_count(page)).to_contain_text("6 releases.")
    expect(page.locator("li.entry")).to_have_count(6)
    expect(page.get_by_label("Search names, titles, summaries")).to_have_value("")


def test_a_person_link_opens_her_page_with_both_spellings_and_her_release(page):
    page.goto("/")
    entry(page, FEB_12_TITLE).get_by_role("link", name="Alena Maushuk", exact=True).click()

    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alena Maushuk")
    names = page.locator("section[aria-labelledby=names-heading] tbody td:first-child")
    expect(names).to_have_text(["Alena Maushuk", "Yelena Movshuk"])
    releases = page.locator("section[aria-labelledby=releases-heading]")
    expect(releases.get_by_role("link", name=FEB_12_TITLE)).to_be_visible()
    expect(releases).to_contain_text("12 February 2025")

    releases.get_by_role("link", name=FEB_12_TITLE).click()
    expect(page).to_have_url(re.compile(r"/releases/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(FEB_12_TITLE)


def test_the_release_page_shows_the_two_handover_accounts_side_by_side(page):
    page.goto("/")
    page.get_by_role("link", name=FEB_12_TITLE, exact=True).click()
    release = ReleaseEvent.objects.get(slug=FEB_12_SLUG)
    expect(page).to_have_url(re.compile(re.escape(release.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(FEB_12_TITLE)
    expect(page.locator(".facts")).to_contain_text("Accounts differ: Minsk or Vilnius")

    claim = page.locator(".claim").filter(
        has=page.get_by_role("heading", name="Where they were handed over")
    )
    expect(claim.locator(".badge")).to_have_text("accounts differ")
    accounts = claim.locator("figure.account")
    expect(accounts).to_have_count(2)
    expect(accounts.nth(0)).to_contain_text("Handed over to US diplomats, then taken across the border")
    expect(accounts.nth(0)).to_contain_text("Eurasia Daily Monitor")
    expect(accounts.nth(1)).to_contain_text("Handed over in Vilnius")
    expect(accounts.nth(1)).to_contain_text("Outlet not named in our copy")

    claim.scroll_into_view_if_needed()
    left, right = accounts.nth(0).bounding_box(), accounts.nth(1).bounding_box()
    assert abs(left["y"] - right["y"]) < 1, "the two accounts start on the same line"
    assert left["x"] + left["width"] <= right["x"], "the second account is to the right of the first"


def test_the_keyboard_reaches_the_search_box_and_the_apply_button_and_enter_submits(page):
    page.goto("/")

    def tab_to(is_target, limit=40):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(is_target):
                return
        raise AssertionError(f"Tab never reached {is_target}")

    tab_to("() => document.activeElement.id === 'id_q'")
    page.keyboard.type("Movshuk")
    tab_to("() => document.activeElement.matches('form.filters button[type=submit]')")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Apply filters"
    # The focused button shows the focus ring (keyboard focus, :focus-visible).
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=Movshuk(&|$)"))
    assert entry_titles(page) == {FEB_12_TITLE}


def test_enter_in_the_search_box_submits_the_search(page):
    page.goto("/")
    box = page.get_by_label("Search names, titles, summaries")
    box.fill("Nuhfer")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=Nuhfer(&|$)"))
    assert entry_titles(page) == {"Belarus frees US citizen Anastasia Nuhfer"}


def release_url(slug=FEB_12_SLUG):
    return ReleaseEvent.objects.get(slug=slug).get_absolute_url()


def person_url(name="Alena Maushuk"):
    release = ReleaseEvent.objects.get(slug=FEB_12_SLUG)
    return release.prisoners.get(preferred_name=name).get_absolute_url()


@pytest.mark.parametrize("where", [
    "timeline",
    "filtered timeline",
    "release",
    "person",
    "statistics",
])
def test_at_phone_width_the_page_does_not_scroll_sideways(browser, demo_site, where):
    url = {
        "timeline": lambda: "/",
        "filtered timeline": lambda: "/?kind=exchange&q=Vinnik",
        "release": release_url,
        "person": person_url,
        "statistics": lambda: "/statistics/",
    }[where]()
    context = browser.new_context(viewport=PHONE, base_url=demo_site, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        assert page.goto(url).status == 200
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert inner_width == PHONE["width"]
        assert scroll_width <= inner_width
    finally:
        context.close()


def test_the_statistics_page_shows_the_charts_and_the_tables(page):
    page.goto("/?kind=exchange")
    page.get_by_role("link", name="Statistics for this selection").click()
    expect(page).to_have_url(re.compile(r"/statistics/\?kind=exchange$"))
    expect(page.get_by_label("Kind")).to_have_value("exchange")

    page.get_by_role("navigation", name="Site").get_by_role("link", name="Statistics").click()
    expect(page).to_have_url(re.compile(r"/statistics/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics")

    charts = page.locator("svg.chart[role=img]")
    expect(charts).to_have_count(3)
    for i in range(3):
        expect(charts.nth(i)).to_be_visible()
        assert charts.nth(i).bounding_box()["height"] > 50
    expect(page.get_by_role("img", name="Releases per month (numbers in the table below)")).to_be_visible()
    expect(page.locator("svg.chart rect.bar").first).to_be_visible()

    monthly = page.get_by_role("table").filter(has=page.locator("caption", has_text="Per month"))
    expect(monthly.get_by_role("row", name=re.compile(r"^February 2025 3 5 207$"))).to_be_visible()
    countries = page.get_by_role("table").filter(
        has=page.locator("caption", has_text="People released by releasing country")
    )
    expect(countries.get_by_role("row", name=re.compile(r"^Belarus 4 205"))).to_be_visible()
    expect(page.get_by_role("heading", name="By citizenship of the people named")).to_be_visible()


def test_the_about_page_and_the_collection_are_reachable_from_the_navigation(page):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Site")
    nav.get_by_role("link", name="About and methodology").click()
    expect(page).to_have_url(re.compile(r"/pages/about/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("About and methodology")
    expect(page.get_by_text("What counts as a release.", exact=False)).to_be_visible()

    nav = page.get_by_role("navigation", name="Site")
    nav.get_by_role("link", name="US–Belarus prisoner diplomacy, 2025").click()
    expect(page).to_have_url(re.compile(r"/collections/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("US–Belarus prisoner diplomacy, 2025")

    page.get_by_role("navigation", name="Site").get_by_role("link", name="Timeline").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline of releases")
