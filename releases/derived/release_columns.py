"""A release's derived columns, read by filters and statistics instead of joins over a million
rows: ``people_named``, how many published people it names, and ``released_citizenships``,
their citizenships as "|BY|RU|".

Derived data, like the name keys: refreshed from signals, so every way it can change (a
person's citizenship added or removed, a person published or unpublished, named in a release
or removed from it, merged) keeps it exact without the caller remembering. Written with
``update()``: no history row and no ``updated_at`` change of its own (the change that caused
it already has both). Only published people count, so a filter never reveals a draft.
"""
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from releases.models import Citizenship, Prisoner, ReleasedPerson, ReleaseEvent


def as_column(codes) -> str:
    codes = sorted({str(code) for code in codes if code})
    return f"|{'|'.join(codes)}|" if codes else ""


def contains(code: str) -> str:
    """The text a release's column holds when one of its people has this citizenship."""
    return f"|{code}|"


@transaction.atomic
def refresh(release_ids) -> None:
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


def rebuild(batch=5000) -> None:
    ids = list(ReleaseEvent.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        refresh(ids[start:start + batch])


def releases_of(prisoner_id):
    return ReleasedPerson.objects.filter(prisoner_id=prisoner_id).values_list("release_id", flat=True)


def on_prisoner_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(releases_of(instance.pk))


def on_citizenship_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(releases_of(instance.prisoner_id))


def on_released_person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh([instance.release_id])


def connect():
    post_save.connect(on_prisoner_saved, sender=Prisoner, dispatch_uid="derived-prisoner")
    for signal in (post_save, post_delete):
        signal.connect(on_citizenship_changed, sender=Citizenship,
                       dispatch_uid=f"derived-citizenship-{signal is post_save}")
        signal.connect(on_released_person_changed, sender=ReleasedPerson,
                       dispatch_uid=f"derived-released-{signal is post_save}")
