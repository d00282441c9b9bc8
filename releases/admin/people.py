"""People in the admin: every name, citizenship, detention, status and citation on one page."""
from django.contrib import admin

from releases.models import (
    Citation, Citizenship, Detention, Prisoner, PrisonerName, PrisonerStatus, Recognition,
    StatusRecord,
)

from .publishing import PUBLICATION_FIELDSET, PublishableAdmin


class PrisonerNameInline(admin.TabularInline):
    model = PrisonerName
    autocomplete_fields = ["sources"]
    fields = ["text", "language", "script", "romanization", "sources"]
    extra = 1


class CitizenshipInline(admin.TabularInline):
    model = Citizenship
    fields = ["country", "note"]
    extra = 1


class DetentionInline(admin.StackedInline):
    model = Detention
    fields = [("detained_on", "detained_on_precision"), "charges", ("sentence", "place"), "internal_notes"]
    extra = 0


class StatusRecordInline(admin.TabularInline):
    model = StatusRecord
    fields = ["status", "as_of", "as_of_precision", "note"]
    extra = 1


class RecognitionInline(admin.TabularInline):
    model = Recognition
    autocomplete_fields = ["recognized_by"]
    fields = ["recognized_by", "wording", "recognized_on"]
    extra = 0


class PersonCitationInline(admin.StackedInline):
    model = Citation
    fk_name = "prisoner"
    autocomplete_fields = ["source"]
    fields = [("source", "claim"), "account", "quote", "locator"]
    extra = 0
    verbose_name_plural = "citations about this person"


class CurrentStatusFilter(admin.SimpleListFilter):
    title = "current status"
    parameter_name = "current_status"

    def lookups(self, request, model_admin):
        return PrisonerStatus.choices

    def queryset(self, request, queryset):
        if self.value() in PrisonerStatus.values:
            return queryset.filter(current_status=self.value())
        return queryset


@admin.register(Prisoner)
class PrisonerAdmin(PublishableAdmin):
    list_display = ["preferred_name", "other_names", "citizenship_list", "status", "publication_status", "updated_at"]
    list_filter = ["publication_status", CurrentStatusFilter, "citizenships__country"]
    search_fields = ["preferred_name", "names__text", "occupation"]
    prepopulated_fields = {"slug": ["preferred_name"]}
    inlines = [
        PrisonerNameInline, CitizenshipInline, DetentionInline, StatusRecordInline,
        RecognitionInline, PersonCitationInline,
    ]
    fieldsets = [
        (None, {"fields": ["preferred_name", "slug", "occupation", "summary"]}),
        ("Age as reported", {"fields": [("birth_year", "reported_age", "age_reported_on")]}),
        PUBLICATION_FIELDSET,
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .with_current_status()
            .prefetch_related("names", "citizenships")
        )

    @admin.display(description="other names")
    def other_names(self, obj):
        return ", ".join(n.text for n in obj.names.all() if n.text != obj.preferred_name)

    @admin.display(description="citizenships")
    def citizenship_list(self, obj):
        return ", ".join(c.country.code for c in obj.citizenships.all())

    @admin.display(description="status", ordering="current_status")
    def status(self, obj):
        return PrisonerStatus(obj.current_status).label if obj.current_status else "—"
