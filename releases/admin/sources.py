"""Sources in the admin."""
from django.contrib import admin

from releases.models import Source

from .concurrency import ConcurrencyAdmin
from .import_file_actions import ExportAdmin
from .recovery import RecoveryAdmin
from .publishing import PUBLICATION_FIELDSET, PublishableAdmin


@admin.register(Source)
class SourceAdmin(ExportAdmin, RecoveryAdmin, ConcurrencyAdmin, PublishableAdmin):
    list_display = ["outlet", "title", "published_on", "kind", "cited_via", "publication_status"]
    list_filter = ["publication_status", "kind", "language"]
    list_select_related = ["cited_via"]
    search_fields = ["outlet", "title", "author", "url"]
    autocomplete_fields = ["cited_via"]
    prepopulated_fields = {"slug": ["outlet", "title"]}
    date_hierarchy = "published_on"
    fieldsets = [
        (None, {"fields": [
            "outlet", "title", "slug", "url", "author", ("language", "published_on", "kind"), "cited_via",
        ]}),
        PUBLICATION_FIELDSET,
    ]
