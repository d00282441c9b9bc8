"""Editors' scripts write through the API with a personal token: who may write, tokens in the
admin, no DELETE, anonymous reads and the anonymous rate limit.

The helpers (a script's client, bodies, row counts) are in tests/support/api.py; the other
``test_write_*`` modules: whole records and their nested rows (``_records``), validation
(``_validation``) and hostile input (``_hostile``).
"""
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

from releases import models as m

from tests.support.factories import (
    CitationFactory, PartyFactory, PrisonerFactory, ReleaseEventFactory, SourceFactory,
)
from tests.support.api import detail_url, list_url, new_body, release_body, script, stored

ADMIN = "/" + settings.ADMIN_PATH
RESOURCES = ["releases", "prisoners", "parties", "sources", "citations"]
MODELS = {
    "releases": m.ReleaseEvent, "prisoners": m.Prisoner, "parties": m.Party,
    "sources": m.Source, "citations": m.Citation,
}
# One field per resource that an update changes, and the value it is changed to.
CHANGE = {
    "releases": ("title", "Belarus frees 14 people"),
    "prisoners": ("occupation", "Journalist, RFE/RL Belarus Service"),
    "parties": ("position", "Special Envoy for Hostage Affairs"),
    "sources": ("author", "A. Reporter"),
    "citations": ("account", "handed over in Vilnius"),
}


@pytest.fixture(autouse=True)
def clear_cache():
    """The throttle counts requests in the cache: never let them leak between tests."""
    cache.clear()
    yield
    cache.clear()


def release_title(records):
    return m.ReleaseEvent.objects.get(pk=records["releases"].pk).title


@pytest.fixture
def records(db):
    """One published record per resource."""
    release, source = ReleaseEventFactory(), SourceFactory()
    return {
        "releases": release, "prisoners": PrisonerFactory(), "parties": PartyFactory(),
        "sources": source, "citations": CitationFactory(release=release, source=source),
    }


# -- who may write ----------------------------------------------------------------------------

@pytest.mark.parametrize("resource", RESOURCES)
def test_anonymous_writes_are_401_with_a_token_challenge(records, resource):
    record, (field, value) = records[resource], CHANGE[resource]
    body = new_body(resource)
    before = stored()
    anonymous = script()
    for response in (
        anonymous.post(list_url(resource), body, format="json"),
        anonymous.patch(detail_url(resource, record), {field: value}, format="json"),
        anonymous.put(detail_url(resource, record), body, format="json"),
    ):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert stored() == before
    record.refresh_from_db()
    assert getattr(record, field) != value


