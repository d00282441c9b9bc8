"""The README's screenshots, made from the demo data in the same headless Chromium.

`bin/dev screenshots` runs this with UPDATE_SCREENSHOTS=1, which writes docs/screenshots/*.png.
Otherwise the screenshots go to a temporary directory and are only checked, so this keeps
working in every test run.
"""
import os
import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

from releases.models import ReleaseEvent

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH = 1280
RELEASE_SLUG = "belarus-2025-02-12-three-to-us-envoy"


@pytest.fixture
def out_dir(tmp_path):
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path


def png_size(path):
    """(width, height) of a PNG file, read from its IHDR chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def shoot(page, url, path):
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    width, height = png_size(path)
    assert width == WIDTH
    assert height > 600
    assert path.stat().st_size > 20_000, "a page with content, not a blank one"


def test_screenshots_of_the_timeline_and_a_release(page, out_dir):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    shoot(page, "/", out_dir / "timeline.png")
    release = ReleaseEvent.objects.get(slug=RELEASE_SLUG)
    shoot(page, release.get_absolute_url(), out_dir / "release.png")
