"""Accessibility measured, not asserted by hand: axe-core (vendored, MPL-2.0, in vendor/) runs
in the real page and reports WCAG 2 A/AA violations."""
from pathlib import Path

import pytest

from releases.models import Collection, Page, Party, Prisoner, ReleaseEvent, Source

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def public_urls():
    return {
        "timeline": "/",
        "filtered timeline with an error": "/?country=XX&q=Movshuk",
        "empty result": "/?q=Nobodyatall",
        "statistics": "/statistics/",
        "release": ReleaseEvent.objects.get(slug="belarus-2025-02-12-three-to-us-envoy").get_absolute_url(),
        "person": Prisoner.objects.get(slug="alena-maushuk").get_absolute_url(),
        "party": Party.objects.get(slug="christopher-w-smith").get_absolute_url(),
        "source": Source.objects.get(slug="nyt-2025-02-15").get_absolute_url(),
        "about": Page.objects.get(slug="about").get_absolute_url(),
        "collection": Collection.objects.get().get_absolute_url(),
    }


def violations(page, url):
    page.goto(url)
    page.evaluate(AXE.read_text())  # not a <script> tag: the site's CSP allows no inline script
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:120]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_have_no_wcag_violations(browser, demo_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=demo_site)
    page = context.new_page()
    try:
        found = {name: violations(page, url) for name, url in public_urls().items()}
    finally:
        context.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_the_checker_does_find_violations(browser, demo_site):
    """A control: the same check on a page with known faults must report them."""
    context = browser.new_context(base_url=demo_site)
    page = context.new_page()
    try:
        page.goto("/")
        page.evaluate("""() => {
            document.querySelector('label[for=id_q]').remove();
            document.querySelector('#id_q').removeAttribute('placeholder');
            const img = document.createElement('img'); img.src = '/static/none.png';
            document.querySelector('main').appendChild(img);
        }""")
        page.evaluate(AXE.read_text())  # not a <script> tag: the site's CSP allows no inline script
        result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    finally:
        context.close()
    assert {"image-alt", "label"} <= {v["id"] for v in result["violations"]}