@pytest.mark.parametrize("key", ["not-a-real-token", "0" * 40])
def test_an_unknown_token_is_401(records, key):
    response = script(key=key).patch(detail_url("releases", records["releases"]),
                                     {"title": "Hijacked"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Invalid token."}
    assert release_title(records) != "Hijacked"


def test_the_token_of_a_deactivated_editor_is_401(records, editor):
    client = script(editor)
    editor.is_active = False
    editor.save()
    response = client.patch(detail_url("releases", records["releases"]), {"title": "Hijacked"}, format="json")
    assert response.status_code == 401
    assert release_title(records) != "Hijacked"


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_token_user_in_no_group_may_read_but_not_write(records, resource):
    nobody = script(User.objects.create_user("nobody", password="not-used-here"))
    record, (field, value) = records[resource], CHANGE[resource]
    body = new_body(resource)
    before = stored()
    for response in (
        nobody.post(list_url(resource), body, format="json"),
        nobody.patch(detail_url(resource, record), {field: value}, format="json"),
    ):
        assert response.status_code == 403
        assert response.json() == {"detail": "You do not have permission to perform this action."}
    assert stored() == before
    record.refresh_from_db()
    assert getattr(record, field) != value
    assert nobody.get(detail_url(resource, record)).status_code == 200




@pytest.mark.parametrize("resource", [
    r for r in RESOURCES])
def test_editors_create_every_resource(as_editor, resource):
    body = new_body(resource)
    response = as_editor.post(list_url(resource), body, format="json")
    assert response.status_code == 201, response.content
    record = MODELS[resource].objects.get(pk=response.json()["id"])
    if resource == "citations":
        assert (record.source_id, record.release_id, record.account) == (
            body["source"], body["release"], "12 February")
    else:
        assert record.slug == body["slug"]
        assert record.publication_status == m.PublicationStatus.DRAFT


@pytest.mark.parametrize("resource", [
    r for r in RESOURCES])
def test_editors_update_every_resource(records, as_editor, resource):
    record, (field, value) = records[resource], CHANGE[resource]
    response = as_editor.patch(detail_url(resource, record), {field: value}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()[field] == value
    record.refresh_from_db()
    assert getattr(record, field) == value


def test_editors_replace_a_release_with_put(records, as_editor):
    event = records["releases"]
    response = as_editor.put(detail_url("releases", event), release_body(
        slug=event.slug, title="Replaced", kind="exchange", date_from="2024-08-01"), format="json")
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert (event.title, event.kind, str(event.date_from)) == ("Replaced", "exchange", "2024-08-01")


def test_editors_update_a_draft_that_readers_cannot_see(as_editor):
    draft = ReleaseEventFactory(publication_status="draft", title="Unconfirmed")
    assert script().get(detail_url("releases", draft)).status_code == 404
    response = as_editor.patch(detail_url("releases", draft), {"title": "Confirmed"}, format="json")
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert (draft.title, draft.publication_status) == ("Confirmed", "draft")
    assert as_editor.patch(detail_url("releases", 10**6), {"title": "x"}, format="json").status_code == 404


@pytest.mark.parametrize("resource", RESOURCES)
def test_reads_stay_anonymous(records, resource):
    anonymous = script()
    listing = anonymous.get(list_url(resource))
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["results"]] == [records[resource].pk]
    detail = anonymous.get(detail_url(resource, records[resource]))
    assert detail.status_code == 200
    assert detail.json()["id"] == records[resource].pk


# -- DELETE is not offered --------------------------------------------------------------------

@pytest.mark.parametrize("resource", RESOURCES)
def test_delete_is_not_offered_even_to_publishers(records, as_publisher, resource):
    response = as_publisher.delete(detail_url(resource, records[resource]))
    assert response.status_code == 405
    assert "DELETE" not in response["Allow"]
    assert MODELS[resource].objects.filter(pk=records[resource].pk).exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_editors_delete_deletes_nothing(records, as_editor, resource):
    response = as_editor.delete(detail_url(resource, records[resource]))
    assert response.status_code in (403, 405)
    assert MODELS[resource].objects.filter(pk=records[resource].pk).exists()


def test_an_editors_delete_of_a_row_type_they_may_delete_is_405(records, as_editor):
    response = as_editor.delete(detail_url("citations", records["citations"]))
    assert response.status_code == 405


def test_an_editors_delete_of_a_whole_record_is_405(records, as_editor):
    response = as_editor.delete(detail_url("releases", records["releases"]))
    assert response.status_code == 405


# -- tokens in the admin ----------------------------------------------------------------------

TOKENS = ADMIN + "authtoken/tokenproxy/"


def test_a_superuser_issues_a_token_in_the_admin_and_the_script_uses_it(admin_client, editor, records):
    assert admin_client.get(TOKENS + "add/").status_code == 200
    response = admin_client.post(TOKENS + "add/", {"user": editor.pk})
    assert response.status_code == 302
    key = Token.objects.get(user=editor).key
    response = script(key=key).patch(detail_url("releases", records["releases"]),
                                     {"title": "Written by a script"}, format="json")
    assert response.status_code == 200
    assert records["releases"].history.latest().history_user == editor


def test_deleting_a_token_in_the_admin_revokes_access(admin_client, editor, records):
    key = Token.objects.create(user=editor).key
    url = detail_url("releases", records["releases"])
    assert script(key=key).patch(url, {"title": "Before revocation"}, format="json").status_code == 200

    assert admin_client.get(TOKENS + f"{editor.pk}/delete/").status_code == 200
    assert admin_client.post(TOKENS + f"{editor.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Token.objects.filter(key=key).exists()

    response = script(key=key).patch(url, {"title": "After revocation"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert release_title(records) == "Before revocation"


def test_editors_cannot_issue_tokens_in_the_admin(client, editor):
    client.force_login(editor)
    assert client.get(TOKENS + "add/").status_code == 403
    client.post(TOKENS + "add/", {"user": editor.pk})
    assert not Token.objects.exists()


# -- the anonymous rate limit -----------------------------------------------------------------

@pytest.fixture
def anon_rate_3_per_minute(monkeypatch):
    # DRF reads THROTTLE_RATES from the class attribute (set once from settings at import).
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    yield
    cache.clear()


def test_anonymous_readers_are_throttled_with_retry_after(anon_rate_3_per_minute, records):
    anonymous = script()
    for _ in range(3):
        assert anonymous.get(list_url("releases")).status_code == 200
    response = anonymous.get(list_url("releases"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["Content-Type"].startswith("application/json")
    assert "throttled" in response.json()["detail"]
    # The limit is per client, not per endpoint.
    assert anonymous.get(detail_url("releases", records["releases"])).status_code == 429


def test_token_users_are_not_held_to_the_anonymous_rate(anon_rate_3_per_minute, editor, records):
    editor_script = script(editor)
    for _ in range(6):
        assert editor_script.get(list_url("releases")).status_code == 200
    assert editor_script.patch(detail_url("releases", records["releases"]),
                               {"title": "Still writing"}, format="json").status_code == 200
    # Token traffic did not use up the anonymous budget either.
    assert script().get(list_url("releases")).status_code == 200
