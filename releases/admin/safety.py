"""Change lists that refuse what their queries cannot take: a 400 inside the admin that says
why and leads back to the list, never a 500. Mixed into every admin of the site (ours in
publishing.py, Django's users and groups in accounts.py)."""
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from releases.models.identity import is_record_id


class SafeChangelistAdmin:
    def changelist_view(self, request, extra_context=None):
        # Django's list filters pass their value straight to the query, and PostgreSQL refuses
        # a NUL in text: ?kind__exact=%00 would be a 500 there (SQLite just finds nothing).
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            return self.bad_request(request, "This search or filter cannot be used",
                                    "The search or a filter contains a null character (\\0, often from "
                                    "a pasted or generated value). Nothing was searched.")
        # An action's selection goes straight into pk__in: 'abc' or 30 digits was a 500.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME) if request.method == "POST" else []
        if not all(is_record_id(value) for value in selected):  # every admin here has integer ids
            return self.bad_request(request, "This selection cannot be used",
                                    "The selected records are not ids of records. Nothing was changed.")
        return super().changelist_view(request, extra_context)

    def bad_request(self, request, title, message):
        context = {**self.admin_site.each_context(request), "opts": self.opts, "title": title,
                   "message": message}
        return TemplateResponse(request, "admin/releases/bad_request.html", context, status=400)
