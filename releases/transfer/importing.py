"""Bulk import of one kind of record (releases, people, parties or sources) from a CSV or JSON
file: the admin's Import page and ``manage.py import_data`` both call ``import_file()``.

This module only reads and checks the file and turns each row into a record of the dataset
loader (releases/transfer/loader.py); the loader does the writing, so an import keeps the demo data's
rules: records matched on slug, ``full_clean()`` on each, one transaction, and a row that
changes nothing saves nothing and writes no history. Every problem is reported with its row
(CSV line, or JSON item counting from 1), column and reason; if there is one, nothing is
stored. The format is described in README.md, "Bulk import".

Decisions:
- An import adds and updates, never deletes: a name, person, party or source left out of a
  row stays on the record, and a column left out of the file leaves that field as it is.
- Publication: a row without ``publication_status`` makes a new record a draft and leaves an
  existing record's status alone. Asking for a change of publicness (publishing a draft,
  unpublishing a published record) needs the user's ``publish_<model>`` permission; without
  it the row is an error, as in the API, so nothing ends up different from what the file says.
- Limits (MAX_BYTES, MAX_ROWS) keep an import within one admin request: every row costs a
  few queries, and the whole file is one transaction.
"""
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import transaction

from releases.transfer.loader import Loader
from releases.transfer.spreadsheet import unguarded
from releases.models import Party, Prisoner, PrisonerRedirect, PublicationStatus, ReleaseEvent, Source
from releases.services.publication import PublicationRefused, check_publication_change

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
SEPARATOR = ";"
FORMATS = ("csv", "json")
COMMON_COLUMNS = ("slug", "publication_status", "internal_notes")
BOOLEAN_WORDS = {"": False, "false": False, "no": False, "0": False, "true": True, "yes": True, "1": True}


@dataclass(frozen=True)
class Kind:
    """One importable kind: its model, the loader section that writes it, and its columns."""

    model: type
    section: str
    required: tuple
    fields: tuple  # copied to the model field of the same name
    references: tuple = ()  # one slug of a record of the same kind
    lists: dict = field(default_factory=dict)  # ;-separated column -> the loader's list key

    @property
    def columns(self):
        return (*COMMON_COLUMNS, *self.fields, *self.references, *self.lists)


