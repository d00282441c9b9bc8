"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright against pytest-django's
live server, with the demo data loaded.

The browser is never downloaded (no `playwright install`): Playwright launches the system binary.
`bin/dev test` installs the `chromium` package when it can, and otherwise runs the suite with
`-m "not browser"`; run directly without the binary, these tests are skipped (outside CI).
Every test module here sets `pytestmark = pytest.mark.browser`.
"""
import os
from pathlib import Path

import pytest

from tests.support.demo import demo_data

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run.

    Playwright's sync API keeps an asyncio loop running in this thread, so Django's ORM would
    refuse synchronous calls (SynchronousOnlyOperation) while the browser is alive: allow them
    for exactly that time."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (bin/dev test installs Debian's chromium package)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The live server's base URL, with the demo data loaded (flushed again after the test)."""
    demo_data.load()
    return live_server.url


@pytest.fixture
def page(browser, demo_site):
    """A fresh browser context and page per test, desktop-sized, on the demo site."""
    context = browser.new_context(viewport=DESKTOP, base_url=demo_site, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
