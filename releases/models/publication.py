"""What the public may see: the one place the publication rule lives."""
from django.db import models
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records an editor has published: the only ones anonymous readers may see."""
        return self.filter(publication_status=PublicationStatus.PUBLISHED)


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
        return self.publication_status == PublicationStatus.PUBLISHED

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
