"""Entering someone already in the tracker: the API's 409 with candidates and reasons, the admin
add form's warning, and the admin's name search (changelist and autocomplete), best first.

Everything is asserted as an editor or a script sees it: status codes, JSON bodies, pages."""
import html
import json
import re
import warnings

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.paginator import UnorderedObjectListWarning

from releases import models as m
from releases.search.duplicates import DUPLICATE_MIN_SCORE

from tests.support.factories import PrisonerFactory, PrisonerNameFactory
from tests.support.api import API, flat, script, stored

ADMIN = "/" + settings.ADMIN_PATH
PEOPLE = ADMIN + "releases/prisoner/"
ADD_PERSON = PEOPLE + "add/"
AUTOCOMPLETE = ADMIN + "autocomplete/"
PRISONERS = f"{API}prisoners/"
INLINE_PREFIXES = ["names", "citizenships", "detentions", "status_records", "recognitions", "citations"]


def person(preferred, *names, **fields):
    record = PrisonerFactory(preferred_name=preferred, **fields)
    for text in names:
        PrisonerNameFactory(prisoner=record, text=text)
    return record


def everything():
    """Row counts of every table a new person touches (search keys and history included)."""
    return {**stored(), "NameKey": m.NameKey.objects.count(),
            "Prisoner history": m.Prisoner.history.count()}


@pytest.fixture
def alena(db):
    """The stored person every spelling below refers to."""
    return person("Alena Maushuk")


def new_person(preferred, **fields):
    slug = re.sub(r"[^a-z0-9]+", "-", preferred.lower()).strip("-") or "new-person"
    return {"preferred_name": preferred, "slug": f"{slug}-new", **fields}


def reasons_text(candidate):
    return " ".join(candidate["reasons"]).lower()


# -- the API: 409 with the candidates ---------------------------------------------------------

CROSS_SPELLINGS = {
    "Russian form, press spelling": (new_person("Yelena Movshuk"), ["yelena", "alena", "movshuk", "maushuk"]),
    "Belarusian Cyrillic": (new_person("Алена Маўшук"), ["maushuk", "alena"]),
    "surname first": (new_person("Maushuk Alena"), ["maushuk", "alena"]),
    "Russian Cyrillic": (new_person("Елена Мовшук"), ["alena", "maushuk"]),
    "only in the names list (Latin)": (
        new_person("Unidentified woman", names=[{"text": "Yelena Movshuk"}]), ["movshuk", "maushuk"]),
    "only in the names list (Cyrillic)": (
        new_person("Unidentified woman", names=[
            {"text": "Алена Маўшук", "language": "be", "script": "Cyrl", "romanization": "native"}]),
        ["maushuk"]),
}


@pytest.mark.parametrize("case", CROSS_SPELLINGS, ids=list(CROSS_SPELLINGS))
def test_a_likely_duplicate_is_a_409_listing_the_stored_person_with_reasons(alena, as_editor, case):
    body, words = CROSS_SPELLINGS[case]
    response = as_editor.post(PRISONERS, body, format="json")

    assert response.status_code == 409, response.content
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"detail", "candidates"}
    assert "confirm_distinct" in data["detail"]
    [candidate] = data["candidates"]
    assert set(candidate) == {"id", "preferred_name", "publication_status", "matched_name", "score", "reasons"}
    assert candidate["id"] == alena.pk
    assert candidate["preferred_name"] == "Alena Maushuk"
    assert candidate["publication_status"] == "published"
    assert candidate["matched_name"] == "Alena Maushuk"
    assert DUPLICATE_MIN_SCORE <= candidate["score"] <= 1
    assert candidate["reasons"] and all(isinstance(r, str) and r for r in candidate["reasons"])
    for word in words:
        assert word in reasons_text(candidate), (word, candidate["reasons"])


def test_the_409_names_how_each_word_matched(alena, as_editor):
    response = as_editor.post(PRISONERS, new_person("Yelena Movshuk"), format="json")
    [candidate] = response.json()["candidates"]
    reasons = reasons_text(candidate)
    assert "given name" in reasons  # Yelena ~ Alena
    assert "another spelling or language form" in reasons  # Movshuk ~ Maushuk
    assert len(candidate["reasons"]) == 2


