"""Public pages, each with a permanent URL (the API's `url` field points here)."""
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from .views import curated, detail, feeds, statistics, timeline

app_name = "releases"


def read_only(view):
    """Pages are read: any method but GET and HEAD is a 405 (a POST must never be answered from
    the page cache as if it were a read). Exempt from the CSRF check, which would answer a POST
    403 first: no page takes a write, so there is nothing to forge."""
    return csrf_exempt(require_safe(view))


urlpatterns = [
    path("", read_only(timeline.timeline), name="timeline"),
    path("statistics/", read_only(statistics.statistics_page), name="statistics"),
    path("feed/", read_only(feeds.ReleaseFeed()), name="feed"),
    path("releases/<int:pk>/", read_only(detail.ReleaseDetailView.as_view()), name="release-detail"),
    path("people/<int:pk>/", read_only(detail.PrisonerDetailView.as_view()), name="prisoner-detail"),
    path("parties/<int:pk>/", read_only(detail.PartyDetailView.as_view()), name="party-detail"),
    path("sources/<int:pk>/", read_only(detail.SourceDetailView.as_view()), name="source-detail"),
    path("pages/<slug:slug>/", read_only(curated.page_detail), name="page-detail"),
    path("collections/<slug:slug>/", read_only(curated.collection_detail), name="collection-detail"),
]
