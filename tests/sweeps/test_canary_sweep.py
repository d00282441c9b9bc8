"""Trust: nothing leaks. The canary sweep.

Every private field and every unpublished record holds a unique marker (tests/support/canary.py).
An anonymous client then fetches every public URL the project has: the pages, every GET
operation of the OpenAPI schema with every documented parameter, every id, every format,
the schema, the docs, the browsable API and the errors. No marker may appear in any body or
header, and no unpublished record may have a detail. Then every unpublished record is
deleted and each answer fetched again: it must not change (drafts neither inflate counts
nor answer differently from ids that never existed).
"""
import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import django_filters as filters
import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import get_resolver, resolve
from django.urls.exceptions import Resolver404
from rest_framework.throttling import AnonRateThrottle

from releases import filters as release_filters
from releases import models as m
from releases.web import statistics
from releases.api.urls import router
from tests.support import canary
from tests.support import factories as f
from tests.support.routes import walk_routes

API = "/api/v1/"
RESOURCE_MODELS = {"releases": m.ReleaseEvent, "prisoners": m.Prisoner, "parties": m.Party,
                   "sources": m.Source, "citations": m.Citation}
PAGE_MODELS = {"releases": m.ReleaseEvent, "people": m.Prisoner, "parties": m.Party, "sources": m.Source}
DATES = ["2025-01-01", "2025-02-12", "2025-03-03"]
SINCE = ["2000-01-01T00:00:00Z", canary.SINCE_HIDDEN_ONLY]
PUBLIC_WORDS = ["Maushuk", "Movshuk", "Public", "canary"]
BROWSABLE = "text/html"
# Routes not crawled, each with its reason. Everything under settings.ADMIN_PATH is the
# editors' admin (login required) and is left out as a whole.
EXCLUDED_ROUTES = {}
# What the sweep has found and is not fixed yet: (pattern of a problem line, reason), each
# also pinned by a strict xfail so that it fails the day it is fixed. Empty: the sweep's
# first findings (drafts changing updated_since, a 500 on withdrawals.json, a page that did
# not say why ?ordering= was refused) are fixed and their tests below pass.
KNOWN_PROBLEMS: list = []


@dataclass(frozen=True)
class Req:
    section: str
    path: str
    accept: str = ""
    method: str = "GET"
    expect: tuple = (200, 400)
    diff: bool = True       # fetched again once the unpublished records are deleted
    zero: bool = False      # a list that must find nothing

    def __str__(self):
        return f"{self.method} {self.path}" + (f" [Accept: {self.accept}]" if self.accept else "")


def query(path, **params):
    return f"{path}?{urlencode(params)}" if params else path


def filter_values(name, flt, w):
    """The values a sweep tries for one filter of a FilterSet."""
    if isinstance(flt, filters.OrderingFilter):
        return [value for value, _ in flt.extra["choices"]]
    if isinstance(flt, filters.ModelChoiceFilter):
        return [str(pk) for ids in w.ids(flt.queryset.model) for pk in ids]
    if isinstance(flt, filters.IsoDateTimeFilter):
        return SINCE
    if isinstance(flt, filters.DateFilter):
        return DATES
    if isinstance(flt, filters.ChoiceFilter):
        choices = flt.extra["choices"]
        values = [value for value, _ in (choices() if callable(choices) else choices)]
        if "TV" in values:  # countries: the ones the world uses, public and hidden
            used = canary.PUBLIC_COUNTRIES + [c for cs in canary.HIDDEN_COUNTRIES.values() for c in cs]
            assert set(used) <= set(values), name
            return sorted(set(used))
        return values
    if isinstance(flt, filters.CharFilter):
        return PUBLIC_WORDS + w.search_markers()
    raise AssertionError(f"the sweep has no values for filter {name!r} ({type(flt).__name__})")


def is_zero(value):
    """A filter value only unpublished records (or private fields) match."""
    hidden_countries = {c for cs in canary.HIDDEN_COUNTRIES.values() for c in cs}
    return bool(canary.MARKER.search(value.encode())) or value in hidden_countries or value == "canary"


