from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared foundations"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from .history import stamp_historical_record

        pre_create_historical_record.connect(stamp_historical_record, dispatch_uid="core-history-stamp")
