"""Deleting is recoverable: the history keeps every deleted record, and ``restore`` brings one
back, with the same id, together with the rows that were deleted with it.

Decisions:
- **One deletion, one moment.** Every row removed by one ``delete()`` (the record and all that
  cascades with it) gets the same ``history_date`` on its "-" history row: ``stamp_deletion``
  (a ``pre_delete`` receiver in derived/signals.py, bookkeeping like simple_history's own)
  takes the moment once per deletion, keyed on Django's ``origin`` of the delete. So
  "deleted in the same cascade" is an exact rule, not a guess from a time window: a child
  comes back with its record when its "-" row points at the record (through the cascading
  foreign key) and carries exactly the record's deletion moment. A row an editor removed
  earlier (a wrong spelling, a citation) stays deleted. Deletions recorded before this module
  existed carry no shared moment; their records come back without children.
- **All or nothing.** One transaction. It is refused, with a sentence naming the reason and
  nothing written, when the id exists again (restored twice), the person was merged into
  another (their id redirects), a unique slug is now another record's, or a record the restored
  rows refer to (a released person's prisoner, a role's party, a source) no longer exists.
  One exception: a child that refers to another record deleted *in the same deletion* (a link
  between two releases deleted together) waits, and comes back with that other record.
- **Publication.** The record comes back as it was (draft, in review or published), except that
  a user without the model's publish permission gets a published record back as a draft:
  restoring is never a way around the publish right.
- **Attribution.** Each restored row gets a "+" history row by the restoring user, with the
  reason ``RESTORED``. ``updated_at`` is now (the record changed: its version and the data
  version move); ``created_at`` and ``published_at`` are the record's own, as before deletion.
- Derived columns and name search keys follow once, at the end of the restore (``one_write``).
"""
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction

from releases.derived.signals import one_write
from releases.models import PrisonerRedirect, Prisoner, Publishable, PublicationStatus
from releases.services.publication import may_change_publication

RESTORED = "Restored after deletion"


class RestoreError(Exception):
    """The record cannot be restored; the message says why, for an editor."""


@dataclass
class Restored:
    record: models.Model
    children: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def historized_models():
    return [model for model in apps.get_app_config("releases").get_models()
            if getattr(model._meta, "simple_history_manager_attribute", None)]


# -- finding deleted records -----------------------------------------------------------------

def merged_away(model):
    """Ids that left by a merge, not a deletion: they redirect to the kept record (or did,
    before the kept record was deleted in turn: restoring that brings the redirect back)."""
    if model is Prisoner:
        return (set(PrisonerRedirect.objects.values_list("old_id", flat=True))
                | set(PrisonerRedirect.history.values_list("old_id", flat=True)))
    return set()


def deleted(model):
    """The latest "-" history row of each deleted record of ``model``, newest first (with
    ``history_user``); records that exist again, or were merged away, are not listed."""
    rows = (model.history.filter(history_type="-")
            .exclude(id__in=model._base_manager.values("pk"))
            .select_related("history_user").order_by("-history_date", "-history_id"))
    skip, latest = merged_away(model), {}
    for row in rows:
        if row.id not in skip:
            latest.setdefault(row.id, row)
    return list(latest.values())


def last_deletion(model, pk):
    """The "-" history row of the record's latest deletion, or None."""
    return (model.history.filter(id=pk, history_type="-")
            .order_by("-history_date", "-history_id").first())


def name_of(instance):
    """The record's ``__str__``, or "" when that needs a related record that is gone."""
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return ""


def describe(model, pk):
    """'release event #12 (“title”)': a record by its last known name, present or deleted."""
    row = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    name = name_of(row.instance) if row is not None else ""
    return f"{model._meta.verbose_name} #{pk}" + (f" (“{name}”)" if name else "")


# -- restoring ---------------------------------------------------------------------------------

def cascading_relations(model):
    """(child model, foreign key) of every historized row deleted with a ``model`` record."""
    # Hidden relations too (related_name="+": a collection's items).
    relations = [f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]
    return [(rel.related_model, rel.field) for rel in relations
            if rel.on_delete is models.CASCADE and not rel.many_to_many
            and getattr(rel.related_model._meta, "simple_history_manager_attribute", None)]


def deleted_children(model, pk, moment):
    """(model, "-" history row) of the rows deleted with record ``pk`` at ``moment`` that do
    not exist now."""
    found = {}
    for child_model, fk in cascading_relations(model):
        rows = child_model.history.filter(history_type="-", history_date=moment, **{fk.attname: pk})
        existing = set(child_model._base_manager.filter(pk__in=[r.id for r in rows])
                       .values_list("pk", flat=True))
        for row in rows:
            if row.id not in existing:
                found[(child_model, row.id)] = row
    return [(child_model, row) for (child_model, _), row in sorted(
        found.items(), key=lambda item: (item[0][0]._meta.label, item[0][1]))]


def missing_references(instance, moment, ignore=()):
    """(field, target model, id, waits) for each foreign key of ``instance`` whose target does
    not exist; ``waits`` when the target was deleted in the same deletion (at ``moment``)."""
    missing = []
    for fk in instance._meta.concrete_fields:
        if not fk.is_relation or fk.name in ignore:
            continue
        target_id = getattr(instance, fk.attname)
        target = fk.related_model
        if target_id is None or target._base_manager.filter(pk=target_id).exists():
            continue
        deletion = last_deletion(target, target_id) if hasattr(target, "history") else None
        missing.append((fk, target, target_id, deletion is not None and deletion.history_date == moment))
    return missing


