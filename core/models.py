from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


class HistoryContext(models.Model):
    """Extra columns on every historical record: the way the change came in."""

    history_via = models.CharField(
        "changed through",
        max_length=40,
        blank=True,
        help_text="admin, api, article import, spreadsheet import, load_demo, …",
    )

    class Meta:
        abstract = True


class NormalizedModel(models.Model):
    """Brings stored values to their canonical form before validation and on every save.

    Subclasses implement ``normalize()``; running it before field validation means a
    value like " q42 " or "https://WWW.Example.com/a/" is validated as it will be stored.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalize()
        super().save(*args, **kwargs)

    def normalize(self):
        pass

    def clean_fields(self, exclude=None):
        self.normalize()
        super().clean_fields(exclude=exclude)


def unique_slug(
    model, name: str, *, max_length: int, allow_unicode: bool = True, exclude_pk=None, also_taken=()
) -> str:
    """A slug made from ``name`` that no other row of ``model`` has: -2, -3… are added when taken.

    ``also_taken``: slugs given to rows about to be created with this one.
    """
    base = slug_base(name, max_length=max_length, allow_unicode=allow_unicode)
    if not base:
        return ""
    taken = set(
        model.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    taken.update(also_taken)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def version_field():
    """The optimistic-locking version every editable model carries (see ``core.versioning``)."""
    return models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Incremented by every save; a save based on an older version is refused.",
    )


def slug_base(name: str, *, max_length: int, allow_unicode: bool = True) -> str:
    """The slug ``unique_slug`` tries first, before adding -2, -3…"""
    return slugify(name, allow_unicode=allow_unicode)[: max_length - 6]


class AuditedModel(NormalizedModel):
    """Who created and last changed a row, and when. Shared by every editable model."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = version_field()

    class Meta:
        abstract = True


def full_history(**options):
    """Full history (who, when, through which path, previous values) for a model."""
    return HistoricalRecords(bases=[HistoryContext], cascade_delete_history=False, **options)


class ContentVersion(models.Model):
    """One row that changes whenever published data is saved or deleted.

    HTTP validators (ETag, Last-Modified) are derived from it, so that a deletion,
    which leaves no newer timestamp behind in its own table, still changes them.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "sources_contentversion"  # created by the sources app before it moved here

    def __str__(self):
        return f"version {self.version} at {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def bump(cls):
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1, changed_at=now):
            cls.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})
        from .cache import forget_counter  # the response cache keeps a copy of the counter

        forget_counter()
