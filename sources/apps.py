from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources"

    def ready(self):
        from .models import Contributor, Outlet, Source
        from core.signals import track_changes

        track_changes(Outlet, Source, Contributor)
