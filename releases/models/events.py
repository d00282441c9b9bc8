"""Release events: who was released, when, how, through whom, to where."""
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from releases.web.links import path_to

from .dates import DatePrecision, format_period, period_end, period_start
from .people import Prisoner
from .parties import Party
from .publication import Publishable, PublishableQuerySet, public_or_none, published_q, published_row
from .sources import Citation, Source


class ReleaseKind(models.TextChoices):
    PARDON = "pardon", "Pardon"
    UNILATERAL = "unilateral", "Unilateral release"
    EXCHANGE = "exchange", "Prisoner exchange"
    DEPORTATION = "deportation", "Deportation / expulsion"
    SENTENCE_SERVED = "sentence_served", "Sentence served"
    OTHER = "other", "Other"


class ReleaseEventQuerySet(PublishableQuerySet):
    def with_related(self):
        """Everything a timeline entry or API item shows, in a fixed number of queries.

        Nested rows go to ``public_*`` attributes and leave out unpublished people, parties,
        sources and linked events; reading them without this prefetch fails loudly instead
        of falling back to the unfiltered relation."""
        return self.prefetch_related(
            Prefetch(
                "released_people",
                queryset=ReleasedPerson.objects.published().select_related("prisoner")
                .prefetch_related("prisoner__citizenships"),
                to_attr="public_people",
            ),
            Prefetch("party_roles", queryset=PartyRole.objects.published().select_related("party"),
                     to_attr="public_roles"),
            Prefetch("citations", queryset=Citation.objects.published().select_related(
                "source", "prisoner", "party"), to_attr="public_citations"),
            # EXISTS, not a condition on the join: see releases/models/publication.py.
            Prefetch("links_out", queryset=EventLink.objects.filter(
                published_row(ReleaseEvent, "to_event_id")).select_related("to_event"),
                to_attr="public_links_out"),
            Prefetch("links_in", queryset=EventLink.objects.filter(
                published_row(ReleaseEvent, "from_event_id")).select_related("from_event"),
                to_attr="public_links_in"),
            Prefetch("concessions", queryset=Concession.objects.select_related(
                "offered_by", "offered_to").prefetch_related(
                Prefetch("sources", queryset=Source.objects.published(), to_attr="public_sources")),
                to_attr="public_concessions"),
        )


