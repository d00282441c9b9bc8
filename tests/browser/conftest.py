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
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

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


class DemoData:
    """The demo data, loaded for real once per run, then restored from a snapshot.

    live_server tests run with TransactionTestCase semantics: every table is flushed after each
    test. Running the loader again for every test costs about 1 s on SQLite and 2 s on
    PostgreSQL; re-inserting the rows it wrote (bulk_create, one transaction) costs a few
    hundredths. The loader writes only to the releases app's tables; `load` checks that on the
    real load, so a loader that starts writing elsewhere fails here instead of being half-restored."""

    def __init__(self):
        self.snapshot = None

    @staticmethod
    def models(app_label):
        return [
            model for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        ]

    def other_counts(self):
        return {
            model._meta.label: model._base_manager.count()
            for config in apps.get_app_configs() if config.label != "releases"
            for model in self.models(config.label)
        }

    def load(self):
        if self.snapshot is None:
            before = self.other_counts()
            with open(os.devnull, "w") as devnull:
                call_command("load_demo_data", stdout=devnull)
            assert self.other_counts() == before, "load_demo_data wrote outside the releases app"
            self.snapshot = [
                (model, list(model._base_manager.order_by("pk")))
                for model in self.models("releases")
            ]
        else:
            with transaction.atomic():  # foreign keys are checked at commit
                for model, rows in self.snapshot:
                    model._base_manager.bulk_create(rows)


_demo_data = DemoData()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The live server's base URL, with the demo data loaded (flushed again after the test)."""
    _demo_data.load()
    return live_server.url


@pytest.fixture
def page(browser, demo_site):
    """A fresh browser context and page per test, desktop-sized, on the demo site."""
    context = browser.new_context(viewport=DESKTOP, base_url=demo_site, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
