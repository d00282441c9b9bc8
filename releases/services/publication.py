"""Changing whether a record is public, and who may: the one place the publish right is asked.

A record's status moves draft → review → published and back. Whether it is *public* changes
only on the way into or out of "published", and only a user with the model's
``publish_<model>`` permission (the Publishers group) may make that change: editors write,
move work to review and save published records, but never put a record online or take one
off. Every write path asks here: the admin (the form, the bulk actions, a history revert),
the API writers, the import, restoring a deleted record and merging two people.

What the public may see once a status is set is the read side: releases/models/publication.py.
"""
from django.core.exceptions import ValidationError

from releases.models import PublicationStatus
from releases.models.publication import is_public

ONLY_PUBLISHERS = "Only publishers can publish or unpublish."


class PublicationRefused(ValidationError):
    """The user may not make this change of publication; ``message`` says so, for an editor."""


def publish_permission(model):
    """The permission that lets a user publish and unpublish records of ``model``."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def may_publish(user, model):
    """Whether ``user`` (None for nobody) may publish and unpublish records of ``model``."""
    return user is not None and user.has_perm(publish_permission(model))


def may_change_publication(user, model, *, was_published, will_be_published):
    """Whether ``user`` may save a record of ``model`` that was public (or not) and will be
    public (or not): always when that does not change, else only with the publish right."""
    return was_published == will_be_published or may_publish(user, model)


def check_publication_change(user, model, stored_status, new_status):
    """Raise PublicationRefused unless ``user`` may move a record of ``model`` from
    ``stored_status`` (None for a new record) to ``new_status``.

    A value that is no status at all is left to the field's own validation, which names the
    choices; it is not also refused here."""
    if new_status not in PublicationStatus.values:
        return
    if not may_change_publication(user, model, was_published=is_public(stored_status),
                                  will_be_published=is_public(new_status)):
        raise PublicationRefused(ONLY_PUBLISHERS, code="publish_permission")


def status_choices(user, model):
    """The statuses ``user`` may choose for records of ``model``: without the publish right,
    every status but "published"."""
    if may_publish(user, model):
        return list(PublicationStatus.choices)
    return [(value, label) for value, label in PublicationStatus.choices if not is_public(value)]


def keep_stored_publication(user, record):
    """For a save that goes ahead whatever the status says (an admin form, a history revert):
    if ``user`` may not change whether ``record`` is public, put back the status it has in the
    database (draft for a new record). True if it did.

    The database is read only for a user without the publish right."""
    model = type(record)
    if may_publish(user, model):
        return False
    stored = (model._base_manager.filter(pk=record.pk)
              .values_list("publication_status", flat=True).first()) or PublicationStatus.DRAFT
    if is_public(stored) == record.is_published:
        return False
    record.publication_status = stored
    return True


def set_status(records, status, user):
    """Move each of ``records`` to ``status``, saving one by one so every change lands in the
    history; records already there, and those whose publication ``user`` may not change
    (an editor sending a published record to review), are left as they are.

    Returns how many were changed."""
    count = 0
    for record in records:
        if record.publication_status == status or not may_change_publication(
                user, type(record), was_published=record.is_published,
                will_be_published=is_public(status)):
            continue
        record.publication_status = status
        record.save()
        count += 1
    return count
