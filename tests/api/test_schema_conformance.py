"""What Schemathesis found (bin/dev fuzz), each kept by a plain test: the API answers what its
OpenAPI schema says, and no generated input is a 500."""
from urllib.parse import urlsplit

import jsonschema
import pytest

from releases.models import Source
from tests.support import factories as f

API = "/api/v1/"


@pytest.fixture
def schema(client):
    return client.get(f"{API}schema/?format=json").json()


# -- 500: an ISO offset beyond PostgreSQL's ±15:59 -------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("since", [
    "2000-01-01T00:00:00+23:00", "2000-01-01T00:00:00-18:52", "1358-04-01T09:28:34+18:33",
])
def test_updated_since_takes_every_iso_offset(client, since):
    release = f.ReleaseEventFactory()
    for resource in ("releases", "prisoners", "parties", "sources"):
        response = client.get(f"{API}{resource}/", {"updated_since": since})
        assert response.status_code == 200, response.content
    ids = [item["id"] for item in client.get(f"{API}releases/", {"updated_since": since}).json()["results"]]
    assert ids == [release.pk]  # compared in UTC: 2000-01-01T00:00+23:00 is 1999-12-31T01:00Z


@pytest.mark.django_db
@pytest.mark.parametrize("since, found", [
    ("0001-01-01T00:00:00+05:00", True),   # before year 1 in UTC: from the beginning
    ("9999-12-31T23:00:00-05:00", False),  # after year 9999 in UTC: nothing yet
])
def test_updated_since_at_the_ends_of_time(client, since, found):
    f.ReleaseEventFactory()
    response = client.get(f"{API}releases/", {"updated_since": since})
    assert response.status_code == 200
    assert (response.json()["count"] == 1) is found


@pytest.mark.django_db
def test_withdrawals_since_takes_every_iso_offset(client):
    response = client.get(f"{API}withdrawals/", {"since": "1205-07-09T14:05:39.531416+19:47"})
    assert response.status_code == 200, response.content


# -- answers the schema did not describe -----------------------------------------------------

@pytest.mark.django_db
def test_empty_format_is_a_400_like_any_unknown_format(client):
    release = f.ReleaseEventFactory()
    for url in (f"{API}releases/", f"{API}releases/{release.pk}/"):
        response = client.get(url, {"format": ""})
        assert response.status_code == 400
        assert "format" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "patch", "put"])
