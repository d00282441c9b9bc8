"""The admin's "Merge two records of the same person" action and its confirmation page."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse

from releases.services.merging import may_merge, merge_prisoners


@admin.action(description="Merge two selected records of the same person…")
def merge_people(modeladmin, request, queryset):
    records = list(
        queryset.annotate(release_count=Count("released_in", distinct=True),
                          citation_count=Count("citations", distinct=True),
                          name_count=Count("names", distinct=True))
        .prefetch_related("names").order_by("pk")
    )
    if len(records) != 2:
        modeladmin.message_user(request, "Select exactly two records to merge.", messages.ERROR)
        return None
    if not may_merge(request.user, records):
        raise PermissionDenied
    if request.POST.get("confirm") == "yes":
        keep_id = request.POST.get("keep")
        if keep_id not in {str(r.pk) for r in records}:
            modeladmin.message_user(request, "Choose the record to keep.", messages.ERROR)
        else:
            keep = next(r for r in records if str(r.pk) == keep_id)
            absorb = next(r for r in records if r.pk != keep.pk)
            notes = merge_prisoners(keep=keep, absorb=absorb, by=request.user.get_username())
            text = (f"Merged “{absorb.preferred_name}” (#{absorb.pk}) into “{keep.preferred_name}” "
                    f"(#{keep.pk}); the old id now redirects.")
            if notes:
                text += f" {len(notes)} differing detail(s) were written into its internal notes."
            modeladmin.message_user(request, text, messages.SUCCESS)
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Merge two records of the same person",
        "records": records,
        "queryset": queryset,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "change_urls": {r.pk: reverse("admin:releases_prisoner_change", args=[r.pk]) for r in records},
    }
    return TemplateResponse(request, "admin/releases/prisoner/merge.html", context)
