"""People in the admin: every name, citizenship, detention, status and citation on one page."""
import re

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import ValidationError
from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from releases.search import search
from releases.search.duplicates import likely_duplicates
from releases.models import (
    Citation, Citizenship, Detention, Prisoner, PrisonerName, PrisonerStatus, Recognition,
    StatusRecord,
)

from .merging import merge_people
from .concurrency import ConcurrencyAdmin
from .dates import DATE_FIELDS
from .import_file_actions import ExportAdmin
from .recovery import RecoveryAdmin
from .publishing import PUBLICATION_FIELDSET, PublishableAdmin


INLINE_NAME = re.compile(r"names-\d+-text")


class PrisonerForm(forms.ModelForm):
    """On a new record: if the name likely matches someone already in the tracker, the editor
    sees who and why before anything is saved, and saves only after ticking "not a duplicate"."""

    not_a_duplicate = forms.BooleanField(
        required=False, label="Not a duplicate",
        help_text="Tick after checking the people listed above: this is someone else.",
    )

    class Meta:
        model = Prisoner
        fields = "__all__"

    def inline_names(self):
        """The other spellings typed into the names inline of the same form (not yet valid
        rows: the inline is validated after this form)."""
        return [value for key, value in self.data.items()
                if INLINE_NAME.fullmatch(key) and value.strip()
                and not self.data.get(key.removesuffix("-text") + "-DELETE")]

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("preferred_name")
        if self.instance.pk is None and name and not cleaned.get("not_a_duplicate"):
            candidates = likely_duplicates([name, *self.inline_names()])
            if candidates:
                raise ValidationError(format_html(
                    "This may be someone already in the tracker:<ul>{}</ul>Open their record to "
                    "add this spelling there, or tick “Not a duplicate” and save again.",
                    format_html_join("", "<li><a href=\"{}\">{}</a> (#{}, {}): {}</li>", (
                        (reverse("admin:releases_prisoner_change", args=[c.prisoner.pk]),
                         c.prisoner.preferred_name, c.prisoner.pk,
                         c.prisoner.get_publication_status_display().lower(), "; ".join(c.reasons))
                        for c in candidates
                    )),
                ))
        return cleaned




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
    formfield_overrides = DATE_FIELDS
    fields = [("detained_on", "detained_on_precision"), "charges", ("sentence", "place"), "internal_notes"]
    extra = 0


class StatusRecordInline(admin.TabularInline):
    model = StatusRecord
    formfield_overrides = DATE_FIELDS
    fields = ["status", "as_of", "as_of_precision", "note"]
    extra = 1


class RecognitionInline(admin.TabularInline):
    model = Recognition
    formfield_overrides = DATE_FIELDS
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
class PrisonerAdmin(ExportAdmin, RecoveryAdmin, ConcurrencyAdmin, PublishableAdmin):
    list_display = ["preferred_name", "other_names", "citizenship_list", "status", "publication_status", "updated_at"]
    list_filter = ["publication_status", CurrentStatusFilter, "citizenships__country"]
    search_fields = ["preferred_name", "names__text", "occupation"]
    search_help_text = "A name in any script or spelling, surname first or last; or an occupation."
    prepopulated_fields = {"slug": ["preferred_name"]}
    form = PrisonerForm
    actions = [*PublishableAdmin.actions, merge_people]
    inlines = [
        PrisonerNameInline, CitizenshipInline, DetentionInline, StatusRecordInline,
        RecognitionInline, PersonCitationInline,
    ]
    fieldsets = [
        (None, {"fields": ["preferred_name", "slug", "occupation", "summary"]}),
        ("Age as reported", {"fields": [("birth_year", "reported_age", "age_reported_on")]}),
        PUBLICATION_FIELDSET,
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            first = {**fieldsets[0][1], "fields": [*fieldsets[0][1]["fields"], "not_a_duplicate"]}
            fieldsets = [(fieldsets[0][0], first), *fieldsets[1:]]
        return fieldsets

    def get_search_results(self, request, queryset, search_term):
        """Names by the name matcher (any spelling, best first), then occupations etc. by
        Django's substring search; the autocomplete on releases uses this too."""
        others, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return others, may_have_duplicates
        ids = [hit.prisoner_id for hit in search.search_prisoners(search_term, queryset)]
        found = queryset.filter(Q(pk__in=ids) | Q(pk__in=Subquery(others.values("pk"))))
        if ORDER_VAR in request.GET:  # the editor sorted by a column: keep their order
            return found, False
        return found.order_by(search.rank_order(ids, after=len(ids)), "preferred_name", "pk"), False

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
