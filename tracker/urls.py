"""Top-level URLs: the admin (at a configurable path) and the app's pages."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Release Tracker — editors"
admin.site.site_title = "Release Tracker admin"
admin.site.index_title = "Curate releases, people, parties and sources"

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("releases.api.urls")),
    path("", include("releases.urls")),
]
