"""The search keys (``NameKey``, ``SearchTerm``): derived from people's names.

The keys are derived data, like a search engine's index. ``refresh`` runs once per write that
changes a name (the receivers are in derived/signals.py: every way a name changes, admin, API,
import, history revert, merge, shell, goes through ``save()``/``delete()`` of a Prisoner or
PrisonerName, and none of them has to remember to call us). ``rebuild`` does it in bulk, for
data written with ``bulk_create`` and after the matching rules change
(``manage.py rebuild_name_keys``).
"""
from django.db import transaction

from releases.models import NameKey, Prisoner, SearchTerm

from releases.search.search import names_of

from releases.search.words import index_keys


def is_term(key: str) -> bool:
    """Keys that misspelt words are compared with: the words' keys, not the stored spellings,
    coarse keys or given-name groups (those have a prefix)."""
    return key[:1].isalpha()

BATCH = 2000


@transaction.atomic
def refresh(prisoner_ids) -> int:
    """Make these people's keys exactly those of their current names; returns rows written.
    An id of a person who no longer exists writes nothing."""
    prisoner_ids = list(prisoner_ids)
    NameKey.objects.filter(prisoner__in=prisoner_ids).delete()
    rows = [
        NameKey(prisoner_id=pk, key=key)
        for pk, texts in names_of(prisoner_ids, Prisoner.objects.all()).items()
        for key in sorted(index_keys(texts))
    ]
    NameKey.objects.bulk_create(rows, batch_size=BATCH)
    terms = sorted({row.key for row in rows if is_term(row.key)})
    SearchTerm.objects.bulk_create([SearchTerm(key=key) for key in terms], batch_size=BATCH,
                                   ignore_conflicts=True)
    return len(rows)


def rebuild(progress=None) -> int:
    """Refresh every person's keys, in batches, and drop terms no name uses any more;
    returns the number of keys written."""
    written = 0
    SearchTerm.objects.all().delete()
    ids = list(Prisoner.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        written += refresh(ids[start:start + BATCH])
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return written
