"""Counts behind the statistics page and its CSV: releases and people released, by month,
cumulatively, by releasing country and by citizenship, for any filtered set of releases.

"People released" per release is the larger of the announced total and the number of
published people named, so a wave of "more than 200" counts 200 even with no one named.
Every figure is computed by the database in one grouped query per table, from the release's
derived count of published people named (``people_named``, kept by releases/derived/release_columns.py).
"""
import datetime

from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django_countries import countries

from releases.models import Citizenship, ReleasedPerson
from releases.models.dates import MonthOf


def _people_released():
    # people_named is the release's derived count of published people named
    # (releases/derived/release_columns.py): a correlated count per release took 9 s at a million releases.
    return Greatest(Coalesce("announced_total", Value(0)), F("people_named"))


def _months(first, last):
    month = first
    while month <= last:
        yield month
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def monthly(releases):
    """[{"month": date, "releases": n, "people": n, "cumulative_people": n}], oldest first,
    every month from the first to the last included (empty months count zero: the time axis
    must not skip them)."""
    counted = {
        _as_date(row["month"]): row for row in
        releases.order_by().annotate(month=MonthOf("date_from")).values("month")
        .annotate(releases=Count("pk"), people=Sum(_people_released()))
    }
    if not counted:
        return []
    total, out = 0, []
    for month in _months(min(counted), max(counted)):
        row = counted.get(month, {})
        total += row.get("people") or 0
        out.append({"month": month, "releases": row.get("releases", 0),
                    "people": row.get("people") or 0, "cumulative_people": total})
    return out


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def by_country(releases):
    """[{"country": code, "name": str, "releases": n, "people": n}], most people first."""
    rows = (
        releases.order_by().values("releasing_country")
        .annotate(releases=Count("pk"), people=Sum(_people_released()))
        .order_by("-people", "releasing_country")
    )
    return [
        {"country": r["releasing_country"], "name": countries.name(r["releasing_country"]) or "Not stated",
         "releases": r["releases"], "people": r["people"] or 0}
        for r in rows
    ]


def by_citizenship(releases):
    """[{"country": code, "name": str, "people": n}]: named published people, by citizenship
    (a dual national counts once for each country)."""
    # Citizenships of the people released, a semi-join on their ids: grouping the join of
    # released people with citizenships took 21 s at a million releases on SQLite.
    released = ReleasedPerson.objects.published().filter(release__in=releases.values("pk")).values("prisoner")
    rows = (
        Citizenship.objects.filter(prisoner__in=released).order_by().values("country")
        .annotate(people=Count("prisoner", distinct=True)).order_by("-people", "country")
    )
    return [{"country": r["country"], "name": countries.name(r["country"]), "people": r["people"]} for r in rows]


TABLES = {
    "monthly": (monthly, ["month", "releases", "people", "cumulative_people"]),
    "countries": (by_country, ["country", "name", "releases", "people"]),
    "citizenships": (by_citizenship, ["country", "name", "people"]),
}
