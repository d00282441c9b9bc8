"""The editors' admin site: Django's own, with the tracker's titles, a login that is throttled
(tracker/login_throttle.py) and the Import page (releases/admin/importing.py) among its URLs."""
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import path

from tracker.login_throttle import TOO_MANY_ATTEMPTS, ThrottledAdminAuthenticationForm


class TrackerAdminSite(admin.AdminSite):
    site_header = "Release Tracker — editors"
    site_title = "Release Tracker admin"
    index_title = "Curate releases, people, parties and sources"
    # Says why a throttled login is refused.
    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        """Django's login view, answering 429 Too Many Requests (with Retry-After) when the
        form was refused because of throttling."""
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if form is not None and form.has_error(NON_FIELD_ERRORS, TOO_MANY_ATTEMPTS):
            response.status_code = 429
            response.headers["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return response

    def get_urls(self):
        from releases.admin.importing import import_view

        # Ahead of the app's own "releases/" URLs, which would take "import" for an object id.
        return [path("releases/import/", self.admin_view(import_view), name="import"),
                *super().get_urls()]
