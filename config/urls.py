from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Quote & attribution database"
admin.site.site_title = "Quotes admin"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("quotes.api_urls")),
    path("", include("quotes.pages_urls")),
]
