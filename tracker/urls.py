"""Top-level URLs: the admin (at a configurable path) and the app's pages."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from releases.admin.importing import import_page
from releases.login_throttle import ThrottledAdminAuthenticationForm, admin_login

admin.site.site_header = "Release Tracker — editors"
admin.site.site_title = "Release Tracker admin"
admin.site.index_title = "Curate releases, people, parties and sources"
# Says why a throttled login is refused (releases/login_throttle.py).
admin.site.login_form = ThrottledAdminAuthenticationForm

# Unknown URLs under /api/ answer JSON, like every other API error.
handler404 = "releases.api.errors.page_not_found"

urlpatterns = [
    # Ahead of the admin's own login URL (same address, so reverse("admin:login") finds it):
    # the admin's login view, answering 429 when throttled.
    path(f"{settings.ADMIN_PATH}login/", admin_login),
    # The Import page (releases/admin/importing.py), ahead of the admin's own "releases/" URLs.
    path(f"{settings.ADMIN_PATH}releases/import/", import_page, name="admin-import"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("releases.api.urls")),
    path("", include("releases.urls")),
]