def page_values(name, flt, w):
    """The values the pages try: each filter's hidden-only values and one public value. The
    pages use the API's own FilterSet, which the API lists sweep with every value; a page
    costs five API answers (its forms list every country)."""
    values = filter_values(name, flt, w)
    if isinstance(flt, filters.CharFilter):
        return PUBLIC_WORDS[:1] + ["canary"] + w.search_markers()[::12]
    if isinstance(flt, filters.ModelChoiceFilter):
        published, hidden, unknown = w.ids(flt.queryset.model)
        return [str(pk) for pk in published[:1] + hidden[:1] + unknown]
    return [v for v in values if is_zero(v)][:2] + [v for v in values if not is_zero(v)][:1]


def page_requests(w):
    reqs = [Req("pages", "/"), Req("pages", "/?page=2"), Req("pages", "/statistics/"), Req("pages", "/feed/")]
    for name, flt in release_filters.ReleaseFilter.base_filters.items():
        values = page_values(name, flt, w)
        for path in ("/", "/statistics/", "/feed/"):
            for value in values if path != "/statistics/" else values[:2]:
                reqs.append(Req("pages", query(path, **{name: value}), zero=is_zero(value), diff=not is_zero(value)))
    for table in statistics.TABLES:
        for params in ({}, {"citizenship": "TV"}, {"country": "KI"}, {"q": w.search_markers()[0]}):
            reqs.append(Req("pages", query("/statistics/", **params, table=table, format="csv"),
                            zero=bool(params), diff=not params))
    for prefix, model in PAGE_MODELS.items():
        published, hidden, unknown = w.ids(model)
        reqs += [Req("pages", f"/{prefix}/{pk}/", expect=(200,)) for pk in published]
        reqs += [Req("pages", f"/{prefix}/{pk}/", expect=(404,)) for pk in hidden + unknown]
    for old, survivor in w.redirects.items():
        reqs.append(Req("pages", f"/people/{old}/", expect=(301,) if survivor else (404,)))
    for prefix, model in (("pages", m.Page), ("collections", m.Collection)):
        for record in model.objects.all():
            reqs.append(Req("pages", f"/{prefix}/{record.slug}/", expect=(200,) if record.is_published else (404,)))
        reqs.append(Req("pages", f"/{prefix}/no-such-slug/", expect=(404,)))
    return reqs


def api_requests(w, schema):
    """Every GET operation of the schema, with every documented parameter and every id."""
    reqs = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        resource = path.removeprefix(API).split("/")[0]
        if "{" not in path:
            reqs += list_requests(w, path, resource, operations["get"].get("parameters", []))
            continue
        assert path == f"{API}{resource}/{{id}}/", f"the sweep does not know how to fill {path}"
        assert resource in RESOURCE_MODELS, f"the sweep does not know the ids of {resource}"
        published, hidden, unknown = w.ids(RESOURCE_MODELS[resource])
        for ids, expect in ((published, (200,)), (hidden + unknown, (404,))):
            for i, pk in enumerate(ids):
                variants = [({}, ""), ({"format": "csv"}, ""), ({}, BROWSABLE)]
                if i == 0:
                    variants += [({"format": "json"}, ""), ({"format": "api"}, ""), ({}, "text/csv")]
                for params, accept in variants:
                    reqs.append(Req("api-details", query(f"{API}{resource}/{pk}/", **params), accept,
                                    expect=expect, diff=accept != BROWSABLE and params.get("format") != "api"))
            for suffix in ("json", "csv", "api"):
                reqs.append(Req("api-details", f"{API}{resource}/{ids[0]}.{suffix}", expect=expect,
                                diff=suffix != "api"))
        if resource == "prisoners":
            for old, survivor in w.redirects.items():
                reqs.append(Req("api-details", f"{API}prisoners/{old}/", expect=(301,) if survivor else (404,)))
    return reqs


