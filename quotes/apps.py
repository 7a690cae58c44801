from django.apps import AppConfig


class QuotesConfig(AppConfig):
    name = "quotes"
    verbose_name = "Quotes"

    def ready(self):
        from core.signals import track_changes

        from . import signals
        from .models import Citation, Quote, Role, Speaker, SpeakerAlias, Tag

        track_changes(Speaker, SpeakerAlias, Role, Tag, Quote, Citation, m2m=[Quote.tags.through])
        signals.connect()
