from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentVersion


def bump_content_version(sender, **kwargs):
    ContentVersion.bump()


def track_changes(*models, m2m=()):
    """Bump the content version whenever one of these models is saved or deleted."""
    for model in models:
        post_save.connect(
            bump_content_version, sender=model, dispatch_uid=f"content-version-save-{model._meta.label}"
        )
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"content-version-delete-{model._meta.label}"
        )
    for through in m2m:
        m2m_changed.connect(
            bump_content_version, sender=through, dispatch_uid=f"content-version-m2m-{through._meta.label}"
        )
