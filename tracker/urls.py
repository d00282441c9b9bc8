"""Top-level URLs: the admin (at a configurable path; tracker/admin_site.py) and the app's pages."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

# Unknown URLs under /api/ answer JSON, like every other API error.
handler404 = "releases.api.errors.page_not_found"
handler500 = "tracker.outage.server_error"

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("releases.api.urls")),
    path("", include("releases.urls")),
]
