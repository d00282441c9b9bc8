"""The editors' admin site: Django's own, with the tracker's titles, a login that is throttled
(tracker/login_throttle.py) and the Import page (releases/admin/importing.py) among its URLs;
each POST is one write (``one_write``: derived data refreshed once, at its end)."""
from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import path

from releases.derived.signals import one_write
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

    def admin_view(self, view, cacheable=False):
        """Django's wrapper (login, CSRF, no cache), and a POST as one write: a change form
        with its inlines, a bulk action or a deletion refreshes derived data once, not once
        per row saved."""
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def inner(request, *args, **kwargs):
            if request.method != "POST":
                return checked(request, *args, **kwargs)
            with one_write():
                return checked(request, *args, **kwargs)

        return inner

    def get_urls(self):
        from releases.admin.importing import import_view

        # Ahead of the app's own "releases/" URLs, which would take "import" for an object id.
        return [path("releases/import/", self.admin_view(import_view), name="import"),
                *super().get_urls()]
