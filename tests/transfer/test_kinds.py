"""The declaration of the importable kinds (releases/transfer/kinds.py): the README, the admin's
Import page and the models agree with it, and its columns read back what they write."""
import datetime
from pathlib import Path

import pytest
from django.conf import settings

from releases.transfer.kinds import COMMON, KINDS, BadCell, Entries, Field, Reference, Type

from tests.support.factories import ReleaseEventFactory

README = Path(settings.BASE_DIR) / "README.md"
# The Django field types a declared Type fits.
FITS = {
    Type.TEXT: {"CharField", "TextField"}, Type.CODE: {"CharField"}, Type.COUNTRY: {"CharField"},
    Type.DATE: {"DateField"}, Type.NUMBER: {"PositiveIntegerField", "PositiveSmallIntegerField"},
    Type.YES_NO: {"BooleanField"},
}


def as_readme(column):
    return f"`{column.name}`" + (f" ({column.note})" if column.note else "")


@pytest.mark.parametrize("name", KINDS)
def test_the_readme_table_lists_exactly_the_declared_columns(name):
    kind = KINDS[name]
    required = ", ".join(as_readme(c) for c in kind.required_columns)
    optional = ", ".join(as_readme(c) for c in kind.optional_columns if c not in COMMON)
    rows = [line for line in README.read_text().splitlines() if line.startswith(f"| {name} |")]
    assert rows == [f"| {name} | {required} | {optional} |"]


def test_the_readme_names_the_columns_every_kind_takes():
    common = " and ".join(f"`{c.name}`" for c in COMMON if not c.required)
    assert f"Every kind also takes {common}." in README.read_text()


@pytest.mark.parametrize("name", KINDS)
def test_each_declared_column_fits_its_model_field(name):
    kind = KINDS[name]
    for column in kind.declared:
        if isinstance(column, Entries):
            continue
        model_field = kind.model._meta.get_field(column.name)
        if isinstance(column, Reference):
            assert model_field.related_model is kind.model, column
        else:
            assert model_field.get_internal_type() in FITS[column.type], column
        assert column.required == (not model_field.blank and not model_field.has_default()), column


def test_choices_and_countries_are_declared_as_such():
    for kind in KINDS.values():
        for column in kind.declared:
            if isinstance(column, Field):
                model_field = kind.model._meta.get_field(column.name)
                is_country = type(model_field).__name__ == "CountryField"
                assert (column.type is Type.COUNTRY) == is_country, column
                assert (column.type is Type.CODE) == (bool(model_field.choices) and not is_country), column


def test_the_loader_reads_each_kinds_fields_and_dates_from_the_declaration():
    releases = KINDS["releases"]
    assert releases.dates == ("date_from", "date_to")
    assert "announced_total_is_minimum" in releases.fields and "people" not in releases.fields
    assert releases.column_of_key("released_people").name == "people"
    assert releases.column_of_key("party_roles").name == "parties"
    assert releases.column_of_key("__all__") is None


@pytest.mark.parametrize("value, expected", [
    ("yes", True), ("No", False), ("1", True), ("", False), (True, True), ("maybe", "maybe"),
])
def test_a_yes_no_cell_reads_as_the_admin_would(value, expected):
    column = KINDS["releases"].column("announced_total_is_minimum")
    assert column.read(KINDS["releases"].model, value) == expected


def test_an_empty_cell_is_null_where_the_field_allows_it_else_its_default():
    people, sources = KINDS["people"], KINDS["sources"]
    assert people.column("birth_year").read(people.model, " ") is None
    assert sources.column("kind").read(sources.model, "") == sources.model._meta.get_field("kind").get_default()
    assert sources.column("title").read(sources.model, "") == ""


def test_list_columns_read_entries_for_the_loader():
    releases, people = KINDS["releases"], KINDS["people"]
    assert releases.column("parties").read(releases.model, "a : envoy; b:escort") == [
        {"party": "a", "role": "envoy"}, {"party": "b", "role": "escort"}]
    assert people.column("citizenships").read(people.model, ["by", "lt"]) == [{"country": "BY"}, {"country": "LT"}]
    with pytest.raises(BadCell, match="listed twice"):
        people.column("other_names").read(people.model, "A; A")
    with pytest.raises(BadCell, match="slug:role"):
        releases.column("parties").read(releases.model, "government-of-belarus")


def test_an_unknown_column_is_read_as_text_under_its_own_name():
    column = KINDS["sources"].column("colour")
    assert (column.key, column.read(None, " red ")) == ("colour", "red")


def test_scalar_columns_write_what_they_read(db):
    release = ReleaseEventFactory(date_from=datetime.date(2025, 2, 12), announced_total=3,
                                  announced_total_is_minimum=True, releasing_country="BY")
    kind = KINDS["releases"]
    cells = {c.name: c.write(release) for c in kind.all_columns}
    assert cells["date_from"] == "2025-02-12" and cells["announced_total_is_minimum"] == "true"
    assert cells["releasing_country"] == "BY"
    for name in kind.fields:
        value = kind.column(name).read(kind.model, cells[name])
        assert kind.model._meta.get_field(name).to_python(value) == getattr(release, name), name


# -- the admin's Import page ------------------------------------------------------------------
def test_the_import_page_lists_each_kinds_columns(client, editor):
    client.force_login(editor)
    page = client.get("/" + settings.ADMIN_PATH + "releases/import/").content.decode()
    assert "<h2>Columns</h2>" in page
    for kind in KINDS.values():
        for column in kind.all_columns:
            assert f"<code>{column.name}</code>" in page
    assert "<code>date_from</code> (date)" in page
    assert "<code>cited_via</code> (a source&#x27;s slug)" in page