def list_requests(w, path, resource, parameters):
    section = "api-lists"
    csv = (200,) if resource != "withdrawals" else (400, 406)  # withdrawals are JSON only
    sync = resource == "withdrawals"  # drop-lists change by design when records are deleted
    reqs = [Req(section, path, expect=(200,), diff=not sync), Req(section, path, "text/csv", expect=csv),
            Req(section, path, BROWSABLE, expect=(200,), diff=False),
            Req(section, query(path, format="api"), expect=(200,), diff=False)]
    reqs += [Req(section, f"{path.rstrip('/')}.{suffix}", expect=csv if suffix == "csv" else (200,),
                 diff=suffix != "api" and not sync) for suffix in ("json", "csv", "api")]
    filterset = getattr(resolve(path).func.cls, "filterset_class", None)
    base_filters = filterset.base_filters if filterset else {}
    for parameter in parameters:
        name = parameter["name"]
        if name in base_filters:
            values = filter_values(name, base_filters[name], w)
        elif name in ("page", "page_size", "format", "since"):
            values = {"page": ["1", "last"], "page_size": ["1", "500"], "format": ["json", "csv", "api"],
                      "since": SINCE}[name]
        else:
            raise AssertionError(f"the sweep has no values for {path}?{name}=")
        for i, value in enumerate(values):
            # CSV rows are built apart from JSON items, but filtered by the same FilterSet:
            # the first value of each filter is enough to reach them.
            formats = ("json", "csv") if i == 0 and name != "format" and resource != "withdrawals" else ("json",)
            for fmt in formats:
                params = {name: value, **({"format": fmt} if fmt != "json" else {})}
                reqs.append(Req(section, query(path, **params), zero=is_zero(value),
                                diff=resource != "withdrawals" and params.get("format") != "api" and not is_zero(value)))
    if filterset is not None:
        browsable_filter = next(iter(base_filters))
        value = filter_values(browsable_filter, base_filters[browsable_filter], w)[0]
        reqs.append(Req(section, query(path, **{browsable_filter: value}), BROWSABLE, diff=False))
    return reqs


def other_requests(w, schema):
    """The API root, the schema, the docs, OPTIONS and anonymous writes, errors."""
    section = "other"
    reqs = [Req(section, API, expect=(200,)), Req(section, API, BROWSABLE, expect=(200,), diff=False),
            Req(section, f"{API}.json", expect=(200,)), Req(section, f"{API}schema/", expect=(200,)),
            Req(section, f"{API}schema/?format=json", expect=(200,)), Req(section, f"{API}docs/", expect=(200,))]
    draft_person = w.unpublished[m.Prisoner][0]
    for path, operations in schema["paths"].items():
        ids = [w.ids(RESOURCE_MODELS[path.removeprefix(API).split("/")[0]])[i][0] for i in (0, 1)] \
            if "{id}" in path else [None]
        for pk in ids:
            concrete = path.replace("{id}", str(pk))
            reqs.append(Req(section, concrete, method="OPTIONS", expect=(200,)))
            for method in sorted(set(operations) - {"get", "parameters"}):
                # Anonymous: 401, whatever the body; no duplicate candidates, no echo of drafts.
                reqs.append(Req(section, concrete, method=method.upper(), expect=(401,), diff=False))
    reqs += [
        Req(section, "/no-such-page/", expect=(404,)), Req(section, f"{API}no-such-resource/", expect=(404,)),
        Req(section, f"{API}releases/?date_after=2025-13-45", expect=(400,)),
        Req(section, f"{API}releases/?contry=BY", expect=(400,)),
        Req(section, f"{API}releases/{draft_person.pk}x/", expect=(404,)),
        Req(section, "/?date_after=2025-13-45", expect=(400,)), Req(section, "/feed/?kind=nope", expect=(400,)),
        Req(section, "/statistics/?country=XX", expect=(400,)),
        Req(section, "/robots.txt", expect=(200, 404)), Req(section, "/sitemap.xml", expect=(200, 404)),
    ]
    return reqs


def crawl_plan(client, w):
    schema_response = client.get(f"{API}schema/?format=json")
    assert schema_response.status_code == 200
    schema = json.loads(schema_response.content)
    return page_requests(w) + api_requests(w, schema) + other_requests(w, schema)


# -- fetching and judging ---------------------------------------------------------------------

