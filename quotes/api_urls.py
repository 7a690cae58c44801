"""The public API, version 1: mounted at /api/v1/ by config/urls.py."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from sources.views import OutletViewSet, SourceViewSet

from .views import CitationViewSet, QuoteViewSet, SpeakerViewSet

app_name = "api"

router = DefaultRouter()
router.register("quotes", QuoteViewSet, basename="quote")
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("sources", SourceViewSet, basename="source")
router.register("outlets", OutletViewSet, basename="outlet")
router.register("citations", CitationViewSet, basename="citation")

DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The documentation's scripts (served from this site) write <style> elements: allowed on these two pages.
    path(
        "docs/",
        csp_update(DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path(
        "redoc/",
        csp_update(DOCS_CSP)(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    *router.urls,
]
