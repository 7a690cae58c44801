from django.contrib import admin
from django.urls import include, path

from core.views import healthz

handler400 = "core.views.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

admin.site.site_header = "Quote & attribution database"
admin.site.site_title = "Quotes admin"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("quotes.api_urls")),
    path("", include("quotes.pages_urls")),
]
