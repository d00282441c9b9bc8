"""A release's derived columns, read by filters and statistics instead of joins over a million
rows: ``people_named``, how many published people it names, and ``released_citizenships``,
their citizenships as "|BY|RU|".

Derived data, like the name keys: refreshed once per write by the receivers in
derived/signals.py, so every way it can change (a person's citizenship added or removed, a
person published or unpublished, named in a release or removed from it, merged) keeps it
exact without the caller remembering; ``manage.py rebuild_release_columns`` rebuilds it.
Written with ``update()``: no history row and no ``updated_at`` change of its own (the change
that caused it already has both). Only published people count, so a filter never reveals a
draft.
"""
from collections import defaultdict

from django.db import transaction

from releases.models import ReleasedPerson, ReleaseEvent


def as_column(codes) -> str:
    codes = sorted({str(code) for code in codes if code})
    return f"|{'|'.join(codes)}|" if codes else ""


def contains(code: str) -> str:
    """The text a release's column holds when one of its people has this citizenship."""
    return f"|{code}|"


@transaction.atomic
def refresh(release_ids) -> None:
    """Make these releases' columns exact; only the ones whose values differ are written."""
    release_ids = set(release_ids)
    if not release_ids:
        return
    people = {pk: set() for pk in release_ids}
    codes = {pk: set() for pk in release_ids}
    rows = (ReleasedPerson.objects.published().filter(release__in=release_ids)
            .values_list("release_id", "prisoner_id", "prisoner__citizenships__country"))
    for release_id, prisoner_id, country in rows:
        people[release_id].add(prisoner_id)
        if country:
            codes[release_id].add(country)
    current = {pk: (n, text) for pk, n, text in ReleaseEvent.objects.filter(pk__in=release_ids)
               .values_list("pk", "people_named", "released_citizenships")}
    changed = defaultdict(list)  # one UPDATE per distinct new value, not one per release
    for pk in current:
        value = (len(people[pk]), as_column(codes[pk]))
        if current[pk] != value:
            changed[value].append(pk)
    for (count, text), pks in changed.items():
        ReleaseEvent.objects.filter(pk__in=pks).update(people_named=count, released_citizenships=text)


def rebuild(batch=5000, progress=None) -> int:
    """Refresh every release's columns, in batches; returns the number of releases."""
    ids = list(ReleaseEvent.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        refresh(ids[start:start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)


def releases_of(prisoner_ids):
    """The ids of the releases naming these people."""
    return set(ReleasedPerson.objects.filter(prisoner_id__in=prisoner_ids)
               .values_list("release_id", flat=True))
