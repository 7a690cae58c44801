from django.urls import path

from core.cache import cache_anonymous_page

from . import feeds, pages

app_name = "quotes"

urlpatterns = [
    path("", cache_anonymous_page(pages.quote_list), name="quote-list"),
    path("quotes/<int:pk>/", cache_anonymous_page(pages.quote_detail), name="quote-detail"),
    path("speakers/", cache_anonymous_page(pages.speaker_list), name="speaker-list"),
    path("speakers/<str:slug>/", cache_anonymous_page(pages.speaker_detail), name="speaker-detail"),
    path("sources/<int:pk>/", cache_anonymous_page(pages.source_detail), name="source-detail"),
    path("feed/", feeds.NewQuotesFeed(), name="feed"),
    path("feed/verdicts/", feeds.NewVerdictsFeed(), name="verdict-feed"),
    path("feed/speakers/<str:slug>/", feeds.SpeakerQuotesFeed(), name="speaker-feed"),
    path("feed/topics/<str:slug>/", feeds.TagQuotesFeed(), name="tag-feed"),
]
