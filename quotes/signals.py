"""Keep quotes' stored sort keys in step with the citations and sources they derive from."""

from django.db.models.signals import post_delete, post_save

from sources.models import Source

from .models import Citation, Quote


def citation_changed(sender, instance, **kwargs):
    Quote.objects.filter(pk=instance.quote_id).update_first_published()


def source_saved(sender, instance, created, **kwargs):
    if not created:
        Quote.objects.filter(
            pk__in=Citation.objects.filter(source=instance).values("quote_id")
        ).update_first_published()


def connect():
    post_save.connect(citation_changed, sender=Citation, dispatch_uid="quote-first-published-citation-save")
    post_delete.connect(
        citation_changed, sender=Citation, dispatch_uid="quote-first-published-citation-delete"
    )
    post_save.connect(source_saved, sender=Source, dispatch_uid="quote-first-published-source-save")
