"""The answer while the database is unreachable (tracker/outage.py), face by face. The real
fault, a killed proxy in front of PostgreSQL under gunicorn, is tests/project/test_faults.py;
here the error is handed over as Django raises it, on both engines."""
import json

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError

from tracker import outage

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def answer(rf, method, path, error=REFUSED):
    request = rf.generic(method, path)
    return outage.DatabaseUnavailableMiddleware(lambda r: None).process_exception(request, error)


@pytest.mark.parametrize("path", ["/", "/statistics/", "/feed/", "/releases/1/", "/people/2/"])
def test_a_page_is_a_503_in_the_site_s_layout_saying_when_to_retry(rf, path):
    response = answer(rf, "GET", path)
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (503, "30", "no-store")
    page = response.content.decode()
    assert "<title>Temporarily unavailable · Release Tracker</title>" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page and "<main" in page
    assert "try again in 30 seconds" in page


@pytest.mark.parametrize("method, saved", [("GET", False), ("POST", True), ("PATCH", True)])
def test_the_api_answers_its_own_json_error(rf, method, saved):
    response = answer(rf, method, "/api/v1/releases/3/", InterfaceError("connection already closed"))
    assert (response.status_code, response["Retry-After"], response["Content-Type"]) == (503, "30", "application/json")
    detail = json.loads(response.content)["detail"]
    assert detail.startswith("The database is unavailable") and ("Nothing you sent was saved" in detail) == saved


def test_the_admin_says_the_database_is_unavailable_in_its_own_look(rf):
    response = answer(rf, "POST", f"/{settings.ADMIN_PATH}releases/releaseevent/add/")
    page = response.content.decode()
    assert response.status_code == 503 and "Release Tracker — editors" in page
    assert "Database unavailable" in page and "Nothing you sent was saved" in page


def test_other_errors_are_left_to_django(rf):
    assert answer(rf, "GET", "/", ValueError("a bug, not an outage")) is None


def test_an_error_raised_outside_a_view_is_caught_by_handler500_too(rf):
    request = rf.get("/")
    try:
        raise REFUSED
    except OperationalError:
        response = outage.server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    try:
        raise ValueError("a bug")
    except ValueError:
        assert outage.server_error(request).status_code == 500


def test_the_outage_is_logged_once_a_minute_not_once_a_request(rf, caplog, monkeypatch):
    monkeypatch.setattr(outage, "_logged_at", None)
    for _ in range(20):
        answer(rf, "GET", "/")
    assert [r.getMessage() for r in caplog.records if r.name == "tracker.outage"] == [
        f"Database unavailable (OperationalError: {REFUSED}): answering 503"]


def test_kept_connections_are_checked_before_reuse_on_either_engine():
    # The first request after a restart or failover reconnects instead of failing (test_faults.py
    # proves it on PostgreSQL; with the check off, that test fails).
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
