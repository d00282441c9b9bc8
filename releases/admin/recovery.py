"""The admin's "Deleted records" page for a model, and its restore button.

Listed and restored by anyone who may add records of the model (editors and publishers);
``releases.services.restoring.restore`` decides the rest (a published record comes back as a draft
for a user without the publish permission). A restore is a POST with the CSRF token; a
refusal changes nothing and is shown as an error message on the same page.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from releases.services.restoring import RestoreError, deleted, name_of, restore


class RecoveryAdmin:
    """Mix into a ModelAdmin, before the admin base class: adds ``<changelist>/deleted/`` and
    a link to it from the change list."""

    change_list_template = "admin/releases/recovery/change_list.html"
    deleted_per_page = 100

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            # Before the ModelAdmin's own URLs: "<object_id>/" would take "deleted/".
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name="%s_%s_deleted" % info),
            path("deleted/<path:object_id>/restore/",
                 self.admin_site.admin_view(require_POST(self.restore_view)),
                 name="%s_%s_restore" % info),
            *super().get_urls(),
        ]

    def deleted_url(self):
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_deleted")

    def deleted_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        rows = [{"id": row.id, "row": row, "when": row.history_date, "by": row.history_user,
                 "reason": row.history_change_reason} for row in deleted(self.model)]
        query = request.GET.get("q", "").strip()
        if query:  # an id, or a part of the record's name, a reason or who deleted it
            rows = [r for r in rows if matches(query, r)]
        page = Paginator(rows, self.deleted_per_page).get_page(request.GET.get("p"))
        for r in page:  # a name may need a query (a release person's prisoner): this page only
            if "name" not in r:  # a search has drawn it already
                r["name"] = name_of(r["row"].instance)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "rows": page,
            "page": page,
            "query": query,
        }
        return TemplateResponse(request, "admin/releases/recovery/deleted.html", context)

    def restore_view(self, request, object_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        try:
            result = restore(self.model, object_id, request.user)
        except ValidationError:  # not an id at all
            raise Http404 from None
        except RestoreError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(self.deleted_url())
        record = result.record
        text = f"Restored {self.opts.verbose_name} “{record}” (#{record.pk})"
        if result.children:
            text += f" with {len(result.children)} row(s) deleted with it"
        self.message_user(request, " ".join([text + ".", *result.notes]), messages.SUCCESS)
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:%s_%s_change" % info, args=[record.pk]))


def matches(query, row):
    if query.lstrip("#").isdigit():
        return str(row["id"]) == query.lstrip("#")
    row["name"] = name_of(row["row"].instance)
    text = " ".join([row["name"], row["reason"] or "", str(row["by"] or "")]).casefold()
    return query.casefold() in text