KINDS = {
    "releases": Kind(ReleaseEvent, "releases", ("slug", "title", "kind", "date_from"), (
        "title", "kind", "date_from", "date_to", "date_precision", "releasing_country",
        "handover_place", "destination", "destination_country", "announced_total",
        "announced_total_is_minimum", "summary",
    ), lists={"people": "released_people", "parties": "party_roles", "sources": "citations"}),
    "people": Kind(Prisoner, "prisoners", ("slug", "preferred_name"), (
        "preferred_name", "birth_year", "reported_age", "age_reported_on", "occupation", "summary",
    ), lists={"other_names": "names", "citizenships": "citizenships"}),
    "parties": Kind(Party, "parties", ("slug", "name", "kind"), (
        "name", "kind", "country", "position", "description",
    ), references=("parent",), lists={"other_names": "names"}),
    "sources": Kind(Source, "sources", ("slug", "outlet"), (
        "outlet", "title", "url", "author", "language", "published_on", "kind",
    ), references=("cited_via",)),
}
# The admin's changelists link to the Import page with their model's kind chosen.
KIND_OF_MODEL = {kind.model._meta.model_name: name for name, kind in KINDS.items()}


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` is the CSV line or the JSON item (from 1), None for the whole file."""

    row: int | None
    field: str
    message: str
    unit: str = "line"

    def __str__(self):
        if self.row is None:
            return f"{self.field}: {self.message}" if self.field else self.message
        where = f"{self.unit} {self.row}"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ImportRefused(Exception):
    """Nothing was stored; ``errors`` lists every RowError found."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def refuse(message, field=""):
    raise ImportRefused([RowError(None, field, message)])


@dataclass
class ImportResult:
    """The slugs of the file's rows by outcome (all of them would-be outcomes on a dry run)."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    dry_run: bool = False


def guess_format(filename):
    """'csv' or 'json' from the file name's extension, else None."""
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


# -- reading ----------------------------------------------------------------------------------
def read_rows(data: bytes, fmt):
    """(unit, CSV header or None, [(row number, {column: value})], errors) from the file, or ImportRefused for a
    file that cannot be read at all."""
    if len(data) > MAX_BYTES:
        refuse(f"The file is larger than the limit of {MAX_BYTES // (1024 * 1024)} MB: split it.")
    try:
        text = data.decode("utf-8-sig")  # a spreadsheet's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        refuse(f"The file is not UTF-8 text (line {line}, byte {error.start + 1}). "
               "Save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\").")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        refuse(f"The file contains a NUL byte (line {line}): it is not a text file.")
    if not text.strip():
        refuse("The file is empty.")
    unit, header, rows, errors = read_csv(text) if fmt == "csv" else read_json(text)
    if not rows and not errors:
        refuse("The file has no rows.")
    return unit, header, rows, errors


def read_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, errors = [], []
    try:
        header = next(reader)
        columns = [name.strip().lower() for name in header]
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, or a spreadsheet's empty row
            if len(rows) + len(errors) >= MAX_ROWS:
                refuse(f"The file has more than {MAX_ROWS} rows: split it.")
            if len(cells) != len(columns):
                errors.append(RowError(line, "", f"has {len(cells)} cells; the header has {len(columns)}."))
                continue
            rows.append((line, dict(zip(columns, map(unguarded, cells)))))
    except csv.Error as error:
        refuse(f"The CSV cannot be read (line {reader.line_num}): {error}.")
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        refuse("Each column may appear once; repeated: " + ", ".join(duplicates) + ".")
    return "line", columns, rows, errors


def read_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        refuse(f"The JSON cannot be read: {error.msg} (line {error.lineno}, column {error.colno}).")
    except RecursionError:
        refuse("The JSON is nested too deeply.")
    if not isinstance(data, list):
        refuse("A JSON import is a list of objects: [{\"slug\": ...}, ...].")
    if len(data) > MAX_ROWS:
        refuse(f"The file has more than {MAX_ROWS} rows: split it.")
    rows, errors = [], []
    for number, item in enumerate(data, 1):
        if isinstance(item, dict):
            rows.append((number, {key.strip().lower(): value for key, value in item.items()}))
        else:
            errors.append(RowError(number, "", "is not an object ({\"slug\": ...}).", "item"))
    return "item", None, rows, errors


def check_columns(kind, unit, header, rows):
    """Unknown and missing columns: for a CSV file once, from its header; for JSON per item."""
    known = set(kind.columns)
    if header is not None:
        problems = [(None, set(header))]
    else:
        problems = [(number, set(row)) for number, row in rows]
    errors = []
    for number, names in problems:
        for name in sorted(names - known):
            errors.append(RowError(number, name, "unknown column. Columns for "
                                   f"{kind.section}: {', '.join(kind.columns)}.", unit))
        for name in kind.required:
            if name not in names:
                errors.append(RowError(number, name, "required column is missing.", unit))
    return errors


# -- one row -> one loader record -------------------------------------------------------------
class BadCell(ValueError):
    pass


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


def model_value(model, name, value):
    """An empty cell means no value: NULL where the field allows it, else its default."""
    model_field = model._meta.get_field(name)
    if model_field.get_internal_type() == "BooleanField" and isinstance(value, str):
        return BOOLEAN_WORDS.get(value.lower(), value)  # anything else: full_clean() says why
    if value == "":
        if model_field.null:
            return None
        if not model_field.blank and model_field.has_default():
            return model_field.get_default()
    return value


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


def list_entry(column, token):
    if column == "people":
        return {"prisoner": token}
    if column == "sources":
        return {"source": token}
    if column == "other_names":
        return {"text": token}
    if column == "citizenships":
        return {"country": token.upper()}
    slug, colon, role = token.partition(":")
    if not colon or not slug.strip() or not role.strip():
        raise BadCell(f"'{token}': write each party as slug:role, e.g. government-of-belarus:releasing_authority.")
    return {"party": slug.strip(), "role": role.strip()}


def to_record(kind, row, stored_status, user):
    """(loader record, {list column: entries}, [(column, message)]) for one row."""
    record, entries, problems = {}, {}, []
    for column, value in row.items():
        try:
            if column in kind.lists:
                entries[column] = tokens(value)
                record[kind.lists[column]] = [list_entry(column, t) for t in entries[column]]
            elif column in kind.fields:
                record[column] = model_value(kind.model, column, scalar(value))
            else:
                record[column] = scalar(value)
        except BadCell as error:
            problems.append((column, str(error)))
    if len({r["party"] for r in record.get("party_roles", [])}) != len(record.get("party_roles", [])):
        problems.append(("parties", "a party can hold one role in a release; it is listed twice."))
    record["slug"] = str(record.get("slug", ""))
    stored = stored_status.get(record["slug"])
    status = record.get("publication_status") or stored or PublicationStatus.DRAFT
    record["publication_status"] = status
    try:
        check_publication_change(user, kind.model, stored, status)
    except PublicationRefused as refusal:
        problems.append(("publication_status", refusal.message))
    return record, entries, problems


# -- writing ----------------------------------------------------------------------------------
LOCATION = re.compile(r"^\w+\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\])?")


class ImportLoader(Loader):
    """The dataset loader, noting which rows it saved something for, with the import's
    history reason and user."""

    def __init__(self, change_reason, history_user):
        super().__init__(PublicationStatus.DRAFT)
        self.change_reason = change_reason
        self.history_user = history_user
        self.changed_rows = set()

    def upsert(self, where, *args, **kwargs):
        saved_before = self.created + self.updated
        obj = super().upsert(where, *args, **kwargs)
        if self.created + self.updated != saved_before:
            self.changed_rows.add(int(LOCATION.match(where).group(1)))
        return obj


def loader_error(kind, where, message, numbers, entries, unit):
    """A RowError from the loader's (location, message): its row, column and list entry."""
    index, name, position = LOCATION.match(where).groups()
    column = {key: col for col, key in kind.lists.items()}.get(name, name or "")
    if column == "__all__":
        column = ""
    row_entries = entries[int(index)].get(column, [])
    if position is not None and int(position) < len(row_entries):
        token = row_entries[int(position)]
        message = message if f"'{token}'" in message else f"'{token}': {message}"
    return RowError(numbers[int(index)], column, message, unit)


def merged_slugs(model, slugs):
    """{retired slug: why a row cannot use it} for people merged into another record.

    The row describes the record that was merged away: writing it onto the survivor could
    overwrite the name an editor chose, and skipping it would report a change that was never
    made. (A release's ``people`` may still name a retired slug: that means the survivor.)"""
    if model is not Prisoner:
        return {}
    redirects = PrisonerRedirect.objects.filter(old_slug__in=slugs).select_related("prisoner")
    return {r.old_slug: (f"'{r.old_slug}' was merged into '{r.prisoner.slug}' (#{r.prisoner_id}); "
                         f"write that slug to change the person.") for r in redirects}


def import_file(data: bytes, *, kind, fmt, filename, user=None, dry_run=False) -> ImportResult:
    """Import ``data`` (the file's bytes) as records of ``kind``, all or nothing.

    Returns an ImportResult, or raises ImportRefused listing every problem; then (and on a
    dry run) nothing is stored. History rows carry ``user`` and "Imported from <filename>"."""
    spec = KINDS[kind]
    unit, header, rows, errors = read_rows(data, fmt)
    column_errors = check_columns(spec, unit, header, rows)
    if header is not None and column_errors:
        raise ImportRefused(column_errors + errors)  # a bad header: every row would repeat it
    errors += column_errors
    bad_rows = {e.row for e in errors}
    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        slugs = [str(row.get("slug", "")) for _, row in rows]
        stored_status = dict(spec.model.objects.filter(slug__in=slugs).values_list("slug", "publication_status"))
        merged = merged_slugs(spec.model, slugs)
        records, numbers, entries, first_line = [], [], [], {}
        for number, row in rows:
            record, row_entries, problems = to_record(spec, row, stored_status, user)
            slug = record["slug"]
            if slug in merged:
                problems.append(("slug", merged[slug]))
            if slug and slug in first_line:
                problems.append(("slug", f"'{slug}' is also on {unit} {first_line[slug]}."))
            first_line.setdefault(slug, number)
            if problems or number in bad_rows:
                errors.extend(RowError(number, column, message, unit) for column, message in problems)
                continue
            records.append(record)
            numbers.append(number)
            entries.append(row_entries)
        loader = ImportLoader(f"Imported from {PurePath(filename).name}", user)
        getattr(loader, spec.section)(records)
        errors += [loader_error(spec, where, message, numbers, entries, unit) for where, message in loader.errors]
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: (e.row or 0, e.field)))
    for index, record in enumerate(records):
        outcome = (result.created if record["slug"] not in stored_status
                   else result.updated if index in loader.changed_rows else result.unchanged)
        outcome.append(record["slug"])
    return result
