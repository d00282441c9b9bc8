"""The versioned API: /api/v1/<resource>/, its schema and its docs."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import sync, views

app_name = "api"

router = DefaultRouter()
router.register("releases", views.ReleaseViewSet, basename="release")
router.register("prisoners", views.PrisonerViewSet, basename="prisoner")
router.register("parties", views.PartyViewSet, basename="party")
router.register("sources", views.SourceViewSet, basename="source")
router.register("citations", views.CitationViewSet, basename="citation")
router.register("withdrawals", sync.WithdrawalViewSet, basename="withdrawal")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's init script from a URL (docs/?script=), not inline,
    # so the site's Content-Security-Policy (script-src 'self') needs no exception here.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
