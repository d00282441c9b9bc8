"""Who may do what through the API: anyone reads; editors write with their model permissions."""
from rest_framework import permissions


class ReadOnlyOrEditor(permissions.DjangoModelPermissions):
    """Reads are public. Writes need an authenticated user (401 otherwise) holding the
    model's add/change/delete permission (403 otherwise) — the same rights as in the admin."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.method.lower() not in view.http_method_names:
            return True  # not offered at all: let the view answer 405, not 401/403
        return super().has_permission(request, view)