def fetch(client, req, w):
    headers = {"Accept": req.accept} if req.accept else {}
    if req.method in ("GET", "OPTIONS"):
        response = getattr(client, req.method.lower())(req.path, headers=headers)
    else:
        person = w.unpublished[m.Prisoner][0]
        body = {"preferred_name": person.preferred_name, "name": person.preferred_name, "title": person.slug}
        response = client.generic(req.method, req.path, json.dumps(body), content_type="application/json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "\n".join(f"{k}: {v}" for k, v in response.items()).encode()
    return response.status_code, body, headers


def leaked(req, body, headers, w):
    """Markers in the answer that the request did not send itself (a search echoed back)."""
    sent = {token.decode().upper() for token in canary.MARKER.findall(req.path.encode())}
    if req.method not in ("GET", "OPTIONS"):
        sent |= {w.unpublished[m.Prisoner][0].preferred_name, w.unpublished[m.Prisoner][0].slug}
    found = {token.decode().upper() for blob in (body, headers) for token in canary.MARKER.findall(blob)}
    return sorted(found - sent)


def finds_nothing(req, status, body):
    if status != 200:
        return True  # judged by the status check
    if req.path.startswith("/statistics/") and "table=" in req.path:
        return len(body.decode().splitlines()) == 1
    if req.path.startswith("/statistics/"):
        return b"No release matches these filters." in body
    if req.path.startswith("/feed/"):
        return b"<entry>" not in body
    if req.path.startswith("/?"):
        return re.search(rb"(?<!\d)0 releases match", body) is not None
    if "format=csv" in req.path:
        return len(body.decode().splitlines()) == 1
    data = json.loads(body)
    return data["count"] == 0 and data["results"] == []


def normalized(status, body):
    if body[:1] in (b"{", b"["):
        return status, json.loads(body)
    return status, re.sub(rb"<updated>[^<]*</updated>", b"", body)


def judge(client, req, w):
    """The problems with one answer, each a line naming the URL."""
    status, body, headers = fetch(client, req, w)
    problems = [f"{req}: {token} ({w.markers.get(token, 'unregistered marker')})"
                for token in leaked(req, body, headers, w)]
    if status not in req.expect:
        problems.append(f"{req}: status {status}, expected {' or '.join(map(str, req.expect))}")
    elif status == 400 and req.path.startswith(API) and "?" in req.path and body[:1] == b"{":
        named = set(json.loads(body))
        if not named & set(re.findall(r"[?&]([^=&]+)=", req.path)):
            problems.append(f"{req}: a 400 that names no parameter of the request: {body[:200]!r}")
    if req.zero and not finds_nothing(req, status, body):
        problems.append(f"{req}: found something, though only unpublished or private data matches")
    return problems, normalized(status, body)


def known(problem):
    return any(pattern.search(problem) for pattern, _ in KNOWN_PROBLEMS)


@pytest.fixture
def anonymous(client, monkeypatch):
    """The test client as an anonymous reader, neither throttled nor raising server errors
    (a 500 is an answer to judge)."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})
    client.raise_request_exception = False
    return client


@pytest.fixture
def world(db):
    return canary.build_world()


def test_the_world_fills_every_private_field_and_every_hidden_row(world):
    assert canary.uncovered() == []
    assert len(world.markers) == len(set(world.markers)) > 100
    assert all(re.fullmatch(r"[A-Z0-9-]+", token) for token in world.markers)


def test_every_public_route_is_crawled(anonymous, world):
    crawled = set()
    for req in crawl_plan(anonymous, world):
        try:
            crawled.add(resolve(urlsplit(req.path).path).route)
        except Resolver404:
            pass
    public = {route for route in walk_routes(get_resolver().url_patterns)
              if not route.startswith(settings.ADMIN_PATH)}
    assert sorted(public - crawled - set(EXCLUDED_ROUTES)) == []


def test_no_marker_leaks_and_drafts_change_no_answer(anonymous, world):
    plan = crawl_plan(anonymous, world)
    problems, answers = [], {}
    for req in plan:
        found, answer = judge(anonymous, req, world)
        problems += found
        if req.diff:
            answers[req] = answer
    canary.delete_unpublished()
    cache.clear()
    for req, before in answers.items():
        _, after = judge(anonymous, req, world)
        if after != before:
            problems.append(f"{req}: the answer changes once unpublished records are deleted: "
                            f"{str(before)[:300]} -> {str(after)[:300]}")
    unexpected = [p for p in problems if not known(p)]
    assert not unexpected, f"{len(unexpected)} problems in {len(plan) + len(answers)} requests:\n" + "\n".join(unexpected)


def test_the_base_lists_count_exactly_the_published_records(anonymous, world):
    for resource, model in RESOURCE_MODELS.items():
        data = anonymous.get(f"{API}{resource}/").json()
        assert data["count"] == len(world.ids(model)[0]), resource
    for url in (f"{API}releases/?citizenship=TV", f"{API}prisoners/?citizenship=TV",
                f"{API}parties/?country=NR", f"{API}releases/?country=KI"):
        assert anonymous.get(url).json()["count"] == 0, url
    withdrawals = anonymous.get(f"{API}withdrawals/").json()["results"]
    # Records once public: the withdrawn ones, and the merged-away people (deleted).
    assert {(w["resource"], w["id"]) for w in withdrawals} == {
        (resource, pk) for resource, ids in world.withdrawn.items() for pk in ids
    } | {("prisoners", old) for old in world.redirects}


@pytest.mark.parametrize("url", [
    f"{path}?updated_since={canary.SINCE_HIDDEN_ONLY}" for path in (f"{API}releases/", "/", "/feed/")])
def test_a_change_to_a_draft_does_not_change_updated_since(anonymous, world, url):
    req = Req("updated since", url)
    status, body = fetch(anonymous, req, world)[:2]
    # Since then only hidden records changed: nothing public matches, drafts or not.
    assert status == 200 and finds_nothing(req, status, body), body[:300]
    before = normalized(status, body)
    canary.delete_unpublished()
    after = normalized(*fetch(anonymous, req, world)[:2])
    assert before == after


@pytest.mark.parametrize("url", [f"{API}withdrawals.json", f"{API}withdrawals.api"])
def test_withdrawals_answer_with_a_format_suffix(anonymous, db, url):
    assert anonymous.get(url).status_code == 200


# -- ordering and filtering accept public fields only -----------------------------------------

LISTS = [f"{API}{prefix}/" for prefix, _, _ in router.registry] + ["/", "/statistics/", "/feed/"]
PRIVATE_NAMES = ["internal_notes", "publication_status", "created_at", "people_named", "released_citizenships"]


@pytest.fixture
def one_of_each(db):
    """One published record of each resource, its internal notes a marker."""
    w = canary.World()
    for factory in (f.ReleaseEventFactory, f.PrisonerFactory, f.PartyFactory, f.SourceFactory):
        w.private(factory)
    return w


def shown_text(body):
    """A page without the places that echo the request's own query (links, form values)."""
    return re.sub(rb'(?:href|value|action)="[^"]*"', b"", body).decode()


def listed(body):
    """What a list page shows: the releases it links to, the figures of its tables."""
    return re.findall(rb"/releases/\d+/|<td>\d+</td>", body)


@pytest.mark.parametrize("url", [url for url in LISTS if url not in ("/", "/statistics/")]
                         + ["/", "/statistics/"])
def test_ordering_by_a_private_field_is_a_400_naming_ordering(anonymous, one_of_each, url):
    for name in PRIVATE_NAMES:
        for value in (name, f"-{name}", f"date,{name}"):
            response = anonymous.get(query(url, ordering=value))
            assert response.status_code == 400, value
            if url.startswith(API):
                assert list(response.json()) == ["ordering"], value
            else:
                assert "ordering" in shown_text(response.content), f"{value}: the page does not say what is wrong"


@pytest.mark.parametrize("url", LISTS)
def test_a_private_field_is_not_a_filter(anonymous, one_of_each, url):
    note = next(iter(one_of_each.markers))
    unfiltered = listed(anonymous.get(url).content)
    for name in PRIVATE_NAMES:
        for parameter in (name, f"{name}__icontains", f"{name}__startswith"):
            response = anonymous.get(query(url, **{parameter: note}))
            if url.startswith(API):
                assert response.status_code == 400, parameter
                assert list(response.json()) == [parameter]
            else:
                # The pages ignore what is not one of their filters: never narrowed by it.
                assert response.status_code == 200, parameter
                assert unfiltered and listed(response.content) == unfiltered, parameter
