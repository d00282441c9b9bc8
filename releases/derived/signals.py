"""Every receiver of a write, in one place: what each keeps exact.

    signal                  sender                   keeps exact
    ----------------------  -----------------------  --------------------------------------------
    post_save               Prisoner                 the person's name keys (preferred name);
                                                     their releases' columns (publication)
    post_save, post_delete  PrisonerName             the person's name keys
    post_save, post_delete  Citizenship              the columns of the person's releases
    post_save, post_delete  ReleasedPerson           the release's columns
    pre_delete, post_delete every historized model   one deletion, one history date
                                                     (``stamp_deletion``; services/restoring.py)

Name keys: ``NameKey``/``SearchTerm`` (derived/name_keys.py). A release's columns:
``people_named``/``released_citizenships`` (derived/release_columns.py). Each is rebuilt by
hand: ``manage.py rebuild_name_keys``, ``manage.py rebuild_release_columns``. The one other
thing a save does on its own is ``Publishable.save()`` keeping ``published_at``
(models/publication.py). Not about writes, and connected in apps.py: the trigram threshold
of each PostgreSQL connection, the editors' groups after migrate.

Decision: derived data is refreshed once per write, at its end. The receivers only note which
people and releases changed; ``refresh_pending`` brings those up to date. A write is

- a ``one_write()`` block: one transaction, refreshed once just before it commits (inside it:
  no reader ever sees the rows without their derived data; if the block fails, it all rolls
  back and nothing is refreshed). Blocks inside it join it. Every editors' write runs in one:
  each admin POST (tracker/admin_site.py), each API create or update (api/writers.py), a
  merge, a restore, the import and demo-load commands. So saving a person with N names
  refreshes their keys once, not N+1 times, and a release naming 20 people its columns once,
  not 20 times.
- any save or delete made outside one (the shell, a factory in a test): it is a write of its
  own, refreshed as soon as it is done, so what was written reads back exact at once.

Why not ``transaction.on_commit`` (simonwillisonblog's way): a reader in the same
transaction, the API answering the write it just made or a test inside its test
transaction, would see stale data until the commit, and in a test the commit never comes.
Why not lazily, before a read: the columns are read by filters, statistics and plain
querysets, with no one place to hook.

Deleting a person: Django deletes their names first, while the person still exists. A name
deleted with its person notes nothing (the ``origin`` Django gives the deletion says so): the
person's keys are deleted with them, and a refresh then would write keys for someone about to
disappear. Everything noted is refreshed from the rows as they are, and refreshing someone
who no longer exists writes nothing, so no receiver needs to know what another is doing.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from releases.derived import name_keys, release_columns
from releases.models import Citizenship, Prisoner, PrisonerName, ReleasedPerson


# -- once per write ---------------------------------------------------------------------------

@dataclass
class Pending:
    """What one write changed: people whose keys, and releases whose columns, to refresh."""

    keys: set = field(default_factory=set)  # prisoner ids
    people: set = field(default_factory=set)  # prisoner ids: refresh the columns of their releases
    releases: set = field(default_factory=set)  # release ids


_write: ContextVar[Pending | None] = ContextVar("derived_pending", default=None)


@contextmanager
def one_write():
    """Run the block as one transaction whose derived data is refreshed once, at its end,
    before the commit; nested blocks join the outermost (see the module's docstring).
    Also a decorator."""
    with transaction.atomic():
        if _write.get() is not None:
            yield
            return
        pending = Pending()
        token = _write.set(pending)
        try:
            yield
        finally:
            _write.reset(token)
        # Not reached if the block raised: the transaction rolls back, nothing to refresh.
        refresh_pending(pending)


def refresh_pending(pending: Pending) -> None:
    """Bring the derived data of what ``pending`` lists up to date with the rows as they are."""
    if pending.keys:
        name_keys.refresh(pending.keys)
    releases = set(pending.releases)
    if pending.people:
        releases.update(release_columns.releases_of(pending.people))
    release_columns.refresh(releases)


def changed(*, keys=(), people=(), releases=()) -> None:
    """Note what a save or delete changed: refreshed at the end of the write it belongs to,
    or now if it is a write of its own."""
    pending = _write.get() or Pending()
    pending.keys.update(keys)
    pending.people.update(people)
    pending.releases.update(releases)
    if _write.get() is None:
        refresh_pending(pending)


# -- receivers: each notes what changed ----------------------------------------------------------

def prisoner_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(keys=[instance.pk], people=[instance.pk])


def name_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(keys=[instance.prisoner_id])


def name_deleted(sender, instance, origin=None, **kwargs):
    # Deleted because its person is (Django sends the person's delete as ``origin``): the
    # person's keys are deleted with them, and refreshing now, while the person still
    # exists, would write keys for someone about to disappear.
    if not deleted_with_person(origin, instance.prisoner_id):
        changed(keys=[instance.prisoner_id])


def citizenship_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(people=[instance.prisoner_id])


def released_person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(releases=[instance.release_id])


def deleted_with_person(origin, prisoner_id) -> bool:
    """Whether the deletion that ``origin`` started deletes person ``prisoner_id``: it is
    that person, or a queryset of people (whose cascade reaches only their own names)."""
    if isinstance(origin, models.QuerySet):
        return origin.model is Prisoner
    return isinstance(origin, Prisoner) and origin.pk == prisoner_id


# -- one deletion, one moment (services/restoring.py explains why) ------------------------------

class _Stamp:
    def __init__(self):
        self.moment = timezone.now()
        self.done = False


def stamp_deletion(sender, instance, origin=None, **kwargs):
    """Give every row of one deletion the same history date.

    Django sends ``pre_delete`` for all rows before it deletes any, then ``post_delete``; a
    stamp that has seen a ``post_delete`` is over, so deleting the same object (or queryset)
    again later gets a new moment."""
    stamp = getattr(origin, "_deletion_stamp", None)
    if stamp is None or stamp.done:
        stamp = _Stamp()
        try:
            origin._deletion_stamp = stamp
        except AttributeError:  # no origin (a raw Collector): the row gets its own moment
            pass
    instance._history_date = stamp.moment


def end_deletion(sender, instance, origin=None, **kwargs):
    # Runs after simple_history wrote the "-" row; the instance may be saved again later
    # (e.g. restored in memory) and must not carry the deletion's date into that history row.
    instance.__dict__.pop("_history_date", None)
    stamp = getattr(origin, "_deletion_stamp", None)
    if stamp is not None:
        stamp.done = True


# -- connecting, from apps.ready() ---------------------------------------------------------------

def connect():
    # Imported here: restoring.py runs its writes in ``one_write``, from this module.
    from releases.services.restoring import historized_models

    post_save.connect(prisoner_saved, sender=Prisoner, dispatch_uid="derived-prisoner-saved")
    post_save.connect(name_saved, sender=PrisonerName, dispatch_uid="derived-name-saved")
    post_delete.connect(name_deleted, sender=PrisonerName, dispatch_uid="derived-name-deleted")
    for signal in (post_save, post_delete):
        suffix = "saved" if signal is post_save else "deleted"
        signal.connect(citizenship_changed, sender=Citizenship, dispatch_uid=f"derived-citizenship-{suffix}")
        signal.connect(released_person_changed, sender=ReleasedPerson,
                       dispatch_uid=f"derived-released-person-{suffix}")
    for model in historized_models():
        label = model._meta.label_lower
        pre_delete.connect(stamp_deletion, sender=model, dispatch_uid=f"recovery-stamp-{label}")
        post_delete.connect(end_deletion, sender=model, dispatch_uid=f"recovery-end-{label}")
