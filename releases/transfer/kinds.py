"""The four kinds of record an import file holds (releases, people, parties, sources), each
declared once: its model, the dataset loader's section that writes it, and its columns.

Every reader of an import file's layout reads it from here: the import (releases/transfer/
importing.py) turns a cell into the loader's record with ``Column.read``; the editors' export
(import_files.py) writes a record's cell with ``Column.write``; the loader (loader.py) takes a
kind's model fields, dates and references to its own kind from ``Kind.fields``, ``Kind.dates``
and ``Kind.references``; the admin's Import page lists the columns; and a test checks that README.md, "Bulk import", documents exactly these.

Adding a column to a kind is one line below (and one in the README's table, which the test
asks for). Its value is checked where the rest of the record is, by the model's
``full_clean()`` in the loader: a column here says how to read and write the cell, not what
values are allowed.
"""
import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

from releases.models import ClaimKind, Party, Prisoner, ReleaseEvent, Source

SEPARATOR = ";"
BOOLEAN_WORDS = {"": False, "false": False, "no": False, "0": False, "true": True, "yes": True, "1": True}


class BadCell(ValueError):
    """A cell that cannot become a value; the message is for an editor."""


class Type(StrEnum):
    """What a model field's cell holds (a test checks each against the model field)."""

    TEXT = "text"
    CODE = "code"  # one of the field's choices, by its code
    COUNTRY = "country code"
    DATE = "date"  # YYYY-MM-DD
    NUMBER = "number"
    YES_NO = "yes/no"


# -- cells ------------------------------------------------------------------------------------
def scalar(value):
    """A cell's value: CSV text stripped, or a JSON text, number, true/false or null."""
    if value is None:
        return ""
    if isinstance(value, str):
        if "\x00" in value:
            raise BadCell("contains a NUL character.")
        return value.strip()
    if isinstance(value, (bool, int, float)):
        return value
    raise BadCell("expected text, a number, true/false or null.")


def tokens(value):
    """The entries of a list column: 'a; b' in CSV, ["a", "b"] (or 'a; b') in JSON."""
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise BadCell("a list holds text entries only.")
        parts = value
    elif isinstance(value, str):
        parts = value.split(SEPARATOR)
    elif value is None:
        parts = []
    else:
        raise BadCell(f"expected entries separated by '{SEPARATOR}', or a JSON list.")
    parts = [scalar(p) for p in parts]
    parts = [p for p in parts if p]
    if len(set(parts)) != len(parts):
        raise BadCell(f"'{next(p for p in parts if parts.count(p) > 1)}' is listed twice.")
    return parts


def text(value):
    """A stored value as the import reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(getattr(value, "code", value))  # a country: its code


# -- columns ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A column copied as it is, as text, to the loader's key of the same name."""

    name: str
    required: bool = False
    note: str = ""  # what the README's table says in brackets after the name

    @property
    def key(self):
        """The key of the loader's record (releases/transfer/loader.py) this column fills."""
        return self.name

    @property
    def description(self):
        """What the Import page says after the column's name: its note."""
        return self.note

    def read(self, model, value):
        """The loader record's value for the cell ``value``, or BadCell."""
        return scalar(value)

    def write(self, record):
        """The cell for ``record`` (a model instance), as ``read`` takes it back."""
        return text(getattr(record, self.name))


@dataclass(frozen=True)
class Field(Column):
    """A model field of the same name. An empty cell means no value: NULL where the field
    allows it, else its default."""

    type: Type = Type.TEXT

    @property
    def description(self):
        """The note, else the type where the name may not say it (text goes without saying)."""
        return self.note or ("" if self.type is Type.TEXT else str(self.type))

    def read(self, model, value):
        value = scalar(value)
        if self.type is Type.YES_NO and isinstance(value, str):
            return BOOLEAN_WORDS.get(value.lower(), value)  # anything else: full_clean() says why
        model_field = model._meta.get_field(self.name)
        if value == "":
            if model_field.null:
                return None
            if not model_field.blank and model_field.has_default():
                return model_field.get_default()
        return value


@dataclass(frozen=True)
class Reference(Column):
    """One slug of a record of the same kind (a foreign key of the same name)."""

    def write(self, record):
        target = getattr(record, self.name)
        return target.slug if target is not None else ""


@dataclass(frozen=True)
class Entries(Column):
    """Entries separated by ``;`` (or a JSON list), each one item of the loader's list ``list_key``.
    An entry that is not there is left alone: an import adds, never deletes."""

    list_key: str = ""
    entry: Callable = None  # one entry's text -> the loader's item, or BadCell
    values: Callable = None  # a record -> its entries' texts, for the export
    prefetch: tuple = ()  # what ``values`` reads, prefetched for an export
    check: Callable = None  # the loader's items -> None, or BadCell for the cell as a whole

    @property
    def key(self):
        return self.list_key

    def read(self, model, value):
        items = [self.entry(token) for token in tokens(value)]
        if self.check is not None:
            self.check(items)
        return items

    def write(self, record):
        return self.values(record)


def display_name(record):
    return getattr(record, "preferred_name", None) or getattr(record, "name", "")


def party_role(token):
    slug, colon, role = token.partition(":")
    if not colon or not slug.strip() or not role.strip():
        raise BadCell(f"'{token}': write each party as slug:role, e.g. government-of-belarus:releasing_authority.")
    return {"party": slug.strip(), "role": role.strip()}


