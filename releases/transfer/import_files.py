"""Records as import files: the inverse of ``releases/transfer/importing.py``, for editors.

An editor exports releases, people, parties or sources (drafts and internal notes included:
this is the admin's, never the public's), edits the file in a spreadsheet and imports it back.
Exporting and importing again changes nothing; the same files rebuild the records in an
empty tracker.

Decisions:
- **Exactly the import's columns**, in its format: slugs for references, ``;`` between list
  entries, ``slug:role`` for a release's parties, ``true``/``false``, ISO dates, country codes.
  What the import format cannot carry is left out, and an import leaves it as it is: a name's
  language and script, a citizenship's note, a role's note, a release person's destination,
  and a release's citations with a specific claim or a quote (``sources`` lists the sources of
  its general, unquoted citations, which is what the column writes).
- **Spreadsheet-safe CSV**: a cell starting with ``=``, ``+``, ``-`` or ``@`` is prefixed with
  ``'``, as in the public CSV; the import takes that prefix off again.
- **Refused rather than silently wrong**: a CSV in which a list entry itself contains ``;``
  (a name such as "A; B" would come back as two names), and more records than one import
  file may hold (``MAX_ROWS``). The JSON export has no separator problem.
"""
import csv
import datetime
import io
import json

from releases.transfer.spreadsheet import cell
from releases.transfer.importing import KINDS, MAX_ROWS, SEPARATOR
from releases.models import ClaimKind


class ExportRefused(Exception):
    """Nothing was exported; the message says why, for an editor."""


def display_name(record):
    return getattr(record, "preferred_name", None) or getattr(record, "name", "")


def other_names(record):
    return [n.text for n in record.names.all() if n.text != display_name(record)]


def citizenships(record):
    return [c.country.code for c in record.citizenships.all()]


def people(release):
    return [p.prisoner.slug for p in release.released_people.all()]


def parties(release):
    return [f"{r.party.slug}:{r.role}" for r in release.party_roles.all()]


def sources(release):
    """The import's ``sources`` column writes general, unquoted citations of the release itself."""
    return [c.source.slug for c in release.citations.all()
            if c.claim == ClaimKind.GENERAL and not c.quote and c.prisoner_id is None and c.party_id is None]


LISTS = {"other_names": other_names, "citizenships": citizenships, "people": people,
         "parties": parties, "sources": sources}
PREFETCH = {"other_names": ["names"], "citizenships": ["citizenships"],
            "people": ["released_people__prisoner"], "parties": ["party_roles__party"],
            "sources": ["citations__source"]}


def text(value):
    """A stored value as the import reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(getattr(value, "code", value))  # a country: its code


def records(kind, queryset):
    """{column: text or list of texts} for each record of ``queryset``, in id order."""
    spec = KINDS[kind]
    related = [name for column in spec.lists for name in PREFETCH[column]]
    queryset = queryset.select_related(*spec.references).prefetch_related(*related).order_by("pk")
    if queryset.count() > MAX_ROWS:
        raise ExportRefused(f"An import file holds at most {MAX_ROWS:,} records: select fewer and "
                            "export them in several files.")
    for record in queryset:
        row = {"slug": record.slug, "publication_status": record.publication_status,
               "internal_notes": record.internal_notes}
        row.update({name: text(getattr(record, name)) for name in spec.fields})
        for name in spec.references:
            target = getattr(record, name)
            row[name] = target.slug if target is not None else ""
        row.update({column: LISTS[column](record) for column in spec.lists})
        yield row


def csv_cell(value, record):
    if isinstance(value, list):
        clashing = [entry for entry in value if SEPARATOR in entry]
        if clashing:
            raise ExportRefused(f"“{clashing[0]}” (of {record['slug']}) contains '{SEPARATOR}', which "
                                "a CSV import reads as two entries: export as JSON instead.")
        value = f"{SEPARATOR} ".join(value)
    return cell(value)  # the public CSV's guard against formulas


def export_file(kind, queryset, fmt):
    """The bytes of an import file of ``kind`` holding ``queryset``, or ExportRefused."""
    rows = list(records(kind, queryset))
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(KINDS[kind].columns)
    for row in rows:
        writer.writerow([csv_cell(row[column], row) for column in KINDS[kind].columns])
    return out.getvalue().encode()
