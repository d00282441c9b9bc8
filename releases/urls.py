"""Public pages, each with a permanent URL (the API's `url` field points here)."""
from django.urls import path

from .views import curated, detail, feeds, timeline

app_name = "releases"

urlpatterns = [
    path("", timeline.timeline, name="timeline"),
    path("statistics/", timeline.statistics_page, name="statistics"),
    path("feed/", feeds.ReleaseFeed(), name="feed"),
    path("releases/<int:pk>/", detail.ReleaseDetailView.as_view(), name="release-detail"),
    path("people/<int:pk>/", detail.PrisonerDetailView.as_view(), name="prisoner-detail"),
    path("parties/<int:pk>/", detail.PartyDetailView.as_view(), name="party-detail"),
    path("sources/<int:pk>/", detail.SourceDetailView.as_view(), name="source-detail"),
    path("pages/<slug:slug>/", curated.page_detail, name="page-detail"),
    path("collections/<slug:slug>/", curated.collection_detail, name="collection-detail"),
]
