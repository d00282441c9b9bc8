"""CSV: one flat row per item, every matching row, streamed in chunks (memory stays flat)."""
import csv
from collections import defaultdict
from itertools import islice
from operator import itemgetter

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from releases.web.links import path_to
from releases.transfer.spreadsheet import cell
from releases.models import Citation, Citizenship, PartyRole, ReleasedPerson
from releases.models.dates import format_period

CHUNK_SIZE = 2000


class CSVRenderer(BaseRenderer):
    """Lets ``?format=csv`` and ``Accept: text/csv`` select CSV; the views stream the body."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The views stream every CSV body themselves and errors are answered in JSON, so
        # this only renders the empty body of a 304.
        return b""


def joined(values):
    return "; ".join(str(v) for v in values if v not in (None, ""))


def codes(countries):
    return joined(c.code for c in countries)


RELEASE_FIELDS = [
    "id", "title", "kind", "date_from", "date_to", "date_precision", "releasing_country",
    "handover_place", "destination", "destination_country", "announced_total",
    "announced_total_is_minimum", "updated_at",
]
RELEASE_HEADER = [
    "id", "url", "title", "kind", "date_from", "date_to", "date_precision", "date_display",
    "releasing_country", "handover_place", "destination", "destination_country", "announced_total",
    "announced_total_is_minimum", "people", "people_ids", "citizenships", "parties", "sources",
    "citation_count", "updated_at",
]
RELEASE_COLUMNS = [(name, itemgetter(name)) for name in RELEASE_HEADER]


def release_rows(queryset):
    """One dict per release of ``queryset`` (its RELEASE_HEADER columns), from plain values:
    the releases stream from one query and each chunk adds four, with no model instances.
    Building the nested objects of ``with_related()`` made a CSV 2,000 rows a second; the same
    published-only rules apply (``published()`` on every nested table)."""
    rows = queryset.prefetch_related(None).values(*RELEASE_FIELDS).iterator(CHUNK_SIZE)
    while releases := list(islice(rows, CHUNK_SIZE)):
        chunk = [row["id"] for row in releases]
        people = defaultdict(list)
        for release_id, prisoner_id, name in (
                ReleasedPerson.objects.published().filter(release__in=chunk).order_by("release", "id")
                .values_list("release_id", "prisoner_id", "prisoner__preferred_name")):
            people[release_id].append((prisoner_id, name))
        citizenships = defaultdict(set)
        for prisoner_id, country in Citizenship.objects.filter(
                prisoner__in={pk for named in people.values() for pk, _ in named}).values_list("prisoner_id", "country"):
            citizenships[prisoner_id].add(country)
        parties = defaultdict(list)
        for release_id, name, role in (PartyRole.objects.published().filter(release__in=chunk)
                                       .order_by("release", "id").values_list("release_id", "party__name", "role")):
            parties[release_id].append(f"{name} ({role})")
        outlets = defaultdict(list)
        for release_id, outlet in Citation.objects.published().filter(release__in=chunk).values_list(
                "release_id", "source__outlet"):
            outlets[release_id].append(outlet)
        for row in releases:
            pk, named = row["id"], people[row["id"]]
            yield {
                **row,
                "url": path_to("releases:release-detail", pk),
                "date_display": format_period(row["date_from"], row["date_to"], row["date_precision"]),
                "people": joined(name for _, name in named),
                "people_ids": joined(prisoner_id for prisoner_id, _ in named),
                "citizenships": joined(sorted({c for prisoner_id, _ in named for c in citizenships[prisoner_id]})),
                "parties": joined(parties[pk]),
                "sources": joined(sorted(set(outlets[pk]))),
                "citation_count": len(outlets[pk]),
                "updated_at": row["updated_at"].isoformat(),
            }


PRISONER_COLUMNS = [
    ("id", lambda p: p.id),
    ("url", lambda p: p.get_absolute_url()),
    ("preferred_name", lambda p: p.preferred_name),
    ("other_names", lambda p: joined(n.text for n in p.names.all() if n.text != p.preferred_name)),
    ("citizenships", lambda p: codes(c.country for c in p.citizenships.all())),
    ("status", lambda p: p.current_status),
    ("birth_year", lambda p: p.birth_year),
    ("reported_age", lambda p: p.reported_age),
    ("age_reported_on", lambda p: p.age_reported_on),
    ("occupation", lambda p: p.occupation),
    ("release_ids", lambda p: joined(r.release_id for r in p.public_releases)),
    ("updated_at", lambda p: p.updated_at.isoformat()),
]

PARTY_COLUMNS = [
    ("id", lambda p: p.id),
    ("url", lambda p: p.get_absolute_url()),
    ("name", lambda p: p.name),
    ("other_names", lambda p: joined(n.text for n in p.names.all() if n.text != p.name)),
    ("kind", lambda p: p.kind),
    ("country", lambda p: p.country.code),
    ("parent", lambda p: p.public_parent.name if p.public_parent else ""),
    ("position", lambda p: p.position),
    ("updated_at", lambda p: p.updated_at.isoformat()),
]

SOURCE_COLUMNS = [
    ("id", lambda s: s.id),
    ("url", lambda s: s.get_absolute_url()),
    ("outlet", lambda s: s.outlet),
    ("title", lambda s: s.title),
    ("link", lambda s: s.url),
    ("author", lambda s: s.author),
    ("language", lambda s: s.language),
    ("published_on", lambda s: s.published_on),
    ("kind", lambda s: s.kind),
    ("cited_via", lambda s: s.public_cited_via.id if s.public_cited_via else ""),
    ("updated_at", lambda s: s.updated_at.isoformat()),
]

CITATION_COLUMNS = [
    ("id", lambda c: c.id),
    ("url", lambda c: c.get_absolute_url()),
    ("source_id", lambda c: c.source_id),
    ("outlet", lambda c: c.source.outlet),
    ("claim", lambda c: c.claim),
    ("account", lambda c: c.account),
    ("quote", lambda c: c.quote),
    ("release_id", lambda c: c.release_id),
    ("prisoner_id", lambda c: c.prisoner_id),
    ("party_id", lambda c: c.party_id),
]


class Echo:
    """A file-like object whose write() hands the line back, for csv.writer."""

    def write(self, value):
        return value


def stream_csv(request, rows, columns, filename):
    """A streamed CSV response: header, then one line per object of ``rows``."""
    site = request.build_absolute_uri("/").rstrip("/")
    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow([name for name, _ in columns])
        for obj in rows:
            # The `url` column holds the public page's path: make it absolute.
            yield writer.writerow([
                cell(site + get(obj) if name == "url" else get(obj)) for name, get in columns
            ])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