class ReleaseEvent(Publishable):
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.TextField(blank=True, help_text="Public summary, in the tracker's words.")
    kind = models.CharField(max_length=16, choices=ReleaseKind.choices)
    date_from = models.DateField(
        "date", help_text="The day of the release; for a month or year, any day in it; "
        "for a wave, its first day (or month).",
    )
    date_to = models.DateField(
        "until", blank=True,
        help_text="Only for a wave spread over time: its last day (or month). "
        "Leave empty for a single date; it is filled from the precision.",
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY,
        help_text="How precisely the date is known: '12 February 2025', 'February 2025' or '2025'.",
    )
    releasing_country = CountryField(
        blank=True, help_text="The state that let the people go. Empty if the sources do not say."
    )
    handover_place = models.CharField(
        max_length=200, blank=True, help_text="Where the released were handed over, e.g. 'Minsk'."
    )
    destination = models.CharField(
        max_length=200, blank=True, help_text="Where they were taken, e.g. 'Vilnius'."
    )
    destination_country = CountryField(blank=True)
    announced_total = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="The number announced or reported, which may exceed the people named here.",
    )
    announced_total_is_minimum = models.BooleanField(
        "total is a minimum", default=False, help_text="The report said 'more than' this number."
    )
    prisoners = models.ManyToManyField(
        Prisoner, through="ReleasedPerson", related_name="release_events", blank=True
    )
    parties = models.ManyToManyField(
        Party, through="PartyRole", related_name="release_events", blank=True
    )
    # Derived, never edited, kept in step by releases/derived/release_columns.py: how many published people
    # are named, and their citizenships as "|BY|RU|". Statistics and the citizenship filter
    # read these columns instead of joining people, citizenships and publication (3-9 s at 1M).
    people_named = models.PositiveIntegerField(default=0, editable=False)
    released_citizenships = models.CharField(max_length=1000, blank=True, default="", editable=False)

    objects = ReleaseEventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["people_named", "released_citizenships"])

    class Meta:
        ordering = ["-date_from", "-id"]
        get_latest_by = "date_from"
        permissions = [("publish_releaseevent", "Can publish or unpublish release events")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(kind__in=ReleaseKind.values), name="releaseevent_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(date_precision__in=DatePrecision.values),
                name="releaseevent_precision_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(date_to__gte=models.F("date_from")),
                name="releaseevent_date_order",
            ),
            models.CheckConstraint(
                condition=models.Q(announced_total_is_minimum=False)
                | models.Q(announced_total__isnull=False),
                name="releaseevent_minimum_needs_total",
            ),
        ]
        indexes = [
            # The data stamp (ETag) is MAX(updated_at); updated_since filters on it.
            models.Index(fields=["updated_at"], name="releaseevent_updated_idx"),
            models.Index(fields=["date_from", "date_to"], name="releaseevent_dates_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.date_display})"

    def get_absolute_url(self):
        return path_to("releases:release-detail", self.pk)

    @property
    def date_display(self) -> str:
        return format_period(self.date_from, self.date_to, self.date_precision)

    @property
    def timeline_month(self) -> str:
        """The month heading a timeline lists it under; a year-precise date has none."""
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date_from.year}, month not known"
        return self.date_from.strftime("%B %Y")

    @property
    def source_count(self):
        """Distinct published sources cited for this release (needs ``with_related()``)."""
        return len({c.source_id for c in self.public_citations})

    @property
    def unnamed_count(self):
        """How many of the announced total are not named (needs ``with_related()``)."""
        if self.announced_total is None:
            return 0
        return max(self.announced_total - len(self.public_people), 0)

    def clean(self):
        if not all(isinstance(d, datetime.date) for d in (self.date_from, self.date_to or self.date_from)):
            return  # missing or not a date (e.g. from an import): clean_fields() says why
        # Normalize to the period the precision implies, so filters can compare plain dates:
        # 'February 2025' is stored as 1–28 February 2025.
        self.date_from = period_start(self.date_from, self.date_precision)
        self.date_to = period_end(self.date_to or self.date_from, self.date_precision)
        if self.date_to < self.date_from:
            raise ValidationError({"date_to": "The end of a wave cannot be before its start."})
        if self.announced_total_is_minimum and self.announced_total is None:
            raise ValidationError(
                {"announced_total": "Give the number the report said 'more than' of."}
            )

    def check_named_people(self, named_count):
        """Refuse more named people than an exact announced total ('more than N' allows it)."""
        if (self.announced_total is not None and not self.announced_total_is_minimum
                and named_count > self.announced_total):
            raise ValidationError(
                f"{named_count} people are named but the announced total is "
                f"{self.announced_total}. Raise the total or remove a person."
            )


class ReleasedPersonQuerySet(models.QuerySet):
    def published(self):
        """Rows whose person is published: a published event never shows a draft person.

        EXISTS on the person's id, not a condition on the joined person: given the join,
        SQLite scanned every person for each page of releases (releases/models/publication.py)."""
        return self.filter(published_row(Prisoner, "prisoner_id"))


class ReleasedPerson(models.Model):
    release = models.ForeignKey(ReleaseEvent, on_delete=models.CASCADE, related_name="released_people")
    prisoner = models.ForeignKey(Prisoner, on_delete=models.PROTECT, related_name="released_in")
    citizenship_at_release = CountryField(multiple=True, blank=True)
    destination = models.CharField(
        max_length=200, blank=True, help_text="Where this person went, if different from the event's."
    )
    conditions = models.CharField(
        max_length=300, blank=True, help_text="Conditions of release, e.g. 'left the country'."
    )
    internal_notes = models.TextField(blank=True, help_text="Private: never shown to the public.")

    objects = ReleasedPersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "id"]
        verbose_name = "released person"
        verbose_name_plural = "released people"
        constraints = [
            models.UniqueConstraint(fields=["release", "prisoner"], name="releasedperson_unique"),
        ]

    def __str__(self):
        return f"{self.prisoner} in {self.release}"