def test_a_match_on_another_stored_spelling_names_that_spelling(as_editor):
    stored_person = person("A. Maushuk", "Елена Мовшук")
    response = as_editor.post(PRISONERS, new_person("Yelena Movshuk"), format="json")
    assert response.status_code == 409
    [candidate] = response.json()["candidates"]
    assert (candidate["id"], candidate["preferred_name"]) == (stored_person.pk, "A. Maushuk")
    assert candidate["matched_name"] == "Елена Мовшук"


def test_several_candidates_are_listed_best_first(as_editor):
    exact = person("Alena Maushuk")
    variant = person("Yelena Movshuk")
    person("Pavel Maushuk")  # another person with the surname: not a candidate
    response = as_editor.post(PRISONERS, new_person("Alena Maushuk"), format="json")
    assert response.status_code == 409
    candidates = response.json()["candidates"]
    assert [c["id"] for c in candidates] == [exact.pk, variant.pk]
    assert candidates[0]["score"] > candidates[1]["score"]


def test_a_new_name_without_the_stored_patronymic_is_a_409(as_editor):
    stored_person = person("Маўшук Алена Мікалаеўна")  # as Viasna's list writes it
    response = as_editor.post(PRISONERS, new_person("Alena Maushuk"), format="json")
    assert response.status_code == 409
    assert [c["id"] for c in response.json()["candidates"]] == [stored_person.pk]


@pytest.mark.parametrize("new", ["Маўшук Алена Мікалаеўна", "Мовшук Елена Николаевна", "Alena Mikalaeuna Maushuk"],
                         ids=["belarusian-cyrillic", "russian-cyrillic", "latin"])
def test_a_new_name_with_a_patronymic_the_stored_one_lacks_is_a_409(alena, as_editor, new):
    response = as_editor.post(PRISONERS, new_person(new), format="json")
    assert response.status_code == 409, response.content
    assert [c["id"] for c in response.json()["candidates"]] == [alena.pk]


def test_nothing_is_saved_on_a_409(alena, as_editor):
    before = everything()
    body = new_person("Yelena Movshuk", occupation="Teacher", citizenships=["BY", "LT"], names=[
        {"text": "Елена Мовшук", "language": "ru", "script": "Cyrl", "romanization": "native"},
        {"text": "Jelena Mowschuk", "language": "de"},
    ])
    response = as_editor.post(PRISONERS, body, format="json")
    assert response.status_code == 409
    assert everything() == before
    assert list(m.Prisoner.objects.values_list("preferred_name", flat=True)) == ["Alena Maushuk"]
    assert not m.PrisonerName.objects.filter(text__in=["Елена Мовшук", "Jelena Mowschuk"]).exists()
    assert not m.Prisoner.objects.filter(slug=body["slug"]).exists()