def test_unknown_api_url_is_a_json_404(client, method):
    response = getattr(client, method)(f"{API}prisoners/not.an.id/", content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_unknown_page_outside_the_api_stays_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_reads_need_no_credentials_in_the_schema(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "get":
                assert {} in operation["security"], path
            else:
                assert {} not in operation["security"], (method, path)


@pytest.mark.django_db
def test_page_and_page_size_start_at_one_in_the_schema(schema, client):
    seen = 0
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["name"] in ("page", "page_size"):
                assert parameter["schema"]["minimum"] == 1, path
                seen += 1
    assert seen >= 12  # page and page_size of the six lists
    assert client.get(f"{API}releases/", {"page_size": 0}).status_code == 400


@pytest.mark.django_db
def test_request_bodies_take_only_their_fields(schema, editor, client):
    requests = {name: c for name, c in schema["components"]["schemas"].items() if name.endswith("Request")}
    assert requests
    for name, component in requests.items():
        assert component["additionalProperties"] is False, name
    client.force_login(editor)
    response = client.post(f"{API}sources/", {"outlet": "X", "title": "T", "slug": "t", "surprise": 1},
                           content_type="application/json")
    assert response.status_code == 400
    assert "surprise" in response.json()


@pytest.mark.django_db
def test_blank_source_link_matches_the_schema(schema, client):
    source = f.SourceFactory(url="")
    assert Source.objects.get(pk=source.pk).url == ""
    body = client.get(f"{API}sources/{source.pk}/").json()
    assert body["link"] == ""
    # "uri" checked as Schemathesis does (jsonschema itself needs an extra package for it).
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(urlsplit(value).scheme))
    for component in ("Source", "SourceRef"):  # the record, and a source nested in others
        link = schema["components"]["schemas"][component]["properties"]["link"]
        jsonschema.validate(body["link"], link, format_checker=checker)
        jsonschema.validate("https://example.org/report", link, format_checker=checker)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate("not a url", link, format_checker=checker)


@pytest.mark.django_db
def test_writes_answer_json_only(schema, editor, client):
    """?format=csv on a write gave an empty 200 without a Content-Type."""
    source = f.SourceFactory()
    client.force_login(editor)
    response = client.patch(f"{API}sources/{source.pk}/?format=csv", {"title": "New"},
                            content_type="application/json")
    assert response.status_code == 400
    assert "format" in response.json()
    assert client.patch(f"{API}sources/{source.pk}/", {"title": "New"},
                        content_type="application/json").json()["title"] == "New"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method != "get":
                for response in operation["responses"].values():
                    assert "text/csv" not in response.get("content", {}), (method, path)


# -- a CSV reads no page, yet a malformed page is the same 400 as in JSON -----------------------

LIST_RESOURCES = ("releases", "prisoners", "parties", "sources", "citations")


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LIST_RESOURCES)
@pytest.mark.parametrize("name, value", [
    ("page_size", "-510986"), ("page_size", "0"), ("page_size", "²"),
    ("page", "0"), ("page", "-1"), ("page", "first"),
])
def test_a_malformed_page_is_a_400_in_csv_too(client, resource, name, value):
    """?page_size=-510986&format=csv answered 200 with every row (Schemathesis, stateful)."""
    f.CitationFactory()
    for how in ({"format": "csv"}, {}):
        response = client.get(f"{API}{resource}/", {name: value, **how},
                              HTTP_ACCEPT="text/csv" if not how else "*/*")
        assert response.status_code == 400, (how, response.content)
        assert name in response.json(), response.content
        assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_a_well_formed_page_does_not_cut_a_csv(client):
    releases = f.ReleaseEventFactory.create_batch(3)
    for query in ({"page": "2", "page_size": "1"}, {"page": "last", "page_size": "500"},
                  {"page": "99"}):
        response = client.get(f"{API}releases/", {"format": "csv", **query})
        assert response.status_code == 200, (query, response.content)
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert len(lines) == 1 + len(releases), query


# -- maxLength holds for the string as sent, before trimming ----------------------------------------

def request_components(schema):
    """{POST path: its request body's component}, refs resolved."""
    components = schema["components"]["schemas"]
    found = {}
    for path, operations in schema["paths"].items():
        body = operations.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            found[path] = components[body["schema"]["$ref"].rsplit("/", 1)[1]]
    return found


@pytest.mark.django_db
def test_max_length_counts_the_spaces_a_write_would_trim(schema, editor, client):
    """"\f|" + 199 characters for a 200-character name was stored (trimmed to 200): the schema
    says maxLength 200 for what is sent (Schemathesis, seed 2)."""
    client.force_login(editor)
    checked = 0
    for path, component in request_components(schema).items():
        for name, spec in component["properties"].items():
            if spec.get("type") != "string" or "maxLength" not in spec or spec.get("readOnly"):
                continue
            too_long = "\f" + "x" * spec["maxLength"]
            response = client.post(path, {name: too_long}, content_type="application/json")
            assert response.status_code == 400, (path, name)
            assert "no more than" in str(response.json().get(name)), (path, name, response.json())
            exact = " " + "x" * (spec["maxLength"] - 1)
            response = client.post(path, {name: exact}, content_type="application/json")
            assert name not in response.json(), (path, name, response.json())
            checked += 1
    assert checked >= 15  # titles, names, slugs, outlets, accounts...


# -- a method the API does not offer is a 405 before the format is looked at -----------------

@pytest.mark.django_db
@pytest.mark.parametrize("method", ["TRACE", "DELETE", "FOO"])
def test_an_unoffered_method_is_405_whatever_the_format(client, editor, method):
    citation = f.CitationFactory()
    client.force_login(editor)
    for path in (f"{API}citations/{citation.pk}/", f"{API}citations/", f"{API}withdrawals/"):
        response = client.generic(method, f"{path}?format=csv")
        assert response.status_code == 405, (path, response.content)


