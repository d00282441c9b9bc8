"""Sources and the citations that tie them to the facts they support."""
from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from simple_history.models import HistoricalRecords

from releases.web.links import path_to

from .dates import DatePrecision, format_date
from .publication import Publishable, PublishableQuerySet, public_or_none, published_row


class SourceKind(models.TextChoices):
    NEWS = "news", "News report"
    OFFICIAL = "official", "Official statement"
    NGO_REPORT = "ngo_report", "NGO report"
    INTERVIEW = "interview", "Interview"
    ANALYSIS = "analysis", "Analysis / commentary"
    OTHER = "other", "Other"


class WebURLField(models.URLField):
    """A URL a reader can open: http or https only (no javascript:, data:, ftp:)."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def formfield(self, **kwargs):
        # A URL typed without a scheme is taken as https (Django 6's default, opted into now).
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class SourceQuerySet(PublishableQuerySet):
    def with_related(self):
        return self.select_related("cited_via")


class Source(Publishable):
    outlet = models.CharField(max_length=200, help_text="Who published it, e.g. 'The New York Times'.")
    title = models.CharField(
        max_length=400, blank=True, help_text="Leave empty if the citing text does not give it."
    )
    slug = models.SlugField(max_length=220, unique=True)
    url = WebURLField(max_length=1000, blank=True, help_text="http or https only.")
    author = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=10, blank=True, choices=global_settings.LANGUAGES)
    published_on = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=SourceKind.choices, default=SourceKind.NEWS)
    cited_via = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="cited_sources",
        help_text="If we know this source only because another one cites it, that other source.",
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "outlet", "id"]
        permissions = [("publish_source", "Can publish or unpublish sources")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(url="")
                | models.Q(url__istartswith="http://")
                | models.Q(url__istartswith="https://"),
                name="source_url_http_only",
            ),
            models.CheckConstraint(condition=~models.Q(outlet=""), name="source_outlet_set"),
        ]
        indexes = [
            # The data stamp (ETag) is MAX(updated_at); updated_since filters on it.
            models.Index(fields=["updated_at"], name="source_updated_idx"),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.title}" if self.title else f"{self.outlet}, {self.date_display}"

    def get_absolute_url(self):
        return path_to("releases:source-detail", self.pk)

    @property
    def date_display(self):
        return format_date(self.published_on, DatePrecision.DAY) or "undated"

    @property
    def public_cited_via(self):
        """The citing source, if the public may see it."""
        return public_or_none(self.cited_via)


class ClaimKind(models.TextChoices):
    GENERAL = "general", "The event or person as a whole"
    DATE = "date", "Date"
    KIND = "kind", "Kind of release"
    PARTICIPANTS = "participants", "Who was released"
    TOTAL = "total", "Number released"
    HANDOVER_PLACE = "handover_place", "Where they were handed over"
    DESTINATION = "destination", "Where they were taken"
    PARTY_ROLE = "party_role", "A party's role"
    CONCESSION = "concession", "Concessions sought or offered"
    NAME = "name", "Name / identity"
    AGE = "age", "Age"
    CITIZENSHIP = "citizenship", "Citizenship"
    OCCUPATION = "occupation", "Occupation / affiliation"
    DETENTION = "detention", "Detention, charges, sentence"
    STATUS = "status", "Status (held, released, …)"
    RECOGNITION = "recognition", "Recognition as a political prisoner"
    OTHER = "other", "Other"


class CitationQuerySet(models.QuerySet):
    def published(self):
        """Citations a reader may see: the source and every subject are published."""
        # EXISTS on each id, not conditions on joined tables: see releases/models/publication.py.
        return self.filter(
            published_row(Source, "source_id"),
            models.Q(release=None) | published_row("releases.ReleaseEvent", "release_id"),
            models.Q(prisoner=None) | published_row("releases.Prisoner", "prisoner_id"),
            models.Q(party=None) | published_row("releases.Party", "party_id"),
        )

    def with_related(self):
        return self.select_related("source", "release", "prisoner", "party")


class Citation(models.Model):
    """A source supporting one fact about an event, a person or a party, with its own words.

    Several citations on the same subject and claim with different accounts are a
    disagreement between sources: all are kept and shown side by side."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    release = models.ForeignKey(
        "releases.ReleaseEvent", null=True, blank=True, on_delete=models.CASCADE,
        related_name="citations",
    )
    prisoner = models.ForeignKey(
        "releases.Prisoner", null=True, blank=True, on_delete=models.CASCADE,
        related_name="citations",
    )
    party = models.ForeignKey(
        "releases.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    claim = models.CharField(max_length=16, choices=ClaimKind.choices, default=ClaimKind.GENERAL)
    account = models.CharField(
        max_length=300, blank=True,
        help_text="What this source says on the point, in a few words (e.g. 'handed over in Vilnius'). "
        "Different accounts of the same claim are shown side by side.",
    )
    quote = models.TextField(
        max_length=1200, blank=True, help_text="A brief quote, never a whole article."
    )
    locator = models.CharField(max_length=100, blank=True, help_text="Page, paragraph or timestamp.")

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(claim__in=ClaimKind.values), name="citation_claim_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(release__isnull=False)
                | models.Q(prisoner__isnull=False)
                | models.Q(party__isnull=False),
                name="citation_has_subject",
            ),
        ]

    def __str__(self):
        return f"{self.source} on {self.get_claim_display().lower()}"

    @property
    def subject(self):
        """What the citation is about: a release, else a person, else a party."""
        return self.release or self.prisoner or self.party

    def get_absolute_url(self):
        """The page of what the citation is about, at the citation."""
        return f"{self.subject.get_absolute_url()}#citation-{self.pk}"

    def clean(self):
        # Compare the objects, not the ids: in an admin inline the parent is not saved yet.
        if self.release is None and self.prisoner is None and self.party is None:
            raise ValidationError("A citation must support a fact about a release, a person or a party.")


# Claims with one true value: different accounts of them are a disagreement. (Two sources
# listing the same people in different words, or describing the event differently, are not.)
SINGLE_VALUED_CLAIMS = {
    ClaimKind.DATE, ClaimKind.KIND, ClaimKind.TOTAL, ClaimKind.HANDOVER_PLACE,
    ClaimKind.DESTINATION, ClaimKind.AGE, ClaimKind.CITIZENSHIP, ClaimKind.OCCUPATION,
    ClaimKind.STATUS,
}


def accounts_by_claim(citations):
    """Group citations by claim: [(claim label, [citations], disputed)], in claim order.

    A single-valued claim is disputed when its citations give different accounts: all are
    shown side by side and none is picked as the winner."""
    groups = {}
    for citation in citations:
        groups.setdefault(citation.claim, []).append(citation)
    order = list(ClaimKind.values)
    return [
        (ClaimKind(claim).label, items,
         claim in SINGLE_VALUED_CLAIMS and len({c.account.strip().lower() for c in items if c.account}) > 1)
        for claim, items in sorted(groups.items(), key=lambda item: order.index(item[0]))
    ]
