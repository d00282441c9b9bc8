"""Hostile input everywhere (the corpus in tests/support/hostile.py): every public page and every
GET operation of the schema with each hostile value in each parameter, every API write
with each hostile value in each writable field (nested rows included), every admin add
form and changelist, and hostile requests as such (bodies, methods, sizes).

What is asserted: never a 5xx; a refusal is a 4xx that names what was refused and stores
nothing (row and history counts unchanged); what is accepted is stored verbatim and shown
escaped, and no ``javascript:`` URL is ever stored or rendered as a link.

Each test collects its problems (one line per request) and asserts there are none, so one
run shows every failing value, not just the first.
"""
import html.parser
import json
import re
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.test import Client
from django.urls import get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers as drf
from rest_framework.throttling import AnonRateThrottle

from releases import filters as release_filters
from releases import models as m
from releases.api import writers
from tests.support import factories as f
from tests.support import hostile
from tests.support.api import API, detail_url, list_url, new_body, script, stored
from tests.support.routes import walk_routes

ADMIN = "/" + settings.ADMIN_PATH
SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
JAVASCRIPT_HREF = re.compile(rb"""(?i)(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data):""")
RAW_SCRIPT = re.compile(r"(?i)<script>alert|<img src=x onerror")


# -- shared --------------------------------------------------------------------------------

