"""Handover parties: governments, agencies, officials, mediators, intermediary countries."""
from django.core.exceptions import ValidationError
from django.db import models
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from releases.web.links import path_to

from .names import AbstractName
from .publication import Publishable, PublishableQuerySet, public_or_none


class PartyKind(models.TextChoices):
    GOVERNMENT = "government", "Government / state"
    AGENCY = "agency", "Government agency"
    OFFICIAL = "official", "Official"
    MEDIATOR = "mediator", "Mediator"
    ORGANISATION = "organisation", "Organisation (NGO, international)"
    OTHER = "other", "Other"


class PartyQuerySet(PublishableQuerySet):
    def with_related(self):
        return self.select_related("parent").prefetch_related("names")


class Party(Publishable):
    name = models.CharField(max_length=200, help_text="The name the tracker shows first.")
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=12, choices=PartyKind.choices)
    country = CountryField(blank=True, help_text="The state the party belongs to or represents.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="members",
        help_text="What this party belongs to: an official's agency, an agency's government.",
    )
    position = models.CharField(
        max_length=300, blank=True,
        help_text="For officials: the title held at the time, e.g. 'Deputy Assistant Secretary of State'.",
    )
    description = models.TextField(blank=True)

    objects = PartyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "parties"
        permissions = [("publish_party", "Can publish or unpublish parties")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(kind__in=PartyKind.values), name="party_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="party_not_own_parent"
            ),
        ]
        indexes = [
            # The data stamp (ETag) is MAX(updated_at); updated_since filters on it.
            models.Index(fields=["updated_at"], name="party_updated_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_to("releases:party-detail", self.pk)

    @property
    def public_parent(self):
        """The party this one belongs to, if the public may see it."""
        return public_or_none(self.parent)

    def clean(self):
        # Walk up the chain: a party may not (indirectly) belong to itself.
        seen, node = set(), self.parent
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": "A party cannot belong to itself, even indirectly."})
            seen.add(node.pk)
            node = node.parent


class PartyName(AbstractName):
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="names")
    sources = models.ManyToManyField(
        "releases.Source", blank=True, related_name="party_names",
        help_text="Sources that spelled the name this way.",
    )
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["party", "id"]
        constraints = [
            *AbstractName.Meta.constraints,
            models.UniqueConstraint(fields=["party", "text"], name="partyname_unique_text"),
        ]