def one_role_per_party(items):
    if len({item["party"] for item in items}) != len(items):
        raise BadCell("a party can hold one role in a release; it is listed twice.")


def general_citations(release):
    """The ``sources`` column writes general, unquoted citations of the release itself."""
    return [c.source.slug for c in release.citations.all()
            if c.claim == ClaimKind.GENERAL and not c.quote and c.prisoner_id is None and c.party_id is None]


OTHER_NAMES = Entries(
    "other_names", list_key="names", entry=lambda token: {"text": token}, prefetch=("names",),
    values=lambda record: [n.text for n in record.names.all() if n.text != display_name(record)],
)
CITIZENSHIPS = Entries(
    "citizenships", note="country codes", list_key="citizenships", prefetch=("citizenships",),
    entry=lambda token: {"country": token.upper()},
    values=lambda person: [c.country.code for c in person.citizenships.all()],
)
RELEASED_PEOPLE = Entries(
    "people", list_key="released_people", entry=lambda token: {"prisoner": token},
    values=lambda release: [p.prisoner.slug for p in release.released_people.all()],
    prefetch=("released_people__prisoner",),
)
PARTY_ROLES = Entries(
    "parties", list_key="party_roles", entry=party_role, check=one_role_per_party, prefetch=("party_roles__party",),
    values=lambda release: [f"{r.party.slug}:{r.role}" for r in release.party_roles.all()],
)
CITED_SOURCES = Entries(
    "sources", list_key="citations", entry=lambda token: {"source": token}, values=general_citations,
    prefetch=("citations__source",),
)


# -- kinds ------------------------------------------------------------------------------------
# Every kind starts with these; they are not model fields to the loader (it reads them itself).
COMMON = (Column("slug", required=True), Column("publication_status"), Column("internal_notes"))


@dataclass(frozen=True)
class Kind:
    """One importable kind: its model, the loader section that writes it, its columns in order."""

    model: type
    section: str
    declared: tuple  # the Columns after COMMON, in the files' order

    @property
    def label(self):
        """The kind as the admin names it: "Release events"."""
        return self.model._meta.verbose_name_plural.capitalize()

    @property
    def all_columns(self):
        return COMMON + self.declared

    @property
    def columns(self):
        """The column names, in the order an export writes them."""
        return tuple(c.name for c in self.all_columns)

    @property
    def required(self):
        """The names of the columns every file of this kind has."""
        return tuple(c.name for c in self.all_columns if c.required)

    @property
    def required_columns(self):
        return tuple(c for c in self.all_columns if c.required)

    @property
    def optional_columns(self):
        """The columns a file may leave out, in order."""
        return tuple(c for c in self.all_columns if not c.required)

    @property
    def fields(self):
        """The model fields the loader copies from a record."""
        return tuple(c.name for c in self.declared if isinstance(c, Field))

    @property
    def dates(self):
        return tuple(c.name for c in self.declared if isinstance(c, Field) and c.type is Type.DATE)

    def column(self, name):
        """The declared column ``name``; an unknown one is read as text (and reported unknown)."""
        return next((c for c in self.all_columns if c.name == name), Column(name))

    def column_of_key(self, key):
        """The column that fills the loader's record key ``key``, or None."""
        return next((c for c in self.all_columns if c.key == key), None)

    @property
    def references(self):
        """The columns naming another record of this kind by its slug."""
        return tuple(c.name for c in self.declared if isinstance(c, Reference))

    @property
    def prefetch(self):
        """What an export of this kind's entries reads."""
        return tuple(name for c in self.declared if isinstance(c, Entries) for name in c.prefetch)


KINDS = {
    "releases": Kind(ReleaseEvent, "releases", (
        Field("title", True), Field("kind", True, type=Type.CODE), Field("date_from", True, type=Type.DATE),
        Field("date_to", type=Type.DATE), Field("date_precision", type=Type.CODE),
        Field("releasing_country", type=Type.COUNTRY), Field("handover_place"), Field("destination"),
        Field("destination_country", type=Type.COUNTRY), Field("announced_total", type=Type.NUMBER),
        Field("announced_total_is_minimum", type=Type.YES_NO), Field("summary"),
        RELEASED_PEOPLE, PARTY_ROLES, CITED_SOURCES,
    )),
    "people": Kind(Prisoner, "prisoners", (
        Field("preferred_name", True), Field("birth_year", type=Type.NUMBER),
        Field("reported_age", type=Type.NUMBER), Field("age_reported_on", type=Type.DATE),
        Field("occupation"), Field("summary"), OTHER_NAMES, CITIZENSHIPS,
    )),
    "parties": Kind(Party, "parties", (
        Field("name", True), Field("kind", True, type=Type.CODE), Field("country", type=Type.COUNTRY),
        Field("position"), Field("description"), Reference("parent", note="a party's slug"), OTHER_NAMES,
    )),
    "sources": Kind(Source, "sources", (
        Field("outlet", True), Field("title"), Field("url"), Field("author"), Field("language", type=Type.CODE),
        Field("published_on", type=Type.DATE), Field("kind", type=Type.CODE),
        Reference("cited_via", note="a source's slug"),
    )),
}
# The admin's changelists link to the Import page with their model's kind chosen.
KIND_OF_MODEL = {kind.model._meta.model_name: name for name, kind in KINDS.items()}