def refuse_missing(what, references):
    """Refuse, naming the first of ``references`` (as from ``missing_references``)."""
    if references:
        fk, target, target_id, _ = references[0]
        raise RestoreError(
            f"Cannot restore: {what} refers to {describe(target, target_id)} as its "
            f"{fk.verbose_name}, which no longer exists. Restore that first.")


def refuse_taken_values(record):
    """Unique fields (the slug) another record has taken since the deletion."""
    model = type(record)
    for unique in model._meta.concrete_fields:
        if not unique.unique or unique.primary_key:
            continue
        value = getattr(record, unique.attname)
        other = model._base_manager.filter(**{unique.attname: value}).exclude(pk=record.pk).first()
        if other is not None:
            raise RestoreError(
                f"Cannot restore: its {unique.verbose_name} “{value}” is now used by "
                f"{model._meta.verbose_name} #{other.pk} (“{other}”). Change that record's "
                f"{unique.verbose_name} first.")
    if model is Prisoner and PrisonerRedirect.objects.filter(old_slug=record.slug).exists():
        raise RestoreError(f"Cannot restore: the slug “{record.slug}” belonged to a record merged "
                           "into another since; slugs are never reused.")


def m2m_targets(model, row, moment):
    """{m2m field: target ids} of a deleted row, from its last version before the deletion
    (its "-" row is written after Django removed the links). Targets deleted before the row
    are left out, as they were already gone when it was deleted; targets deleted since are
    refused (restore them first)."""
    fields = [f for f in model._meta.many_to_many
              if f in getattr(model.history.model, "_history_m2m_fields", [])]
    if not fields:
        return {}
    before = (model.history.filter(id=row.id).exclude(history_type="-")
              .order_by("-history_date", "-history_id").first())
    targets = {}
    for m2m in fields:
        target = m2m.related_model
        column = m2m.m2m_reverse_field_name()
        ids = set(getattr(before, m2m.name).values_list(f"{column}_id", flat=True)) if before else set()
        present = set(target._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for target_id in ids - present:
            deletion = last_deletion(target, target_id)
            if deletion is not None and deletion.history_date > moment:
                raise RestoreError(
                    f"Cannot restore: {describe(model, row.id)} refers to "
                    f"{describe(target, target_id)} ({m2m.verbose_name}), which no longer exists. "
                    "Restore that first.")
        targets[m2m.name] = present
    return targets


def save_restored(instance, user):
    """Insert the row as it was, attributed to ``user``, with its own creation time."""
    created = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields
               if getattr(f, "auto_now_add", False)}
    instance._history_user = user
    instance._change_reason = RESTORED
    instance.save(force_insert=True)
    if created:
        # auto_now_add stamps every INSERT; the record was created long ago.
        model = type(instance)
        model._base_manager.filter(pk=instance.pk).update(**created)
        added = model.history.filter(id=instance.pk, history_type="+").order_by("-history_id").first()
        model.history.filter(history_id=added.history_id).update(**created)
        for name, value in created.items():
            setattr(instance, name, value)


@one_write()
def restore(model, pk, user) -> Restored:
    """Re-create deleted record ``pk`` of ``model`` and the rows deleted with it, or raise
    ``RestoreError`` having changed nothing."""
    pk = model._meta.pk.to_python(pk)
    label = f"{model._meta.verbose_name} #{pk}"
    if model._base_manager.filter(pk=pk).exists():
        raise RestoreError(f"Cannot restore {label}: it exists (it was restored already).")
    if pk in merged_away(model):
        raise RestoreError(f"Cannot restore {label}: it was merged into another record, "
                           "which its id now leads to.")
    deletion = last_deletion(model, pk)
    if deletion is None:
        raise RestoreError(f"Cannot restore {label}: the history has no deletion of it.")
    moment = deletion.history_date
    record = deletion.instance
    result = Restored(record)
    # A deleted record is not public: bringing it back published is publishing it.
    if isinstance(record, Publishable) and not may_change_publication(
            user, model, was_published=False, will_be_published=record.is_published):
        record.publication_status = PublicationStatus.DRAFT
        result.notes.append("It was published; it is restored as a draft, because publishing "
                            "needs the publish permission.")
    refuse_taken_values(record)
    refuse_missing(f"the {model._meta.verbose_name}", missing_references(record, moment))

    children = []
    for child_model, row in deleted_children(model, pk, moment):
        child = row.instance
        parents = [fk.name for _, fk in cascading_relations(model)
                   if fk.model is child_model and getattr(child, fk.attname) == pk]
        missing = missing_references(child, moment, ignore=parents)
        if missing and all(waits for *_, waits in missing):
            result.notes.append(f"{describe(child_model, row.id)} comes back with "
                                f"{describe(missing[0][1], missing[0][2])}, deleted at the same time.")
            continue
        if missing:
            refuse_missing(describe(child_model, row.id), [m for m in missing if not m[3]])
        children.append((child, m2m_targets(child_model, row, moment)))

    try:
        with transaction.atomic():
            save_restored(record, user)
            for child, targets in children:
                save_restored(child, user)
                for name, ids in targets.items():
                    if ids:
                        getattr(child, name).set(ids)
                result.children.append(child)
    except IntegrityError as error:
        raise RestoreError(f"Cannot restore {label}: the database refused it ({error}).") from None
    return result
