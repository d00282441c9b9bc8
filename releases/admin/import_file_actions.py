"""The admin's "Export … as an import file" actions (releases/transfer/import_files.py): the selected
records, drafts and internal notes included, in the format the Import page reads back.

Anyone who may view the records may export them; a refusal exports nothing and says why."""
from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone

from releases.transfer.import_files import ExportRefused, export_file
from releases.transfer.kinds import KIND_OF_MODEL

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def export(model_admin, request, queryset, fmt):
    kind = KIND_OF_MODEL[model_admin.opts.model_name]
    try:
        data = export_file(kind, queryset, fmt)
    except ExportRefused as refusal:
        model_admin.message_user(request, str(refusal), messages.ERROR)
        return None
    name = f"{kind}-{timezone.localdate().isoformat()}.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@admin.action(permissions=["view"], description="Export selected as an import file (CSV)")
def export_csv(model_admin, request, queryset):
    return export(model_admin, request, queryset, "csv")


@admin.action(permissions=["view"], description="Export selected as an import file (JSON)")
def export_json(model_admin, request, queryset):
    return export(model_admin, request, queryset, "json")


class ExportAdmin:
    """Mix into the admin of an importable model (releases, people, parties, sources)."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        for action in (export_csv, export_json):
            if self.has_view_permission(request):
                actions[action.__name__] = self.get_action(action)
        return actions
