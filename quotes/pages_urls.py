from django.urls import path

from . import pages

app_name = "quotes"

urlpatterns = [
    path("", pages.quote_list, name="quote-list"),
    path("quotes/<int:pk>/", pages.quote_detail, name="quote-detail"),
    path("speakers/", pages.speaker_list, name="speaker-list"),
    path("speakers/<str:slug>/", pages.speaker_detail, name="speaker-detail"),
]
