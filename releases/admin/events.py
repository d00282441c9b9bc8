"""A whole release in one screen: people, parties with roles, citations, links, concessions."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count

from releases.models import (
    Citation, Concession, EventLink, PartyRole, ReleasedPerson, ReleaseEvent,
)

from .concurrency import ConcurrencyAdmin
from .import_file_actions import ExportAdmin
from .recovery import RecoveryAdmin
from .publishing import PUBLICATION_FIELDSET, PublishableAdmin


class ReleasedPeopleFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        named = sum(
            1 for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        try:
            self.instance.check_named_people(named)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class ReleasedPersonInline(admin.TabularInline):
    model = ReleasedPerson
    formset = ReleasedPeopleFormSet
    autocomplete_fields = ["prisoner"]
    fields = ["prisoner", "citizenship_at_release", "destination", "conditions", "internal_notes"]
    extra = 1


class PartyRoleInline(admin.TabularInline):
    model = PartyRole
    autocomplete_fields = ["party"]
    fields = ["party", "role", "note"]
    extra = 1


class CitationInline(admin.StackedInline):
    model = Citation
    fk_name = "release"
    autocomplete_fields = ["source", "prisoner", "party"]
    fields = [("source", "claim"), ("prisoner", "party"), "account", "quote", "locator"]
    extra = 1


class EventLinkInline(admin.TabularInline):
    model = EventLink
    fk_name = "from_event"
    autocomplete_fields = ["to_event"]
    fields = ["kind", "to_event", "note"]
    extra = 0
    verbose_name = "link to another event"
    verbose_name_plural = "links to other events"


class ConcessionInline(admin.StackedInline):
    model = Concession
    autocomplete_fields = ["offered_by", "offered_to", "sources"]
    fields = ["description", ("offered_by", "offered_to"), "status", "sources", "note"]
    extra = 0


@admin.register(ReleaseEvent)
class ReleaseEventAdmin(ExportAdmin, RecoveryAdmin, ConcurrencyAdmin, PublishableAdmin):
    list_display = [
        "title", "date_display", "kind", "releasing_country", "named_count",
        "announced_total", "publication_status", "updated_at",
    ]
    list_filter = ["publication_status", "kind", "releasing_country", "date_precision"]
    date_hierarchy = "date_from"
    search_fields = [
        "title", "summary", "handover_place", "destination",
        "prisoners__names__text", "prisoners__preferred_name",
        "parties__names__text", "parties__name",
    ]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReleasedPersonInline, PartyRoleInline, CitationInline, EventLinkInline, ConcessionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        ("When", {
            "fields": [("date_from", "date_to", "date_precision")],
            "description": "For 'February 2025' pick any day in February and precision Month; "
            "for a wave, also give its last day (or month).",
        }),
        ("Where and how many", {"fields": [
            "releasing_country", ("handover_place", "destination", "destination_country"),
            ("announced_total", "announced_total_is_minimum"),
        ]}),
        PUBLICATION_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            named=Count("released_people", distinct=True)
        )

    @admin.display(description="date", ordering="date_from")
    def date_display(self, obj):
        return obj.date_display

    @admin.display(description="named", ordering="named")
    def named_count(self, obj):
        return obj.named