@pytest.mark.parametrize("value", ["true", 1])
def test_confirm_distinct_is_a_json_boolean(alena, as_editor, value):
    # The schema says boolean: "true" or 1 is refused, never taken as a confirmation.
    before = everything()
    response = as_editor.post(PRISONERS, new_person("Yelena Movshuk", confirm_distinct=value), format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["confirm_distinct"]
    assert everything() == before


def test_confirm_distinct_creates_the_record(alena, as_editor):
    body = new_person("Yelena Movshuk", confirm_distinct=True, names=[{"text": "Елена Мовшук", "script": "Cyrl",
                                                                        "romanization": "native"}])
    response = as_editor.post(PRISONERS, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert "confirm_distinct" not in data  # write-only: never echoed back, never stored
    created = m.Prisoner.objects.get(pk=data["id"])
    assert created.preferred_name == "Yelena Movshuk"
    assert created.publication_status == "draft"
    assert list(created.names.values_list("text", flat=True)) == ["Елена Мовшук"]
    assert created.history.count() == 1
    assert m.Prisoner.objects.count() == 2
    # Both are now in the tracker: a third entry of the name lists both, best first.
    again = as_editor.post(PRISONERS, new_person("Alena Maushuk"), format="json")
    assert again.status_code == 409
    assert [c["id"] for c in again.json()["candidates"]] == [alena.pk, created.pk]


def test_confirm_distinct_false_is_the_same_as_leaving_it_out(alena, as_editor):
    before = everything()
    response = as_editor.post(PRISONERS, new_person("Yelena Movshuk", confirm_distinct=False), format="json")
    assert response.status_code == 409
    assert everything() == before


@pytest.mark.parametrize("new, stored_name", [
    ("Pavel Maushuk", "Alena Maushuk"),
    ("Ihar Lesik", "Ihar Losik"),
    ("Ihar Lysik", "Ihar Losik"),
    ("Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"),
    ("Alena Kalesnik", "Alena Kalesnikava"),
    ("Mikalai Statkevich", "Mikalai Stankevich"),
])
def test_a_genuinely_different_person_is_created_without_a_409(as_editor, new, stored_name):
    person(stored_name)
    response = as_editor.post(PRISONERS, new_person(new), format="json")
    assert response.status_code == 201, response.content
    assert m.Prisoner.objects.filter(preferred_name=new).exists()


def test_a_new_name_that_only_begins_like_a_stored_one_is_not_a_duplicate(as_editor):
    person("Alena Maushukevich")
    response = as_editor.post(PRISONERS, new_person("Alena Maush"), format="json")
    assert response.status_code == 201, response.content


def test_updates_are_never_blocked(alena, as_editor):
    other = person("Someone Else", slug="someone-else")
    patched = as_editor.patch(f"{PRISONERS}{other.pk}/", {"preferred_name": "Yelena Movshuk"}, format="json")
    assert patched.status_code == 200, patched.content
    put = as_editor.put(f"{PRISONERS}{other.pk}/", {
        "slug": "someone-else", "preferred_name": "Alena Maushuk",
        "names": [{"text": "Алена Маўшук", "script": "Cyrl", "romanization": "native"}],
    }, format="json")
    assert put.status_code == 200, put.content
    other.refresh_from_db()
    assert other.preferred_name == "Alena Maushuk"
    assert list(other.names.values_list("text", flat=True)) == ["Алена Маўшук"]
    # Editing the stored person herself is no conflict with herself either.
    own = as_editor.patch(f"{PRISONERS}{alena.pk}/", {"names": [{"text": "Yelena Movshuk"}]}, format="json")
    assert own.status_code == 200, own.content


@pytest.mark.parametrize("status", ["draft", "review"])
def test_unpublished_records_count_as_candidates_for_editors(as_editor, status):
    hidden = person("Alena Maushuk", publication_status=status)
    assert script().get(f"{PRISONERS}{hidden.pk}/").status_code == 404  # readers never see it
    response = as_editor.post(PRISONERS, new_person("Yelena Movshuk"), format="json")
    assert response.status_code == 409
    [candidate] = response.json()["candidates"]
    assert (candidate["id"], candidate["publication_status"]) == (hidden.pk, status)


def test_publishers_get_the_409_too(alena, as_publisher):
    response = as_publisher.post(PRISONERS, new_person("Yelena Movshuk", publication_status="published"),
                                 format="json")
    assert response.status_code == 409
    assert m.Prisoner.objects.count() == 1


def test_the_duplicate_check_reveals_nothing_to_those_who_may_not_write(db):
    draft = person("Alena Maushuk", publication_status="draft")
    body = new_person("Yelena Movshuk")
    anonymous = script().post(PRISONERS, body, format="json")
    assert anonymous.status_code == 401
    reader = script(User.objects.create_user("reader", password="not-used-here"))
    refused = reader.post(PRISONERS, body, format="json")
    assert refused.status_code == 403
    for response in (anonymous, refused):
        assert "candidates" not in response.json()
        assert str(draft.pk) not in response.content.decode()
        assert "Maushuk" not in response.content.decode()


@pytest.mark.parametrize("value", ["maybe", 2, [True], {"yes": True}, None])
@pytest.mark.parametrize("name", ["Yelena Movshuk", "Nobody Similar"])
def test_confirm_distinct_of_the_wrong_type_is_a_400_naming_it(alena, as_editor, value, name):
    before = everything()
    response = as_editor.post(PRISONERS, new_person(name, confirm_distinct=value), format="json")
    assert response.status_code == 400, response.content
    assert "confirm_distinct" in response.json()
    assert flat(response.json()["confirm_distinct"])
    assert everything() == before


def test_the_schema_documents_confirm_distinct(client, db):
    document = client.get(f"{API}schema/?format=json").json()
    request = document["components"]["schemas"]["PrisonerWriteRequest"]["properties"]
    field = request["confirm_distinct"]
    assert field["type"] == "boolean"
    assert field.get("writeOnly") is True
    assert "409" in field["description"] or "duplicate" in field["description"].lower()
    response_schema = document["components"]["schemas"]["PrisonerWrite"]["properties"]
    assert "confirm_distinct" not in response_schema


def test_the_schema_documents_the_409_of_a_likely_duplicate(client, db):
    document = client.get(f"{API}schema/?format=json").json()
    responses = document["paths"][f"{API}prisoners/"]["post"]["responses"]
    assert "409" in responses
    assert "candidates" in json.dumps(responses["409"]) or "duplicate" in json.dumps(responses["409"]).lower()


# -- the admin add form ----------------------------------------------------------------------

def person_form(**fields):
    """POST data for the admin's add/change form of a person, with empty inlines."""
    data = {
        "preferred_name": "", "slug": "", "occupation": "", "summary": "", "birth_year": "",
        "reported_age": "", "age_reported_on": "", "publication_status": "draft", "internal_notes": "",
        **fields,
    }
    for prefix in INLINE_PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return data


def form_errors(response):
    """The add form's error messages, as the page shows them (HTML)."""
    context = response.context
    return " ".join(str(e) for e in context["errors"]) if context and "errors" in context else ""


def change_url(record):
    return f"{PEOPLE}{record.pk}/change/"


def test_the_add_form_lists_the_candidate_with_a_link_and_a_reason_and_saves_nothing(client, editor, alena):
    client.force_login(editor)
    before = everything()
    response = client.post(ADD_PERSON, person_form(preferred_name="Yelena Movshuk", slug="yelena-movshuk"))

    assert response.status_code == 200
    assert everything() == before
    page = response.content.decode()
    warning = form_errors(response)
    assert "already in the tracker" in warning
    assert f'<a href="{change_url(alena)}">Alena Maushuk</a>' in warning
    assert f"#{alena.pk}" in warning and "published" in warning
    assert "movshuk" in warning.lower() and "maushuk" in warning.lower()
    # The page shows it, and offers the box to tick.
    assert f'href="{change_url(alena)}"' in page
    assert 'name="not_a_duplicate"' in page
    assert "Not a duplicate" in page


def test_the_add_form_checks_the_spellings_typed_in_the_names_inline_too(client, editor, alena):
    client.force_login(editor)
    data = person_form(preferred_name="Unidentified woman", slug="unidentified-woman")
    data.update({"names-TOTAL_FORMS": "2", "names-0-text": "Yelena Movshuk", "names-0-script": "Latn",
                 "names-0-romanization": "press", "names-0-language": "ru",
                 "names-1-text": "Pavel Maushuk", "names-1-script": "Latn", "names-1-romanization": "press",
                 "names-1-language": "", "names-1-DELETE": "on"})
    before = everything()
    response = client.post(ADD_PERSON, data)
    assert response.status_code == 200 and everything() == before
    assert f'<a href="{change_url(alena)}">Alena Maushuk</a>' in form_errors(response)


def test_the_add_form_warns_about_drafts_too(client, editor):
    draft = person("Алена Маўшук", publication_status="draft")
    client.force_login(editor)
    response = client.post(ADD_PERSON, person_form(preferred_name="Alena Maushuk", slug="alena-maushuk"))
    assert response.status_code == 200
    warning = form_errors(response)
    assert f'<a href="{change_url(draft)}">Алена Маўшук</a>' in warning
    assert "draft" in warning
    assert m.Prisoner.objects.count() == 1


def test_ticking_not_a_duplicate_saves(client, editor, alena):
    client.force_login(editor)
    response = client.post(ADD_PERSON, person_form(
        preferred_name="Yelena Movshuk", slug="yelena-movshuk", not_a_duplicate="on"))
    assert response.status_code == 302, form_errors(response)
    created = m.Prisoner.objects.get(slug="yelena-movshuk")
    assert created.preferred_name == "Yelena Movshuk"
    assert created.history.get().history_user == editor
    assert m.Prisoner.objects.count() == 2


def test_a_genuinely_new_person_saves_without_ticking(client, editor, alena):
    client.force_login(editor)
    response = client.post(ADD_PERSON, person_form(preferred_name="Pavel Maushuk", slug="pavel-maushuk"))
    assert response.status_code == 302, form_errors(response)
    assert m.Prisoner.objects.filter(slug="pavel-maushuk").exists()


def test_the_change_form_of_an_existing_person_never_shows_the_check(client, editor, alena):
    twin = person("Yelena Movshuk", slug="yelena-movshuk", publication_status="draft")
    client.force_login(editor)
    page = client.get(change_url(twin)).content.decode()
    assert 'name="not_a_duplicate"' not in page
    assert "Not a duplicate" not in page
    # Saving it (even renamed to exactly the other person's name) is never stopped.
    response = client.post(change_url(twin), person_form(preferred_name="Alena Maushuk", slug="yelena-movshuk"))
    assert response.status_code == 302, form_errors(response)
    twin.refresh_from_db()
    assert twin.preferred_name == "Alena Maushuk"


def test_the_add_page_itself_shows_the_box_before_any_warning(client, editor):
    client.force_login(editor)
    page = client.get(ADD_PERSON).content.decode()
    assert 'name="not_a_duplicate"' in page


def test_markup_in_a_stored_name_is_escaped_in_the_warning(client, editor):
    hostile = person('Alena Maushuk <img src=x onerror="alert(1)">')
    client.force_login(editor)
    response = client.post(ADD_PERSON, person_form(preferred_name="Alena Maushuk", slug="alena-maushuk"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{change_url(hostile)}"' in page
    assert "<img src=x" not in page
    assert html.escape('<img src=x onerror="alert(1)">') in page or "&lt;img src=x" in page
    assert not m.Prisoner.objects.filter(slug="alena-maushuk").exists()


def test_markup_typed_into_the_new_name_is_escaped_in_the_warning(client, editor, alena):
    client.force_login(editor)
    response = client.post(ADD_PERSON, person_form(preferred_name="Alena <script>alert(1)</script> Maushuk",
                                                   slug="hostile"))
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page


# -- the admin's name search ------------------------------------------------------------------

def changelist(client, **params):
    response = client.get(PEOPLE, params)
    assert response.status_code == 200
    return response


def listed(response):
    """The preferred names in the changelist, in the order shown."""
    return [p.preferred_name for p in response.context["cl"].result_list]


@pytest.fixture
def maushuks(db):
    return {
        "alena": person("Alena Maushuk", "Алена Маўшук"),
        "pavel": person("Pavel Maushuk"),
        "draft": person("Maushuk", publication_status="draft"),  # the exact full match, entered last
        "losik": person("Ihar Losik", occupation="Journalist, RFE/RL Belarus Service"),
        "lawyer": person("Someone Else", occupation="Lawyer for Ihar Losik"),
    }


def test_the_changelist_finds_a_person_by_another_spelling(client, editor, maushuks):
    client.force_login(editor)
    response = changelist(client, q="Movshuk")
    assert "Alena Maushuk" in listed(response)
    assert "Ihar Losik" not in listed(response) and "Someone Else" not in listed(response)
    page = response.content.decode()
    assert change_url(maushuks["alena"]) in page


@pytest.mark.parametrize("query", ["Yelena Movshuk", "Елена Мовшук", "Маўшук Алена", "MAUSHUK, Alena"])
def test_the_changelist_puts_the_person_first_for_any_form_of_her_name(client, editor, maushuks, query):
    client.force_login(editor)
    assert listed(changelist(client, q=query))[:1] == ["Alena Maushuk"]


def test_the_changelist_ranks_an_exact_full_match_first(client, editor, maushuks):
    client.force_login(editor)
    names = listed(changelist(client, q="Maushuk"))
    assert names[0] == "Maushuk"
    assert set(names) == {"Maushuk", "Alena Maushuk", "Pavel Maushuk"}
    assert listed(changelist(client, q="Alena Maushuk"))[0] == "Alena Maushuk"


def test_sorting_by_a_column_overrides_the_ranking(client, editor, maushuks):
    client.force_login(editor)
    response = changelist(client, q="Maushuk", o="1")  # o=1: the preferred name column
    assert response.context["cl"].get_ordering_field_columns() == {1: "asc"}  # the header says so
    names = listed(response)
    assert names == sorted(names) == ["Alena Maushuk", "Maushuk", "Pavel Maushuk"]


def test_occupation_search_still_works_and_name_matches_come_first(client, editor, maushuks):
    client.force_login(editor)
    assert listed(changelist(client, q="RFE/RL")) == ["Ihar Losik"]
    assert listed(changelist(client, q="journalist")) == ["Ihar Losik"]
    names = listed(changelist(client, q="Losik"))
    assert names == ["Ihar Losik", "Someone Else"]  # the person named Losik, then the occupation


def test_search_and_filters_combine(client, editor, maushuks):
    client.force_login(editor)
    assert listed(changelist(client, q="Maushuk", publication_status__exact="draft")) == ["Maushuk"]
    response = changelist(client, q="Maushuk", publication_status__exact="published")
    assert listed(response) == ["Alena Maushuk", "Pavel Maushuk"]
    assert response.context["cl"].result_count == 2


@pytest.mark.parametrize("query", ["%", "_", "'; DROP TABLE x; --", "a" * 1000, "   ", "\u0000x", "М" * 300,
                                   "one two three four five six seven eight nine ten"])
def test_odd_search_terms_never_break_the_changelist(client, editor, maushuks, query):
    client.force_login(editor)
    response = client.get(PEOPLE, {"q": query})
    assert response.status_code in (200, 400)
    if query.strip() == "":
        assert len(listed(response)) == len(maushuks)


def test_a_blank_search_keeps_the_usual_order(client, editor, maushuks):
    client.force_login(editor)
    usual = listed(changelist(client))
    assert usual == sorted(usual)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)  # pages would skip or repeat people
        assert listed(changelist(client, q="   ")) == usual


def autocomplete(client, term):
    response = client.get(AUTOCOMPLETE, {
        "app_label": "releases", "model_name": "releasedperson", "field_name": "prisoner", "term": term,
    })
    assert response.status_code == 200, response.content
    return response.json()


def test_the_autocomplete_of_the_release_form_finds_her_by_another_spelling(client, editor, maushuks):
    client.force_login(editor)
    data = autocomplete(client, "Yelena Movshuk")
    assert [r["text"] for r in data["results"]] == ["Alena Maushuk"]
    assert data["results"][0]["id"] == str(maushuks["alena"].pk)
    assert [r["text"] for r in autocomplete(client, "Алена Маўшук")["results"]] == ["Alena Maushuk"]
    # The surname alone finds every Maushuk (the one named just that first), nobody else.
    texts = [r["text"] for r in autocomplete(client, "Movshuk")["results"]]
    assert texts[0] == "Maushuk" and set(texts) == {"Maushuk", "Alena Maushuk", "Pavel Maushuk"}


def test_the_autocomplete_ranks_the_exact_match_first_and_includes_drafts(client, editor, maushuks):
    client.force_login(editor)
    texts = [r["text"] for r in autocomplete(client, "Maushuk")["results"]]
    assert texts[0] == "Maushuk"
    assert set(texts) == {"Maushuk", "Alena Maushuk", "Pavel Maushuk"}


def test_the_autocomplete_is_for_staff_only(client, maushuks):
    response = client.get(AUTOCOMPLETE, {
        "app_label": "releases", "model_name": "releasedperson", "field_name": "prisoner", "term": "Movshuk",
    })
    assert response.status_code == 302  # to the admin login
    assert "Maushuk" not in response.content.decode()
