"""Editors' own pages and topic collections."""
from django.contrib import admin

from releases.models import Collection, CollectionItem, Page

from .concurrency import ConcurrencyAdmin
from .recovery import RecoveryAdmin
from .publishing import PUBLICATION_FIELDSET, PublishableAdmin


@admin.register(Page)
class PageAdmin(RecoveryAdmin, ConcurrencyAdmin, PublishableAdmin):
    list_display = ["title", "slug", "navigation_order", "publication_status", "updated_at"]
    list_filter = ["publication_status"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [(None, {"fields": ["title", "slug", "body", "navigation_order"]}), PUBLICATION_FIELDSET]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    autocomplete_fields = ["release", "prisoner", "source"]
    fields = ["position", "release", "prisoner", "source", "note"]
    extra = 1


@admin.register(Collection)
class CollectionAdmin(RecoveryAdmin, ConcurrencyAdmin, PublishableAdmin):
    list_display = ["title", "slug", "navigation_order", "publication_status", "updated_at"]
    list_filter = ["publication_status"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CollectionItemInline]
    fieldsets = [(None, {"fields": ["title", "slug", "introduction", "navigation_order"]}), PUBLICATION_FIELDSET]
