"""The admin's Import page: upload a CSV or JSON file of releases, people, parties or sources.

The work is ``releases.transfer.importing.import_file``; this is the form and the page, which lists
each kind's columns from their declaration (releases/transfer/kinds.py). The page is
linked from each of those lists (templates/admin/releases/import_link.html). A kind can be
imported by whoever may add its records; publishing through an import also needs the publish
permission (see releases/transfer/importing.py).
"""
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from releases.transfer.importing import MAX_BYTES, MAX_ROWS, ImportRefused, guess_format, import_file
from releases.transfer.kinds import KIND_OF_MODEL, KINDS


def importable_kinds(user):
    """The kinds ``user`` may import: those whose records they may add."""
    return [name for name, kind in KINDS.items()
            if user.has_perm(f"{kind.model._meta.app_label}.add_{kind.model._meta.model_name}")]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="Import")
    file = forms.FileField(help_text=(
        f"A .csv (UTF-8) or .json file of up to {MAX_BYTES // (1024 * 1024)} MB and {MAX_ROWS} rows. "
        "The columns are described in the README, section “Bulk import”."
    ))
    dry_run = forms.BooleanField(
        required=False, label="Dry run", help_text="Check the file and show what would change; store nothing.",
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(name, KINDS[name].label) for name in kinds]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading it: a large upload is a form error, never a 500.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it.")
        if guess_format(upload.name) is None:
            raise forms.ValidationError("Upload a .csv or a .json file.")
        return upload


def import_view(request):
    """GET: the form. POST: import (or dry-run) and show the counts, or every row's error."""
    kinds = importable_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    result = errors = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_file(
                    upload.read(), kind=form.cleaned_data["kind"], fmt=guess_format(upload.name),
                    filename=upload.name, user=request.user, dry_run=form.cleaned_data["dry_run"],
                )
            except ImportRefused as refused:
                errors = refused.errors
    else:
        form = ImportForm(kinds=kinds, initial={"kind": KIND_OF_MODEL.get(request.GET.get("for"))})
    context = {
        **admin.site.each_context(request),
        "title": "Import from a file",
        "form": form,
        "result": result,
        "errors": errors,
        "kinds": [KINDS[name] for name in kinds],
    }
    return TemplateResponse(request, "admin/releases/import.html", context)


# Wrapped like the admin's own views: staff only (others go to the login page), no caching.
