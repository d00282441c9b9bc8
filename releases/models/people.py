"""People: prisoners, their names, citizenships, detentions, status over time, recognition."""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from releases.web.links import path_to

from .dates import DatePrecision, format_date, period_start
from .names import AbstractName
from .publication import Publishable, PublishableQuerySet, published_q, published_row


class PrisonerStatus(models.TextChoices):
    DETAINED = "detained", "Held (detained or imprisoned)"
    RELEASED = "released", "Released"
    EXILED = "exiled", "Released into exile / expelled"
    DIED = "died", "Died in custody"
    UNKNOWN = "unknown", "Unknown"


class PrisonerQuerySet(PublishableQuerySet):
    def with_current_status(self):
        """Annotate ``current_status``: the status of the most recent status record."""
        latest = StatusRecord.objects.filter(prisoner=OuterRef("pk")).order_by("-as_of", "-id")
        return self.annotate(current_status=Subquery(latest.values("status")[:1]))

    def with_related(self):
        """Everything a person's page or API item shows, with unpublished releases, sources
        and recognizers left out, in a fixed number of queries."""
        from .events import ReleasedPerson
        from .sources import Citation

        return self.with_current_status().prefetch_related(
            "names", "citizenships", "detentions", "status_records",
            Prefetch(
                "recognitions",
                queryset=Recognition.objects.filter(published_q("recognized_by__"))
                .select_related("recognized_by"),
                to_attr="public_recognitions",
            ),
            Prefetch(
                "released_in",
                queryset=ReleasedPerson.objects.filter(published_row("releases.ReleaseEvent", "release_id"))
                .select_related("release").order_by("release__date_from", "release_id"),
                to_attr="public_releases",
            ),
            Prefetch("citations", queryset=Citation.objects.published().select_related("source"),
                     to_attr="public_citations"),
        )

    def still_held(self):
        """People whose most recent known status is 'held'."""
        return self.with_current_status().filter(current_status=PrisonerStatus.DETAINED)


class Prisoner(Publishable):
    preferred_name = models.CharField(
        max_length=200, help_text="The spelling the tracker shows first. Every other spelling is "
        "kept as a name below, with its language, script and the sources that used it.",
    )
    slug = models.SlugField(
        max_length=220, unique=True,
        help_text="Stable identifier used by imports and the demo data; never reused.",
    )
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Only if a source states it. Leave empty rather than estimate.",
    )
    reported_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(130)],
        help_text="Age as a source reported it (e.g. '56-year-old'), with the report's date.",
    )
    age_reported_on = models.DateField(
        null=True, blank=True, help_text="Date of the report that gave the age."
    )
    occupation = models.CharField(
        "occupation or affiliation", max_length=300, blank=True,
        help_text="As reported, e.g. 'Journalist, RFE/RL Belarus Service'.",
    )
    summary = models.TextField(blank=True, help_text="Public summary, in the tracker's words.")

    objects = PrisonerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["preferred_name", "id"]
        permissions = [("publish_prisoner", "Can publish or unpublish prisoners")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="prisoner_birth_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(reported_age__isnull=True) | models.Q(reported_age__lte=130),
                name="prisoner_reported_age_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(reported_age__isnull=True) | models.Q(age_reported_on__isnull=False),
                name="prisoner_reported_age_has_date",
            ),
        ]
        indexes = [
            # The data stamp (ETag) is MAX(updated_at); updated_since filters on it.
            models.Index(fields=["updated_at"], name="prisoner_updated_idx"),
        ]

    def __str__(self):
        return self.preferred_name

    def get_absolute_url(self):
        return path_to("releases:prisoner-detail", self.pk)

    def clean(self):
        from .identity import PrisonerRedirect  # it refers to this model

        if self.slug and PrisonerRedirect.objects.filter(old_slug=self.slug).exists():
            raise ValidationError({"slug": "This slug belonged to a record merged into another; "
                                   "slugs are never reused. Choose another."})
        if self.reported_age is not None and self.age_reported_on is None:
            raise ValidationError(
                {"age_reported_on": "Give the date of the report the age comes from: "
                 "an age without a date goes stale."}
            )


class PrisonerName(AbstractName):
    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="names")
    sources = models.ManyToManyField(
        "releases.Source", blank=True, related_name="prisoner_names",
        help_text="Sources that spelled the name this way.",
    )
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["prisoner", "id"]
        constraints = [
            *AbstractName.Meta.constraints,
            models.UniqueConstraint(fields=["prisoner", "text"], name="prisonername_unique_text"),
        ]


class Citizenship(models.Model):
    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="citizenships")
    country = CountryField()
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["prisoner", "id"]
        constraints = [
            models.UniqueConstraint(fields=["prisoner", "country"], name="citizenship_unique_country"),
            models.CheckConstraint(condition=~models.Q(country=""), name="citizenship_country_set"),
        ]
        indexes = [models.Index(fields=["country", "prisoner"], name="citizenship_country_idx")]

    def __str__(self):
        return f"{self.prisoner}: {self.country.name}"


class Detention(models.Model):
    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="detentions")
    detained_on = models.DateField(
        null=True, blank=True, help_text="First day of the period if only the month/year is known."
    )
    detained_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    charges = models.TextField(blank=True, help_text="Charges as reported.")
    sentence = models.CharField(max_length=300, blank=True, help_text="Sentence as reported.")
    place = models.CharField(
        max_length=300, blank=True,
        help_text="Place of detention as publicly reported. Keep sensitive details in internal notes.",
    )
    internal_notes = models.TextField(blank=True, help_text="Private: never shown to the public.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["prisoner", "detained_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(detained_on_precision__in=DatePrecision.values),
                name="detention_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.prisoner}: detained {self.detained_on_display or '(date unknown)'}"

    @property
    def detained_on_display(self) -> str:
        return format_date(self.detained_on, self.detained_on_precision)

    def clean(self):
        if self.detained_on:
            self.detained_on = period_start(self.detained_on, self.detained_on_precision)


class StatusRecord(models.Model):
    """A person's status as reported on a date; the latest record is their current status."""

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="status_records")
    status = models.CharField(max_length=10, choices=PrisonerStatus.choices)
    as_of = models.DateField(help_text="Date from which (or on which) the status was reported.")
    as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["prisoner", "as_of", "id"]
        get_latest_by = ["as_of", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PrisonerStatus.values), name="statusrecord_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(as_of_precision__in=DatePrecision.values),
                name="statusrecord_precision_valid",
            ),
        ]
        indexes = [models.Index(fields=["prisoner", "-as_of"], name="statusrecord_latest_idx")]

    def __str__(self):
        return f"{self.get_status_display()} as of {self.as_of_display}"

    @property
    def as_of_display(self) -> str:
        return format_date(self.as_of, self.as_of_precision)

    def clean(self):
        if self.as_of:
            self.as_of = period_start(self.as_of, self.as_of_precision)


class Recognition(models.Model):
    """Recognition of a person as a political prisoner (or as unjustly detained), and by whom."""

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="recognitions")
    recognized_by = models.ForeignKey(
        "releases.Party", on_delete=models.PROTECT, related_name="recognitions"
    )
    recognized_on = models.DateField(null=True, blank=True)
    wording = models.CharField(
        max_length=300, blank=True, help_text="The words used, e.g. 'political prisoner'."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["prisoner", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["prisoner", "recognized_by"], name="recognition_unique_recognizer"
            ),
        ]

    def __str__(self):
        return f"{self.prisoner} recognized by {self.recognized_by}"
