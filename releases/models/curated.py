"""Editors' own pages: methodology pages and topic collections, published like everything else."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .publication import Publishable, PublishableQuerySet, published_row


class Page(Publishable):
    """A written page such as 'About / methodology'. The body is plain text: paragraphs are
    separated by blank lines; no markup is interpreted."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    body = models.TextField(help_text="Plain text. Separate paragraphs with a blank line.")
    navigation_order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the site navigation (lower first)."
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["navigation_order", "title"]
        permissions = [("publish_page", "Can publish or unpublish pages")]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:page-detail", args=[self.slug])


class CollectionQuerySet(PublishableQuerySet):
    def with_related(self):
        """Items in order, leaving out any whose release, person or source is unpublished."""
        visible = CollectionItem.objects.filter(
            Q(published_row("releases.ReleaseEvent", "release_id"))
            | Q(published_row("releases.Prisoner", "prisoner_id"))
            | Q(published_row("releases.Source", "source_id"))
        ).select_related("release", "prisoner", "source")
        return self.prefetch_related(Prefetch("items", queryset=visible, to_attr="public_items"))


class Collection(Publishable):
    """A topic: an editor's introduction and a hand-picked, ordered set of records."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    introduction = models.TextField(help_text="Plain text. Separate paragraphs with a blank line.")
    navigation_order = models.PositiveSmallIntegerField(default=0)

    objects = CollectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["navigation_order", "title"]
        permissions = [("publish_collection", "Can publish or unpublish collections")]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:collection-detail", args=[self.slug])


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    release = models.ForeignKey(
        "releases.ReleaseEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    prisoner = models.ForeignKey(
        "releases.Prisoner", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source = models.ForeignKey(
        "releases.Source", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why it is here, shown with it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["collection", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(release__isnull=False, prisoner__isnull=True, source__isnull=True)
                    | Q(release__isnull=True, prisoner__isnull=False, source__isnull=True)
                    | Q(release__isnull=True, prisoner__isnull=True, source__isnull=False)
                ),
                name="collectionitem_exactly_one_target",
            ),
        ]

    def __str__(self):
        return str(self.target)

    @property
    def target(self):
        return self.release or self.prisoner or self.source

    def clean(self):
        if sum(x is not None for x in (self.release, self.prisoner, self.source)) != 1:
            raise ValidationError("Pick exactly one release, person or source for each item.")
