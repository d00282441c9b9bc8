"""CSV: one flat row per item, every matching row, streamed in chunks (memory stays flat)."""
import csv

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

CHUNK_SIZE = 2000
# Cells starting with these are formulas to a spreadsheet: prefix them so they stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


RELEASE_COLUMNS = [
    ("id", lambda r: r.id),
    ("url", lambda r: r.get_absolute_url()),
    ("title", lambda r: r.title),
    ("kind", lambda r: r.kind),
    ("date_from", lambda r: r.date_from),
    ("date_to", lambda r: r.date_to),
    ("date_precision", lambda r: r.date_precision),
    ("date_display", lambda r: r.date_display),
    ("releasing_country", lambda r: r.releasing_country.code),
    ("handover_place", lambda r: r.handover_place),
    ("destination", lambda r: r.destination),
    ("destination_country", lambda r: r.destination_country.code),
    ("announced_total", lambda r: r.announced_total),
    ("announced_total_is_minimum", lambda r: r.announced_total_is_minimum),
    ("people", lambda r: joined(p.prisoner.preferred_name for p in r.public_people)),
    ("people_ids", lambda r: joined(p.prisoner_id for p in r.public_people)),
    ("citizenships", lambda r: joined(sorted({
        c.country.code for p in r.public_people for c in p.prisoner.citizenships.all()
    }))),
    ("parties", lambda r: joined(f"{role.party.name} ({role.role})" for role in r.public_roles)),
    ("sources", lambda r: joined(sorted({c.source.outlet for c in r.public_citations}))),
    ("citation_count", lambda r: len(r.public_citations)),
    ("updated_at", lambda r: r.updated_at.isoformat()),
]

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


def cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


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
