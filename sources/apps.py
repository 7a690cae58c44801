from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources"

    def ready(self):
        from core.signals import track_changes

        from .models import Contributor, Outlet, Source

        track_changes(Outlet, Source, Contributor)
