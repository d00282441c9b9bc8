"""Public pages, each with a permanent URL (the API's `url` field points here)."""
from django.urls import path
from django.views.decorators.http import require_safe

from .views import curated, detail, feeds, timeline

app_name = "releases"

# Pages are read: any method but GET and HEAD is a 405 (a POST must never be answered from the
# page cache as if it were a read).
urlpatterns = [
    path("", require_safe(timeline.timeline), name="timeline"),
    path("statistics/", require_safe(timeline.statistics_page), name="statistics"),
    path("feed/", require_safe(feeds.ReleaseFeed()), name="feed"),
    path("releases/<int:pk>/", require_safe(detail.ReleaseDetailView.as_view()), name="release-detail"),
    path("people/<int:pk>/", require_safe(detail.PrisonerDetailView.as_view()), name="prisoner-detail"),
    path("parties/<int:pk>/", require_safe(detail.PartyDetailView.as_view()), name="party-detail"),
    path("sources/<int:pk>/", require_safe(detail.SourceDetailView.as_view()), name="source-detail"),
    path("pages/<slug:slug>/", require_safe(curated.page_detail), name="page-detail"),
    path("collections/<slug:slug>/", require_safe(curated.collection_detail), name="collection-detail"),
]
