"""Parties in the admin: governments, agencies, officials, found by any of their names."""
from django.contrib import admin

from releases.models import Party, PartyName

from .concurrency import ConcurrencyAdmin
from .import_file_actions import ExportAdmin
from .recovery import RecoveryAdmin
from .publishing import PUBLICATION_FIELDSET, PublishableAdmin


class PartyNameInline(admin.TabularInline):
    model = PartyName
    autocomplete_fields = ["sources"]
    fields = ["text", "language", "script", "romanization", "sources"]
    extra = 1


@admin.register(Party)
class PartyAdmin(ExportAdmin, RecoveryAdmin, ConcurrencyAdmin, PublishableAdmin):
    list_display = ["name", "kind", "country", "parent", "position", "publication_status"]
    list_filter = ["publication_status", "kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "names__text", "position"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartyNameInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "country", "parent", "position", "description"]}),
        PUBLICATION_FIELDSET,
    ]
