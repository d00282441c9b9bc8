"""Draft → review → published, in the admin: who may publish, and the bulk actions."""
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from releases.models import PublicationStatus
from releases.services import publication

from .dates import DATE_FIELDS
from .safety import SafeChangelistAdmin


PUBLICATION_FIELDSET = ("Publication", {"fields": [
    "publication_status", "internal_notes", ("published_at", "created_at", "updated_at"),
]})


class PublishableAdmin(SafeChangelistAdmin, SimpleHistoryAdmin):
    """Admin for a publishable record: history with revert, and publication controlled by the
    model's ``publish_<model>`` permission (the Publishers group has it, Editors do not), as
    releases/services/publication.py decides."""

    actions = ["submit_for_review", "publish", "unpublish"]
    formfield_overrides = DATE_FIELDS
    list_per_page = 50
    save_on_top = True

    def has_publish_permission(self, request):
        return publication.may_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "published_at", "created_at", "updated_at"]
        # An editor without the publish right cannot take a published record offline.
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            readonly.append("publication_status")
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "publication_status" and not self.has_publish_permission(request):
            kwargs["choices"] = publication.status_choices(request.user, self.model)
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The last line of defence, whatever form led here (a history revert builds its form
        # from the old version): without the publish right a save never changes whether the
        # record is public.
        if publication.keep_stored_publication(request.user, obj):
            self.message_user(
                request, "Publication unchanged: only publishers can publish or unpublish.",
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status, verb):
        count = publication.set_status(queryset, status, request.user)
        self.message_user(request, f"{count} record(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Submit selected for review")
    def submit_for_review(self, request, queryset):
        # Open to editors: a published record among the selected stays published.
        self._set_status(request, queryset, PublicationStatus.REVIEW, "submitted for review")

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, "published")

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT, "unpublished")
