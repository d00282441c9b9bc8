"""Two editors on one record: the second save is refused, never a silent overwrite.

The change form carries, hidden, the version of the record the editor opened (its
``updated_at`` in microseconds, see ``Publishable.version``). On save, inside the admin's
transaction, the form locks the record's row only if it is still at that version
(``Publishable.lock_if_unchanged``); if someone saved in between, the form gets an error
naming who and when, and nothing is saved: not the record, not its inlines, no history row.

Decisions:
- The version comes from the database when the page is built, not from the object shown:
  the history "revert" page shows an old copy, but what the editor must not overwrite is the
  record as it is now.
- A POST without the field (a hand-built request, not a page the admin rendered) is not
  checked, as before; every change page the admin renders carries it.
- The check runs in ``clean()`` so that the refusal is an ordinary form error. If another
  error keeps the form from saving, the lock is released with the transaction and nothing
  has changed (the lock's UPDATE writes ``updated_at`` back unchanged).
"""
from django import forms
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone

STALE_MESSAGE = (
    "This record was changed by {user} at {time} since you opened it. Your changes were not "
    "saved. Open it again to see the other changes."
)


class OpenedVersionForm(forms.ModelForm):
    """Refuses the save if the record moved on since ``opened_version`` (a hidden field that
    ``ConcurrencyAdmin.get_form`` adds, with the version as the page was built)."""

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if opened is not None and not self.instance.lock_if_unchanged(opened):
            user, when = self.instance.last_change()
            raise ValidationError(STALE_MESSAGE.format(
                user=user or "someone (no user recorded)",
                time=timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S %Z"),
            ), code="stale")
        return cleaned


class ConcurrencyAdmin:
    """Mix into a ModelAdmin of a ``Publishable`` model, before the admin base class."""

    change_form_template = "admin/releases/versioned_change_form.html"
    object_history_form_template = "admin/releases/versioned_history_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None:
            return form
        # initial is the method, not its value: read from the database when the page is drawn
        # (the admin also builds the form class to list its fields, with no page to draw).
        opened = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, initial=obj.stored_version,
        )
        return type(form.__name__, (OpenedVersionForm, form), {"opened_version": opened})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The change view runs in a transaction; simple_history's revert view does not, and
        # the version check only holds its lock until the transaction ends.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)
