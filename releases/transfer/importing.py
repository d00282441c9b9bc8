"""Bulk import of one kind of record (releases, people, parties or sources) from a CSV or JSON
file: the admin's Import page and ``manage.py import_data`` both call ``import_file()``.

This module only reads and checks the file and turns each row into a record of the dataset
loader (releases/transfer/loader.py); the loader does the writing, so an import keeps the demo data's
rules: records matched on slug, ``full_clean()`` on each, one transaction, and a row that
changes nothing saves nothing and writes no history. Every problem is reported with its row
(CSV line, or JSON item counting from 1), column and reason; if there is one, nothing is
stored. The columns of each kind are declared in releases/transfer/kinds.py; the format is
described in README.md, "Bulk import".

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
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import transaction

from releases.transfer.kinds import KINDS, BadCell, Entries, tokens
from releases.transfer.loader import Loader
from releases.transfer.spreadsheet import unguarded
from releases.models import Prisoner, PrisonerRedirect, PublicationStatus
from releases.services.publication import PublicationRefused, check_publication_change

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Problem:
    """One problem: ``row`` is the CSV line or the JSON item (from 1), None for the whole file;
    ``column`` is empty where the problem is the whole row's."""

    row: int | None
    column: str
    message: str
    unit: str = "line"

    def __str__(self):
        if self.row is None:
            return f"{self.column}: {self.message}" if self.column else self.message
        where = f"{self.unit} {self.row}"
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class ImportRefused(Exception):
    """Nothing was stored; ``errors`` lists every Problem found."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def refuse(message, column=""):
    raise ImportRefused([Problem(None, column, message)])


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
                errors.append(Problem(line, "", f"has {len(cells)} cells; the header has {len(columns)}."))
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
            errors.append(Problem(number, "", "is not an object ({\"slug\": ...}).", "item"))
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
            errors.append(Problem(number, name, "unknown column. Columns for "
                                  f"{kind.section}: {', '.join(kind.columns)}.", unit))
        for name in kind.required:
            if name not in names:
                errors.append(Problem(number, name, "required column is missing.", unit))
    return errors


# -- one row -> one loader record -------------------------------------------------------------
def to_record(kind, row, stored_status, user):
    """(loader record, [(column, message)]) for one row."""
    record, problems = {}, []
    for name, value in row.items():
        column = kind.column(name)
        try:
            record[column.key] = column.read(kind.model, value)
        except BadCell as error:
            problems.append((name, str(error)))
    record["slug"] = str(record.get("slug", ""))
    stored = stored_status.get(record["slug"])
    status = record.get("publication_status") or stored or PublicationStatus.DRAFT
    record["publication_status"] = status
    try:
        check_publication_change(user, kind.model, stored, status)
    except PublicationRefused as refusal:
        problems.append(("publication_status", refusal.message))
    return record, problems


# -- writing ----------------------------------------------------------------------------------
class ImportLoader(Loader):
    """The dataset loader, noting which records (by their position) it saved something for,
    with the import's history reason and user."""

    def __init__(self, change_reason, history_user):
        super().__init__(PublicationStatus.DRAFT)
        self.change_reason = change_reason
        self.history_user = history_user
        self.changed_records = set()

    def upsert(self, where, *args, **kwargs):
        saved_before = self.created + self.updated
        obj = super().upsert(where, *args, **kwargs)
        if self.created + self.updated != saved_before:
            self.changed_records.add(where.index)
        return obj


def row_problem(kind, problem, numbers, cells, unit):
    """The Problem of a file's row for the loader's DatasetProblem: the row of the record, the
    column of the record's key, and the entry a list column's problem is about."""
    at, message = problem.at, problem.message
    column = kind.column_of_key(at.key)
    if isinstance(column, Entries) and at.position is not None:
        # The row's cell was read without a BadCell before the loader saw it: it splits again.
        token = tokens(cells[at.index][column.name])[at.position]
        message = message if f"'{token}'" in message else f"'{token}': {message}"
    name = column.name if column is not None else at.key or ""
    return Problem(numbers[at.index], "" if name == "__all__" else name, message, unit)


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
        records, numbers, cells, first_line = [], [], [], {}
        for number, row in rows:
            record, problems = to_record(spec, row, stored_status, user)
            slug = record["slug"]
            if slug in merged:
                problems.append(("slug", merged[slug]))
            if slug and slug in first_line:
                problems.append(("slug", f"'{slug}' is also on {unit} {first_line[slug]}."))
            first_line.setdefault(slug, number)
            if problems or number in bad_rows:
                errors.extend(Problem(number, column, message, unit) for column, message in problems)
                continue
            records.append(record)
            numbers.append(number)
            cells.append(row)
        loader = ImportLoader(f"Imported from {PurePath(filename).name}", user)
        getattr(loader, spec.section)(records)
        errors += [row_problem(spec, problem, numbers, cells, unit) for problem in loader.problems]
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: (e.row or 0, e.column)))
    for index, record in enumerate(records):
        outcome = (result.created if record["slug"] not in stored_status
                   else result.updated if index in loader.changed_records else result.unchanged)
        outcome.append(record["slug"])
    return result