class PartyRoleKind(models.TextChoices):
    RELEASING_AUTHORITY = "releasing_authority", "Releasing authority"
    RECEIVING_GOVERNMENT = "receiving_government", "Receiving government"
    ENVOY = "envoy", "Envoy"
    ESCORT = "escort", "Escort / transport"
    HANDOVER_HOST = "handover_host", "Host of the handover"
    MEDIATOR = "mediator", "Mediator"
    NEGOTIATOR = "negotiator", "Negotiator"
    SPOKESPERSON = "spokesperson", "Made a public statement"
    OTHER = "other", "Other"


class PartyRoleQuerySet(models.QuerySet):
    def published(self):
        """Roles whose party is published.

        A condition on the joined party, not EXISTS: parties are a small table, joined anyway
        (select_related), that no planner drives from (releases/models/publication.py)."""
        return self.filter(published_q("party__"))


class PartyRole(models.Model):
    release = models.ForeignKey(ReleaseEvent, on_delete=models.CASCADE, related_name="party_roles")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(max_length=20, choices=PartyRoleKind.choices)
    note = models.CharField(
        max_length=300, blank=True, help_text="E.g. 'also transported the freed prisoners'."
    )

    objects = PartyRoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "id"]
        constraints = [
            models.UniqueConstraint(fields=["release", "party"], name="partyrole_one_role_per_party"),
            models.CheckConstraint(
                condition=models.Q(role__in=PartyRoleKind.values), name="partyrole_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["party", "release"], name="partyrole_party_idx")]

    def __str__(self):
        return f"{self.party}: {self.get_role_display()}"


class EventLinkKind(models.TextChoices):
    EXCHANGE_COUNTERPART = "exchange_counterpart", "Other side of the same exchange"
    TIMED_WITH = "timed_with", "Timed to coincide with"
    PART_OF = "part_of", "Part of"
    FOLLOWS = "follows", "Follow-up to"
    RELATED = "related", "Related"


class EventLink(models.Model):
    from_event = models.ForeignKey(ReleaseEvent, on_delete=models.CASCADE, related_name="links_out")
    to_event = models.ForeignKey(ReleaseEvent, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=EventLinkKind.choices)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["from_event", "to_event", "kind"], name="eventlink_unique"),
            models.CheckConstraint(
                condition=~models.Q(from_event=models.F("to_event")), name="eventlink_not_self"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EventLinkKind.values), name="eventlink_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.from_event.title} → {self.get_kind_display()} → {self.to_event.title}"

    def clean(self):
        if self.from_event_id and self.from_event_id == self.to_event_id:
            raise ValidationError({"to_event": "An event cannot be linked to itself."})


class ConcessionStatus(models.TextChoices):
    REPORTED = "reported", "Reported"
    CONFIRMED = "confirmed", "Confirmed"
    DENIED = "denied", "Denied"


class Concession(models.Model):
    """Reported context of a release: what was sought or offered in return, and its status."""

    release = models.ForeignKey(ReleaseEvent, on_delete=models.CASCADE, related_name="concessions")
    description = models.CharField(max_length=400)
    offered_by = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="concessions_offered"
    )
    offered_to = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="concessions_received"
    )
    status = models.CharField(
        max_length=10, choices=ConcessionStatus.choices, default=ConcessionStatus.REPORTED
    )
    sources = models.ManyToManyField("releases.Source", blank=True, related_name="concessions")
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["release", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ConcessionStatus.values), name="concession_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.description} ({self.get_status_display().lower()})"

    @property
    def public_offered_by(self):
        return public_or_none(self.offered_by)

    @property
    def public_offered_to(self):
        return public_or_none(self.offered_to)
