"""What the public may see: the one place the publication rule lives; and each record's
version, which keeps two editors from silently overwriting each other.

The rule, on the read side, in every form the code needs it:

- ``Model.objects.published()``: the published records of a publishable model;
- ``published_row(model, column)``: a nested row (a person in a release, a citation's source)
  whose foreign key in ``column`` points at a published record, as EXISTS;
- ``published_q(path)``: the same as a condition on a record reached through ``path`` (a
  join: for small tables, see below), or on the record itself where its table has no
  published() of its own (the history tables);
- ``public_or_none(record)``: a related record already loaded, in Python, or None;
- ``is_public(status)``: whether a status value is the public one.

No other module names the status field in a query or compares a status with PUBLISHED
(tests/services/test_publication.py checks). Who may *change* the status is
releases/services/publication.py.

EXISTS or a join, per case. A nested row whose foreign key points at a big table (people,
releases, sources) is filtered with EXISTS on that key (a primary-key lookup per row), not
with a condition on the joined table, even where the query joins it anyway (select_related):
given the join condition, SQLite's planner may drive the query from the big table. It read
every person for each page of releases (3 s for 3,000 rows) and every release for one
person's citations (0.8 s at 100k releases). Where the target is a party, a small table
(hundreds of rows) no plan starts from, the condition on the join stays (``published_q
("party__")``): same plan, and on 50,000 synthetic releases the CSV's party roles for 2,000
releases took 68 ms with the join against 82 ms with EXISTS (SQLite, analyzed). Either way it
is one query, and PostgreSQL plans the EXISTS as a semi-join.
"""
import datetime

from django.apps import apps
from django.db import models, router, transaction
from django.utils import timezone

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MICROSECOND = datetime.timedelta(microseconds=1)


def version_at(moment):
    """The version a record saved at ``moment`` carries: whole microseconds since 1970."""
    return (moment - EPOCH) // MICROSECOND


def moment_of(version):
    """The ``updated_at`` a version stands for, or None for a number no record can carry."""
    try:
        return EPOCH + version * MICROSECOND
    except (OverflowError, TypeError):
        return None


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


def is_public(status):
    """Whether a record in ``status`` (a status value) is public."""
    return status == PublicationStatus.PUBLISHED


def published_q(path=""):
    """Q: the publishable record reached through ``path`` (``""`` for the record itself,
    ``"party__"`` for a role's party) is published. A non-empty path is a join: for a nested
    row pointing at a big table, use ``published_row`` (see the module's docstring)."""
    return models.Q(**{f"{path}publication_status": PublicationStatus.PUBLISHED})


def published_row(model, column):
    """EXISTS: the row of ``model`` (a class or "app.Model") whose id is in ``column`` is
    published. A null ``column`` matches no row: the condition is false."""
    if isinstance(model, str):
        model = apps.get_model(model)
    return models.Exists(model._base_manager.filter(published_q(), pk=models.OuterRef(column)))


def public_or_none(record):
    """``record`` (a related record already loaded) if the public may see it, else None."""
    return record if record is not None and record.is_published else None


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records an editor has published: the only ones anonymous readers may see."""
        return self.filter(published_q())

    def in_status(self, status):
        """Records in ``status`` (draft, review or published): for editors' tools, not readers."""
        return self.filter(publication_status=status)


class Publishable(models.Model):
    """Editorial workflow, timestamps and the private notes every public record carries."""

    publication_status = models.CharField(
        "publication",
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text="Only published records appear on the site, in the API, exports and feeds. "
        "Drafts and records in review are visible to editors only.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the record was first published."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    internal_notes = models.TextField(
        blank=True,
        help_text="Private: for editors only. Never shown on the site or in the API. "
        "Put sensitive details about people still held here, not in public fields.",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(publication_status__in=PublicationStatus.values),
                name="%(app_label)s_%(class)s_publication_status_valid",
            ),
        ]

    @property
    def is_published(self):
        return is_public(self.publication_status)

    # -- the version editors open and save against (admin and API) ---------------------------
    # The version is ``updated_at`` (auto_now: every save moves it) in whole microseconds.
    # PostgreSQL (timestamp with time zone) and SQLite (ISO text) both keep microseconds, so
    # the number is exact on both and needs no column or migration of its own. Writes that
    # bypass save() (QuerySet.update) do not move it; nothing editorial writes that way.

    @property
    def version(self):
        """This copy's version (None before the first save)."""
        return version_at(self.updated_at) if self.updated_at else None

    def stored_version(self):
        """The version in the database now (None if the row is gone)."""
        moment = (type(self)._base_manager.filter(pk=self.pk)
                  .values_list("updated_at", flat=True).first())
        return version_at(moment) if moment else None

    def lock_if_unchanged(self, version):
        """Lock the record's row if it is still at ``version``; False if it has changed since.

        Check and lock are one statement, ``UPDATE … SET updated_at = updated_at WHERE pk = ?
        AND updated_at = ?``, which changes nothing: PostgreSQL makes a second writer wait for
        the row and re-checks the condition once the first commits; SQLite lets one writer
        at a time. So of two saves made from the same version only the first passes, and the
        lock holds until the caller's transaction ends (hence: inside ``transaction.atomic``)."""
        using = router.db_for_write(type(self), instance=self)
        if not transaction.get_connection(using).in_atomic_block:
            raise transaction.TransactionManagementError("lock_if_unchanged() needs a transaction.")
        moment = moment_of(version)
        return moment is not None and type(self)._base_manager.using(using).filter(
            pk=self.pk, updated_at=moment).update(updated_at=models.F("updated_at")) == 1

    def last_change(self):
        """(username or None, when) of the latest change, from the history."""
        latest = self.history.first()
        if latest is None:
            return None, self.updated_at
        user = latest.history_user
        return (user.get_username() if user else None), latest.history_date

    def save(self, *args, **kwargs):
        # Bookkeeping, not domain logic: the first publication time feeds the Atom feed. It
        # survives unpublishing and history reverts (a revert would restore an old NULL).
        if self.published_at is None and self.pk is not None:
            self.published_at = (
                type(self)._base_manager.filter(pk=self.pk)
                .values_list("published_at", flat=True).first()
            )
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)
