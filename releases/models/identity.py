"""How a person is found and identified: the search keys of their names, and the ids of
records merged into them."""
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .people import Prisoner
from .publication import published_row


class NameKey(models.Model):
    """One search key of one of a person's names (``releases.search`` derives them). Never
    edited by hand: rebuilt whenever the person or their names change."""

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=100)

    class Meta:
        ordering = ["key", "prisoner"]
        constraints = [
            # Also the index that exact and prefix lookups use.
            models.UniqueConstraint(fields=["key", "prisoner"], name="namekey_unique_key"),
            models.CheckConstraint(condition=~models.Q(key=""), name="namekey_key_not_empty"),
        ]

    def __str__(self):
        return f"{self.key} → {self.prisoner_id}"


class SearchTerm(models.Model):
    """Every distinct search key once: the vocabulary that misspelt words are matched against
    (pg_trgm on PostgreSQL), far smaller than the keys of every name. Kept by
    ``releases.derived.release_columns.name_keys``; a term no name uses any more is harmless until pruned."""

    key = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.CheckConstraint(condition=~models.Q(key=""), name="searchterm_key_not_empty")]

    def __str__(self):
        return self.key


def is_record_id(value):
    """Whether ``value`` (a URL segment, a header) can be a row id: ASCII digits that fit a
    64-bit integer. str.isdigit() alone lets '²' through, and int() of it (or of 5,000 digits)
    raises: such an id is simply not found."""
    value = str(value)
    return value.isascii() and value.isdigit() and len(value) <= 18


class PrisonerRedirectQuerySet(models.QuerySet):
    def published_target(self, old_id):
        """The id of the published record ``old_id`` was merged into, or None (also when the
        survivor is a draft: a redirect must not reveal that it exists)."""
        if not is_record_id(old_id):
            return None
        return (self.filter(published_row(Prisoner, "prisoner_id"), old_id=old_id)
                .values_list("prisoner", flat=True).first())


class PrisonerRedirect(models.Model):
    """The id of a person record merged into another: its old URLs lead to the survivor."""

    old_id = models.PositiveBigIntegerField(
        unique=True, help_text="Id of the record that was merged away; never reused."
    )
    old_slug = models.CharField(
        max_length=220, blank=True, db_index=True,
        help_text="Its slug: retired, so imports that name it reach the survivor.",
    )
    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="redirects")
    old_name = models.CharField(max_length=200, help_text="Its preferred name at the merge.")
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.CharField(max_length=150, blank=True)

    objects = PrisonerRedirectQuerySet.as_manager()
    # Deleted with its person, restored with them (releases/services/restoring.py): old links lead on.
    history = HistoricalRecords()

    class Meta:
        ordering = ["old_id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(old_id=models.F("prisoner")), name="prisonerredirect_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"#{self.old_id} ({self.old_name}) → #{self.prisoner_id}"

    def clean(self):
        if self.old_id is not None and self.old_id == self.prisoner_id:
            raise ValidationError({"old_id": "A record cannot redirect to itself."})
