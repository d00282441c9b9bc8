"""Public pages, each with a permanent URL (the API's `url` field points here)."""
from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("releases/<int:pk>/", views.ReleaseDetailView.as_view(), name="release-detail"),
    path("people/<int:pk>/", views.PrisonerDetailView.as_view(), name="prisoner-detail"),
    path("parties/<int:pk>/", views.PartyDetailView.as_view(), name="party-detail"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
]