# -- JSON types are taken as the schema states them, never coerced ------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("resource, field, value", [
    ("parties", "country", {}),             # was stored as "no country"
    ("parties", "country", 0),
    ("prisoners", "confirm_distinct", 0),   # was taken as false
    ("prisoners", "birth_year", "1990"),    # was taken as 1990
    ("prisoners", "birth_year", 1990.0),
    ("prisoners", "citizenships", [{}]),
    ("releases", "announced_total_is_minimum", "yes"),
    ("releases", "announced_total", True),
    ("parties", "parent", "1"),             # an id as a string
    ("prisoners", "version", "1"),
])
def test_a_value_of_another_json_type_is_a_400_naming_it(client, editor, resource, field, value):
    from releases.models import Party, Prisoner, ReleaseEvent
    bodies = {
        "parties": {"slug": "p", "name": "P", "kind": "other"},
        "prisoners": {"slug": "x", "preferred_name": "X", "confirm_distinct": True},
        "releases": {"slug": "r", "title": "R", "kind": "other", "date_from": "2025-01-01"},
    }
    models = {"parties": Party, "prisoners": Prisoner, "releases": ReleaseEvent}
    f.PartyFactory(pk=1)
    before = models[resource].objects.count()
    client.force_login(editor)
    response = client.post(f"{API}{resource}/", {**bodies[resource], field: value},
                           content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert models[resource].objects.count() == before


# -- the filters' values are all in the schema -------------------------------------------------

def query_parameter(schema, path, name):
    return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)


@pytest.mark.django_db
@pytest.mark.parametrize("path, name", [
    ("/api/v1/releases/", "country"), ("/api/v1/releases/", "citizenship"),
    ("/api/v1/prisoners/", "citizenship"), ("/api/v1/parties/", "country"),
])
def test_country_filters_list_the_iso_codes_and_empty_for_any(schema, client, path, name):
    values = query_parameter(schema, path, name)["schema"]["enum"]
    assert values[0] == "" and {"BY", "LT", "US"} <= set(values) and len(values) > 240
    assert client.get(path, {name: "BY"}).status_code == 200
    assert client.get(path, {name: ""}).status_code == 200
    assert client.get(path, {name: "]"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("path, name", [
    ("/api/v1/releases/", "updated_since"), ("/api/v1/releases/", "date_after"),
    ("/api/v1/sources/", "published_before"), ("/api/v1/withdrawals/", "since"),
])
def test_empty_dates_are_documented_as_any(schema, client, path, name):
    options = query_parameter(schema, path, name)["schema"]["anyOf"]
    assert {"type": "string", "enum": [""]} in options
    assert any(option.get("format", "").startswith("date") for option in options)
    assert client.get(path, {name: ""}).status_code == 200
    assert client.get(path, {name: "yesterday"}).status_code == 400


@pytest.mark.django_db
def test_choice_filters_document_empty_for_any(schema, client):
    kinds = query_parameter(schema, "/api/v1/releases/", "kind")["schema"]["enum"]
    assert kinds[0] == "" and "deportation" in kinds
    assert client.get("/api/v1/releases/", {"kind": ""}).status_code == 200


@pytest.mark.django_db
def test_id_filters_start_at_one(schema):
    for name in ("release", "prisoner", "party", "source"):
        assert query_parameter(schema, "/api/v1/citations/", name)["schema"]["minimum"] == 1


@pytest.mark.django_db
def test_every_operation_documents_the_servers_414(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "414" in operation["responses"], (method, path)


@pytest.mark.django_db
@pytest.mark.parametrize("path, name", [("/api/v1/sources/", "q"), ("/api/v1/sources/", "outlet"),
                                        ("/api/v1/releases/", "q")])
def test_free_text_filters_say_a_nul_is_refused(schema, client, path, name):
    import re
    pattern = query_parameter(schema, path, name)["schema"]["pattern"]
    assert re.search(pattern, "Maushuk ў") and not re.search(pattern, "a\x00b")
    response = client.get(path, {name: "a\x00b"})
    assert response.status_code == 400 and name in response.json()