@pytest.fixture
def anonymous(monkeypatch):
    """A reader that is neither throttled nor shielded from server errors (a 500 is an answer)."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})
    return Client(raise_request_exception=False)


@pytest.fixture
def world(db):
    """One published record of each kind, tied together, so lists and pages have rows to show."""
    release, person, party, source = (f.ReleaseEventFactory(), f.PrisonerFactory(), f.PartyFactory(),
                                      f.SourceFactory())
    f.ReleasedPersonFactory(release=release, prisoner=person)
    f.PartyRoleFactory(release=release, party=party)
    f.CitationFactory(release=release, source=source)
    collection = f.CollectionFactory()
    f.CollectionItemFactory(collection=collection, release=release)
    return {"releases": release, "prisoners": person, "parties": party, "sources": source,
            "citations": m.Citation.objects.get(), "pages": f.PageFactory(), "collections": collection}


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# A page's error messages: the form's own (class "error", id "id_<field>_error", text led by the
# field's label) and those of parameters the form does not show (class "errors", "<name>: ...").
ERROR_ELEMENTS = re.compile(rb'<(?:p|div) class="errors?"([^>]*)>(.*?)</(?:p|div)>', re.S)
FILTER_LABELS = {name: str(flt.label) for name, flt in release_filters.ReleaseFilter.base_filters.items()
                 if flt.label}


def names_it(response, name):
    """Whether a 4xx answer names ``name``: a key of its JSON; on a page, an error message
    shown for that field or naming it (not merely the word somewhere in the page's form);
    else the word in its text."""
    body = body_of(response)
    if body[:1] == b"{":
        errors = json.loads(body)
        return name in errors or name in json.dumps(errors)
    if b"<html" in body[:500].lower() or b"<!doctype" in body[:500].lower():
        wanted = [name.encode(), FILTER_LABELS.get(name, name).encode()]
        return any(f'id="id_{name}_error"'.encode() in attributes or any(w in text for w in wanted)
                   for attributes, text in ERROR_ELEMENTS.findall(body))
    return name.encode() in body


def judge_get(client, url, name=None, expect=None):
    """Problem lines for one GET: a 5xx, a status outside ``expect``, a 400 that does not
    name ``name``, a javascript: link."""
    response = client.get(url)
    status, where = response.status_code, f"GET {url[:160]}"
    if status >= 500:
        return [f"{where}: {status}"]
    problems = []
    if expect and status not in expect:
        problems.append(f"{where}: {status}, expected one of {expect}")
    if status == 400 and name and not names_it(response, name):
        problems.append(f"{where}: a 400 that does not name {name!r}: {body_of(response)[:200]!r}")
    if JAVASCRIPT_HREF.search(body_of(response)):
        problems.append(f"{where}: renders a javascript:/data: link")
    return problems


# -- 1. every public page and every GET operation, each parameter, each hostile value -----------

def filter_kind(flt):
    if isinstance(flt, release_filters.filters.ModelChoiceFilter):
        return "integer"
    if isinstance(flt, release_filters.filters.IsoDateTimeFilter):
        return "date-time"
    if isinstance(flt, release_filters.filters.DateFilter):
        return "date"
    if isinstance(flt, (release_filters.filters.ChoiceFilter, release_filters.filters.OrderingFilter)):
        return "choice"
    return "string"


def parameter_kind(parameter):
    schema = parameter["schema"]
    if parameter["name"].endswith("since") or schema.get("format") == "date-time":
        return "date-time"
    if schema.get("format") == "date":
        return "date"
    if schema.get("type") == "integer":
        return "integer"
    if "enum" in schema or "enum" in schema.get("items", {}):
        return "choice"
    return "string"


def public_routes():
    """The URLconf's routes outside the admin and the API (the schema covers the API)."""
    return sorted(route for route in walk_routes(get_resolver().url_patterns)
                  if not route.startswith((settings.ADMIN_PATH, API.strip("/"))))


# A page's query parameters: the shared FilterSet's, and the page's own.
PAGE_PARAMETERS = {**{name: filter_kind(flt) for name, flt in release_filters.ReleaseFilter.base_filters.items()},
                   "page": "integer", "table": "string", "format": "choice"}
PATH_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@pytest.mark.parametrize("route", public_routes())
def test_every_public_page_survives_hostile_parameters(anonymous, world, route):
    problems = []
    if PATH_PARAMETER.search(route):
        # A detail page: hostile ids and slugs are 404, hostile query parameters are ignored.
        for value in hostile.PATH_IDS.values():
            problems += judge_get(anonymous, "/" + PATH_PARAMETER.sub(value, route), expect=(404,))
        record = world[route.split("/")[0].replace("people", "prisoners")]
        url = record.get_absolute_url() + "?" + "&".join(
            f"{name}={hostile.QUERY['nul']}&{name}={hostile.QUERY['invalid utf-8']}" for name in PAGE_PARAMETERS)
        problems += judge_get(anonymous, url, expect=(200,))
    else:
        for name, kind in PAGE_PARAMETERS.items():
            for value in hostile.for_page(kind).values():
                problems += judge_get(anonymous, f"/{route}?{name}={value}", name=name)
    assert not problems, "\n".join(problems)


def get_operations():
    return [(path, op) for path, operations in SCHEMA["paths"].items()
            for method, op in operations.items() if method == "get"]


@pytest.mark.parametrize("path, operation", get_operations(), ids=[p for p, _ in get_operations()])
def test_every_get_operation_survives_hostile_parameters(anonymous, world, path, operation):
    problems = []
    resource = path.removeprefix(API).split("/")[0]
    concrete = path.replace("{id}", str(world[resource].pk)) if "{id}" in path else path
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            for value in hostile.PATH_IDS.values():
                problems += judge_get(anonymous, path.replace(f"{{{name}}}", value), expect=(400, 404))
            continue
        for value in hostile.for_query(parameter_kind(parameter)).values():
            problems += judge_get(anonymous, f"{concrete}?{name}={value}", name=name, expect=(200, 400, 404, 406))
    # A parameter the schema does not list is a 400 naming it, whatever its value.
    for value in ("1", hostile.QUERY["nul"], hostile.QUERY["invalid utf-8"]):
        problems += judge_get(anonymous, f"{concrete}?bogus={value}", name="bogus", expect=(400,))
    assert not problems, "\n".join(problems)


BIG = "10" + "0" * 30


@pytest.mark.parametrize("name, value, status", [
    ("page_size", BIG, 200), ("page_size", hostile.HUGE_DIGITS, 200),   # capped
    ("page", BIG, 404), ("page", hostile.HUGE_DIGITS, 404),             # past the last page
    ("page_size", "0", 400), ("page", "0", 400),
    ("limit", "100000", 400), ("offset", "100000", 400),                # not parameters here
    ("page", "last", 200),
])
def test_huge_page_sizes_and_numbers_are_capped_or_4xx(anonymous, world, monkeypatch, name, value, status):
    from releases.api.pagination import Pagination

    f.ReleaseEventFactory()  # two published releases, and a cap of one: a cap that held nothing back would show
    monkeypatch.setattr(Pagination, "max_page_size", 1)
    for resource in ("releases", "withdrawals"):
        response = anonymous.get(f"{API}{resource}/?{name}={value}")
        assert response.status_code == status, (resource, response.status_code)
        if status == 400:
            assert name in response.json(), response.json()
    if name == "page_size" and status == 200:
        assert len(anonymous.get(f"{API}releases/?{name}={value}").json()["results"]) == 1
    # The timeline pages by itself (a page past the end shows the last one) and ignores the rest.
    assert anonymous.get(f"/?{name}={value}").status_code == 200


# -- 2. every API write: each writable field, each hostile value -------------------------------

WRITE_SERIALIZERS = {
    "releases": writers.ReleaseWriteSerializer, "prisoners": writers.PrisonerWriteSerializer,
    "parties": writers.PartyWriteSerializer, "sources": writers.SourceWriteSerializer,
    "citations": writers.CitationWriteSerializer,
}
# A valid nested row, to which one hostile value is added.
NESTED_ROWS = {
    "released_people": lambda: {"prisoner": f.PrisonerFactory().pk},
    "party_roles": lambda: {"party": f.PartyFactory().pk, "role": "envoy"},
    "names": lambda: {"text": "Another spelling"},
}


def model_field(serializer, name):
    model = serializer.Meta.model
    source = serializer.fields[name].source
    try:
        return model._meta.get_field(source)
    except FieldDoesNotExist:  # a serializer-only field, e.g. confirm_distinct
        return None


def field_kind(serializer, name):
    field = serializer.fields[name]
    if isinstance(field, drf.ListSerializer):
        return "nested"
    if isinstance(field, drf.ListField):
        return "list"
    if isinstance(field, drf.PrimaryKeyRelatedField):
        return "id"
    if isinstance(field, drf.BooleanField):
        return "boolean"
    if isinstance(field, drf.ChoiceField):
        return "choice"
    if isinstance(field, drf.DateField):
        return "date"
    if isinstance(field, drf.IntegerField):
        return "integer"
    if isinstance(model_field(serializer, name), models.URLField):
        return "url"
    if isinstance(field, drf.CharField):
        return "text"
    raise AssertionError(f"the corpus has no values for {type(field).__name__} {name}")


def writable_fields():
    """(resource, field, nested field or None, kind) for every writable field of every write
    serializer, nested rows' fields included."""
    found = []
    for resource, serializer_class in WRITE_SERIALIZERS.items():
        serializer = serializer_class()
        for name, field in serializer.fields.items():
            if field.read_only:
                continue
            found.append((resource, name, None, field_kind(serializer, name)))
            if isinstance(field, drf.ListSerializer):
                child = field.child
                for sub, subfield in child.fields.items():
                    if not subfield.read_only:
                        found.append((resource, name, sub, field_kind(child, sub)))
    return found


WRITABLE = writable_fields()


def with_value(resource, name, sub, value):
    body = new_body(resource)
    if sub is None:
        body[name] = value
    else:
        body[name] = [{**NESTED_ROWS[name](), sub: value}]
    return body


def stored_value(record, resource, name):
    serializer = WRITE_SERIALIZERS[resource]()
    return getattr(record, serializer.fields[name].source)


def send(client, method, url, body):
    """A JSON body as a script's JSON library writes it: ASCII, with escapes (a lone surrogate
    is the valid escape \\ud800, though no UTF-8 encoder would produce it)."""
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def judge_write(response, before, resource, name, sub, kind, value, where):
    """Problem lines for one write answer (see the module docstring)."""
    status = response.status_code
    if status >= 500:
        return [f"{where}: {status}"]
    if status >= 400:
        problems = [] if stored() == before else [f"{where}: refused ({status}) but stored rows changed"]
        if status not in ((400, 409, 412) if name == "version" else (400,)):
            problems.append(f"{where}: {status}, expected 400: {response.content[:200]!r}")
        elif not names_it(response, name):
            problems.append(f"{where}: a 400 that does not name {name!r}: {response.content[:200]!r}")
        return problems
    record = WRITE_SERIALIZERS[resource].Meta.model.objects.get(pk=response.json()["id"])
    problems = []
    if sub is None and kind == "text" and isinstance(value, str) and stored_value(record, resource, name) != value:
        problems.append(f"{where}: accepted but stored {stored_value(record, resource, name)[:80]!r}")
    if kind == "url" or (sub is None and isinstance(model_field(WRITE_SERIALIZERS[resource](), name),
                                                    models.URLField)):
        url = str(stored_value(record, resource, name)).strip().lower().replace("\t", "")
        if url.startswith(("javascript:", "vbscript:", "data:")):
            problems.append(f"{where}: stored the URL {url[:60]!r}")
    return problems


@pytest.mark.parametrize("resource, name, sub, kind", WRITABLE,
                         ids=[f"{r}.{n}{'.' + s if s else ''}" for r, n, s, _ in WRITABLE])
def test_every_writable_field_refuses_or_stores_hostile_values_verbatim(editor, world, resource, name, sub, kind):
    client = script(editor)
    record = world[resource]
    problems = []
    for label, value in hostile.for_json(kind).items():
        body = with_value(resource, name, sub, value)
        before = stored()
        where = f"POST {resource} {name}{'.' + sub if sub else ''}={label}"
        with transaction.atomic():
            response = send(client, "POST", list_url(resource), body)
            problems += judge_write(response, before, resource, name, sub, kind, value, where)
            transaction.set_rollback(True)
        if kind in ("text", "integer", "date", "id") and label in ("nul", "huge", "year 10000"):
            # PATCH goes through the same serializer, but with a partial body and a version check.
            body = {name: value if sub is None else [{**NESTED_ROWS[name](), sub: value}]}
            before = stored()
            with transaction.atomic():
                response = send(client, "PATCH", detail_url(resource, record), body)
                problems += judge_write(response, before, resource, name, sub, kind, value,
                                        where.replace("POST", "PATCH"))
                transaction.set_rollback(True)
    assert not problems, "\n".join(problems)


# Free text a resource shows, each holding markup that names its field.
def markup(label):
    return f"<script>alert('{label}')</script><img src=x onerror=alert('{label}')>"


def text_fields_of(resource):
    return [(n, s) for r, n, s, k in WRITABLE if r == resource and k == "text" and n != "slug" and s != "slug"]


@pytest.mark.parametrize("resource", list(WRITE_SERIALIZERS))
def test_markup_in_every_text_field_is_stored_verbatim_and_shown_escaped(editor, world, anonymous, resource):
    body = new_body(resource)
    for name, sub in text_fields_of(resource):
        if sub is None:
            body[name] = markup(name)
        else:
            body[name] = [*body.get(name, []), {**NESTED_ROWS[name](), sub: markup(f"{name}.{sub}")}] \
                if not any(sub in row for row in body.get(name, [])) else body[name]
    response = script(editor).post(list_url(resource), body, format="json")
    assert response.status_code == 201, response.content
    model = WRITE_SERIALIZERS[resource].Meta.model
    record = model.objects.get(pk=response.json()["id"])
    for name, sub in text_fields_of(resource):
        if sub is None:
            assert stored_value(record, resource, name) == markup(name), name
    if hasattr(record, "publication_status"):
        model.objects.filter(pk=record.pk).update(publication_status=m.PublicationStatus.PUBLISHED)
    shown = record.release if resource == "citations" else record
    urls = [shown.get_absolute_url(), f"{API}{resource}/{record.pk}/?format=api", "/", "/feed/",
            f"{ADMIN}{shown._meta.app_label}/{shown._meta.model_name}/{shown.pk}/change/"]
    admin_client = Client(raise_request_exception=False)
    admin_client.force_login(User.objects.create_superuser("root", password="not-used-here"))
    problems = []
    for url in urls:
        response = (admin_client if url.startswith(ADMIN) else anonymous).get(url)
        if response.status_code != 200:
            problems.append(f"GET {url}: {response.status_code}")
            continue
        page = body_of(response).decode()
        if RAW_SCRIPT.search(page):
            problems.append(f"GET {url}: renders markup unescaped: "
                            f"{page[RAW_SCRIPT.search(page).start() - 80:][:200]!r}")
    api = anonymous.get(detail_url(resource, record)).json()
    assert all(api[name] == markup(name) for name, sub in text_fields_of(resource)
               if sub is None and name in api), api
    assert "&lt;script&gt;alert(" in anonymous.get(shown.get_absolute_url()).content.decode()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("header", ['"' + hostile.UNICODE_DIGIT + '"', hostile.UNICODE_DIGIT, hostile.HUGE_DIGITS,
                                    '"' + hostile.HUGE_DIGITS + '"', "-1", '"1", "2"', "W/\"1\"", "\x01"])
def test_a_hostile_if_match_is_refused_and_changes_nothing(editor, world, header):
    before = stored()
    response = script(editor).patch(detail_url("releases", world["releases"]), {"title": "Changed"},
                                    format="json", headers={"If-Match": header})
    assert response.status_code in (400, 409, 412), response.content[:300]
    assert {"If-Match", "field"} & set(response.json()), response.json()
    assert stored() == before


# -- 3. every admin add form and changelist -------------------------------------------------------

class FormParser(html.parser.HTMLParser):
    """The fields of a page's main form, as a browser would post them untouched: name ->
    (value, kind), kind one of text/url/date/number/other."""

    def __init__(self):
        super().__init__()
        self.fields, self.required, self._select, self._textarea = {}, set(), None, None
        self.options = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self.fields.setdefault(name, (None, "other"))
                return
            kind = {"url": "url", "number": "number", "text": "text"}.get(a.get("type", "text"), "other")
            if "vDateField" in a.get("class", ""):
                kind = "date"
            if kind == "text" and "vTimeField" in a.get("class", ""):
                kind = "other"
            self.fields[name] = (a.get("value", ""), kind)
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ("", "text")
        elif tag == "select" and name:
            self._select = name
            self.options[name] = []
            # A multiple select with nothing selected sends nothing at all.
            self.fields[name] = (None if "multiple" in a else "", "other")
        elif tag == "option" and self._select:
            self.options[self._select].append(a.get("value", ""))
            if "selected" in a:
                self.fields[self._select] = (a.get("value", ""), "other")
        if name and "required" in a:
            self.required.add(name)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            value, kind = self.fields[self._textarea]
            self.fields[self._textarea] = (value + data, kind)


def add_form(client, url):
    """The add form's baseline post (required fields filled with plain values) and the kind
    of each field."""
    parser = FormParser()
    parser.feed(client.get(url).content.decode())
    data, kinds = {}, {}
    for name, (value, kind) in parser.fields.items():
        if name in ("csrfmiddlewaretoken", "_save", "_continue", "_addanother") or value is None:
            continue
        kinds[name] = kind
        value = value.strip() if kind == "text" and name in parser.required else value
        if name in parser.required and not value and "-" not in name:  # inline rows stay untouched
            if name in parser.options:
                value = next((o for o in parser.options[name] if o), "")
            else:
                value = {"url": "https://example.org/", "date": "2025-02-12", "number": "1"}.get(
                    kind, "hostile-baseline" if "slug" in name or name == "username" else "Hostile baseline")
        data[name] = value
    if "password1" in data:
        data.update(password1="a-long-enough-Passw0rd", password2="a-long-enough-Passw0rd")
    return data, kinds


def all_counts():
    counts = stored()
    for model in apps.get_models():
        counts[model._meta.label] = model._default_manager.count()
    return counts


def admin_add_urls():
    return [(model, f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/add/")
            for model in admin.site._registry]


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="not-used-here")


def admin_as(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def judge_admin_post(client, url, model, data, name, kind, value, where):
    before = all_counts()
    response = client.post(url, data)
    status = response.status_code
    if status >= 500:
        return [f"{where}: {status}"]
    if status == 200:
        page = response.content.decode()
        problems = [] if "errorlist" in page or "errornote" in page else [f"{where}: 200 without an error list"]
        if all_counts() != before:
            problems.append(f"{where}: refused but stored rows changed")
        if RAW_SCRIPT.search(page):
            problems.append(f"{where}: the re-rendered form shows markup unescaped")
        return problems
    if status == 403:
        return [] if all_counts() == before else [f"{where}: 403 but stored rows changed"]
    if status != 302:
        return [f"{where}: {status}"]
    record = model._default_manager.order_by("-pk").first()
    problems = []
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001  (an inline's field, a password)
        field = None
    if field is not None and kind == "text" and getattr(record, field.attname) != value:
        problems.append(f"{where}: accepted but stored {getattr(record, field.attname)!r:.80}")
    if isinstance(field, models.URLField) and getattr(record, field.attname).strip().lower().startswith(
            ("javascript:", "data:", "vbscript:")):
        problems.append(f"{where}: stored the URL {getattr(record, field.attname)!r}")
    change = client.get(f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/{record.pk}/change/")
    if change.status_code != 200 or RAW_SCRIPT.search(change.content.decode()):
        problems.append(f"{where}: the change page is {change.status_code} or shows markup unescaped")
    if hasattr(record, "publication_status") and hasattr(record, "get_absolute_url"):
        model._default_manager.filter(pk=record.pk).update(publication_status=m.PublicationStatus.PUBLISHED)
        public = Client().get(record.get_absolute_url())
        if public.status_code != 200 or RAW_SCRIPT.search(public.content.decode()):
            problems.append(f"{where}: the public page is {public.status_code} or shows markup unescaped")
    return problems


@pytest.mark.parametrize("model, url", admin_add_urls(), ids=[m_._meta.label for m_, _ in admin_add_urls()])
def test_every_admin_add_form_refuses_or_escapes_hostile_values(superuser, editor, world, model, url):
    problems = []
    for user, full in ((superuser, True), (editor, False)):
        client = admin_as(user)
        if client.get(url).status_code == 403:
            continue
        baseline, kinds = add_form(client, url)
        if user is superuser and model._meta.app_label == "releases":
            # The baseline itself is accepted, or no hostile value could ever be.
            with transaction.atomic():
                response = client.post(url, baseline)
                assert response.status_code == 302, (url, response.context and [
                    (f.prefix, f.errors) for fs in response.context["inline_admin_formsets"] for f in fs.formset.forms
                    if f.errors] + [response.context["adminform"].form.errors], re.findall(
                    r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S))
                transaction.set_rollback(True)
        inline_rows_tried = set()
        for name, kind in kinds.items():
            if kind == "other" or name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
                continue
            inline = "-" in name
            if inline and (name.rsplit("-", 1)[0], kind) in inline_rows_tried:
                continue  # bounded: one field of each kind per inline row
            inline_rows_tried.add((name.rsplit("-", 1)[0], kind))
            if inline and not full:
                continue  # the editor's pass: the main form only
            values = hostile.for_form(kind)
            if inline or not full:
                values = dict(list(values.items())[:1])  # bounded: one value in inline rows and for the editor
            for label, value in values.items():
                where = f"POST {url} as {user.username}: {name}={label}"
                data = {**baseline, name: value}
                if inline:
                    prefix = name.rsplit("-", 2)[0]
                    data[f"{prefix}-TOTAL_FORMS"] = str(max(1, int(baseline.get(f"{prefix}-TOTAL_FORMS", 0))))
                with transaction.atomic():
                    problems += judge_admin_post(client, url, model, data, name, kind, value, where)
                    transaction.set_rollback(True)
    assert not problems, "\n".join(problems)


def changelist_params(model_admin):
    """Hostile changelist parameters: search, ordering, page, each list filter, the date hierarchy."""
    values = [hostile.QUERY[k] for k in ("nul", "invalid utf-8", "surrogate bytes", "script", "long")]
    params = [("q", v) for v in values]
    params += [("o", v) for v in ("999", "abc", "-", "1.2.-3", hostile.HUGE_DIGITS, "%C2%B2")]
    params += [("p", v) for v in ("-1", "abc", hostile.HUGE_DIGITS, "%C2%B2", "99999")]
    for flt in model_admin.list_filter:
        if isinstance(flt, str):
            params += [(f"{flt}__exact", v) for v in (hostile.QUERY["nul"], "nope", hostile.QUERY["long"][:300])]
            params += [(f"{flt}__id__exact", v) for v in ("abc", hostile.HUGE_DIGITS)]
    if model_admin.date_hierarchy:
        dh = model_admin.date_hierarchy
        params += [(f"{dh}__year", v) for v in ("99999", "-1", "abc", hostile.HUGE_DIGITS)]
        params += [(f"{dh}__month", "13"), (f"{dh}__day", "32"), (f"{dh}__year", "2025"),
                   (f"{dh}__gte", "0000-00-00")]
    params += [("bogus", "1"), ("_to_field", "password"), ("_popup", "%00"), ("all", "")]
    return params


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_every_admin_changelist_survives_hostile_parameters(superuser, world, model):
    client = admin_as(superuser)
    url = f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/"
    problems = []
    for name, value in changelist_params(admin.site._registry[model]):
        response = client.get(f"{url}?{name}={value}")
        if response.status_code not in (200, 302, 400, 404):
            problems.append(f"GET {url}?{name}={value[:60]}: {response.status_code}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("query", ["kind__exact=%00", "q=Maushuk%00", "q=ok&publication_status__exact=a%00b"])
def test_a_nul_in_an_admin_search_or_filter_is_an_admin_page_saying_why(editor, world, query):
    # PostgreSQL refuses NUL in text (a 500); SQLite just finds nothing. Either way: say so.
    client = admin_as(editor)
    url = f"{ADMIN}releases/releaseevent/"
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errornote"' in html and "null character" in html
    assert f'href="{url}"' in html and "Release Tracker" in html  # the admin's own page, a way back
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", [model for model, model_admin in admin.site._registry.items()
                                   if model_admin.actions is not None], ids=lambda model: model._meta.label)
def test_every_admin_action_refuses_a_selection_that_is_not_ids(superuser, world, model):
    # The selection went straight into pk__in: 'abc' or 30 digits was a 500 for every action.
    client = admin_as(superuser)
    url = f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/"
    model_admin = admin.site._registry[model]
    request = type("Request", (), {"user": superuser, "GET": {}, "POST": {}, "method": "GET"})()
    actions = list(model_admin.get_actions(request))
    assert actions
    before = all_counts()
    for action in actions:
        for bad in ("abc", "\u00b2", hostile.HUGE_DIGITS, "", "1\x00", "-1"):
            response = client.post(url, {"action": action, "_selected_action": ["1", bad], "index": "0"})
            assert response.status_code == 400, (action, bad[:20], response.status_code)
            assert 'class="errornote"' in response.content.decode(), (action, bad[:20])
    assert all_counts() == before
    some = model._default_manager.order_by("pk").first()
    if some is not None and "export_csv" in actions:  # a real selection still works
        response = client.post(url, {"action": "export_csv", "_selected_action": [str(some.pk)]})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


# -- 4. hostile requests as such ---------------------------------------------------------------

@pytest.mark.parametrize("label", list(hostile.MALFORMED_JSON))
def test_every_write_operation_refuses_malformed_json(editor, world, label):
    client = script(editor)
    raw = hostile.MALFORMED_JSON[label]
    before = stored()
    for resource in WRITE_SERIALIZERS:
        record = world[resource]
        for method, url in (("POST", list_url(resource)), ("PUT", detail_url(resource, record)),
                            ("PATCH", detail_url(resource, record))):
            response = client.generic(method, url, raw, content_type="application/json")
            assert response.status_code == 400, (method, url, response.status_code, response.content[:200])
            assert response.json(), (method, url)
    assert stored() == before


@pytest.mark.parametrize("content_type", hostile.WRONG_CONTENT_TYPES)
def test_a_body_that_is_not_json_is_refused_by_every_write_operation(editor, world, content_type):
    client = script(editor)
    bodies = {resource: new_body(resource) for resource in WRITE_SERIALIZERS}
    before = stored()
    for resource, body in bodies.items():
        raw = "&".join(f"{k}={quote(str(v))}" for k, v in body.items())
        response = client.generic("POST", list_url(resource), raw, content_type=content_type)
        assert response.status_code in (400, 415), (resource, content_type, response.status_code)
        assert response.json().get("detail"), response.json()
    assert stored() == before


def test_a_body_over_the_size_limit_is_4xx_with_a_message(editor, world):
    client = script(editor)
    big = json.dumps(new_body("releases") | {"summary": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    before = stored()
    for method, url in (("POST", list_url("releases")), ("PATCH", detail_url("releases", world["releases"]))):
        response = client.generic(method, url, big, content_type="application/json")
        assert response.status_code in (400, 413), (method, response.status_code)
        assert "too large" in response.json()["detail"], response.content[:200]
    assert stored() == before


def test_an_admin_post_over_the_field_limits_is_400_and_stores_nothing(superuser, world):
    client = admin_as(superuser)
    url = f"{ADMIN}releases/source/add/"
    before = all_counts()
    too_big = client.post(url, {"outlet": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    too_many = client.post(url, {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    assert (too_big.status_code, too_many.status_code) == (400, 400)
    assert all_counts() == before


@pytest.mark.parametrize("method", hostile.UNKNOWN_METHODS)
def test_unknown_methods_are_4xx_everywhere(editor, world, method):
    as_editor = script(editor)
    anonymous = Client(raise_request_exception=False)
    before = stored()
    urls = [list_url(r) for r in WRITE_SERIALIZERS] + [detail_url("releases", world["releases"]), API,
                                                        f"{API}withdrawals/"]
    for url in urls:
        for client in (as_editor, anonymous):
            response = client.generic(method, url)
            assert response.status_code in (401, 403, 405), (method, url, response.status_code)
    pages = ["/", "/statistics/", "/feed/", world["releases"].get_absolute_url(),
             world["prisoners"].get_absolute_url()]
    for url in pages:
        assert anonymous.generic(method, url).status_code == 405, (method, url)
    assert stored() == before


def test_a_write_to_a_page_is_a_405_from_a_real_browser_too(world):
    # A browser's POST meets the CSRF check, which answered 403 before the 405: a page takes no
    # write, so the answer is the method's refusal, saying which methods it takes.
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    pages = ["/", "/statistics/", "/feed/", world["releases"].get_absolute_url(),
             world["prisoners"].get_absolute_url()]
    for url in pages:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            response = browser.generic(method, url, "q=x", content_type="application/x-www-form-urlencoded")
            assert response.status_code == 405, (method, url, response.status_code)
            assert response["Allow"] == "GET, HEAD"
        assert browser.get(url).status_code == 200


def test_very_long_urls_and_query_strings_are_4xx(anonymous, world):
    assert anonymous.get("/" + "a" * 20_000 + "/").status_code == 404
    assert anonymous.get(f"{API}releases/" + "9" * 20_000 + "/").status_code == 404
    many = "&".join(f"q{i}=x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    for url in (f"{API}releases/?{many}", f"/?{many}"):
        assert anonymous.get(url).status_code == 400, url
    long_value = anonymous.get(f"{API}releases/?q=" + "x" * 100_000)
    assert long_value.status_code == 400 and "q" in long_value.json()
