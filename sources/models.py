from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils.text import slugify

from core.models import AuditedModel, NormalizedModel, full_history
from core.normalization import domain_of, normalize_text, normalize_url

from .validators import (
    normalize_language_tag,
    validate_country_code,
    validate_language_tag,
    validate_publication_year,
    validate_timezone_name,
)


class Outlet(AuditedModel):
    name = models.CharField(max_length=200, help_text="The publisher's name, e.g. “Republika”.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="Used in URLs and API filters; made from the name when blank.",
    )
    domain = models.CharField(
        max_length=253,
        unique=True,
        null=True,
        blank=True,
        help_text="Web domain without “www.”, e.g. “republika.co.id”.",
        error_messages={"unique": "Another outlet already uses this domain."},
    )
    country = models.CharField(
        max_length=2, blank=True, validators=[validate_country_code], help_text="ISO 3166-1 code, e.g. “ID”."
    )
    language = models.CharField(
        max_length=35,
        blank=True,
        validators=[validate_language_tag],
        help_text="Main publishing language (BCP 47), e.g. “id”.",
    )
    timezone = models.CharField(
        "time zone",
        max_length=64,
        blank=True,
        validators=[validate_timezone_name],
        help_text="Where it publishes from: the default time zone of its sources' publication times, "
        "e.g. Asia/Jakarta for WIB (UTC+7).",
    )

    history = full_history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def normalize(self):
        self.name = normalize_text(self.name)
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        domain = (self.domain or "").strip()
        self.domain = domain_of(domain if "://" in domain else f"//{domain}") or None
        self.country = (self.country or "").strip().upper()
        self.language = normalize_language_tag(self.language)


class SourceQuerySet(models.QuerySet):
    def with_outlet(self):
        return self.select_related("outlet")


class SourceKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "News article"
    TRANSCRIPT = "transcript", "Transcript"
    VIDEO = "video", "Video or broadcast"
    BOOK = "book", "Book"
    SOCIAL_POST = "social_post", "Social media post"
    PRESS_RELEASE = "press_release", "Press release"
    OFFICIAL_RECORD = "official_record", "Official record"


class Source(AuditedModel):
    Kind = SourceKind

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS_ARTICLE)
    title = models.CharField(max_length=500, help_text="Headline or title as published.")
    url = models.URLField(
        "URL",
        max_length=1000,
        unique=True,
        null=True,
        blank=True,
        help_text="Stored in a canonical form (no tracking parameters or fragment); must be unique.",
        error_messages={"unique": "A source with this URL is already recorded."},
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Publication date and time, as local time in the time zone below.",
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone_name],
        help_text="Time zone of the publication time, e.g. Asia/Jakarta for WIB (UTC+7).",
    )
    language = models.CharField(
        max_length=35, blank=True, validators=[validate_language_tag], help_text="BCP 47, e.g. “id”."
    )
    dateline = models.CharField(
        max_length=200, blank=True, help_text="Place named in the dateline, e.g. “Moscow”."
    )
    archive_url = models.URLField(
        "archive URL", max_length=1000, blank=True, help_text="A permanent copy, e.g. on an archive service."
    )
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Hash of the imported article text, so the same article is not imported twice.",
    )

    objects = SourceQuerySet.as_manager()
    history = full_history()

    class Meta:
        ordering = ["-published_at", "title"]
        indexes = [models.Index(fields=["published_at"], name="source_published_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("title")), 0), name="source_title_not_blank"
            ),
        ]

    def __str__(self):
        if self.outlet_id:
            return f"{self.title} ({self.outlet})"
        return self.title

    def normalize(self):
        self.title = normalize_text(self.title)
        self.url = normalize_url(self.url) or None
        self.archive_url = (self.archive_url or "").strip()
        self.language = normalize_language_tag(self.language)
        self.dateline = normalize_text(self.dateline)

    def clean(self):
        if self.published_at is not None:
            try:
                validate_publication_year(self.published_at)
            except ValidationError as error:
                raise ValidationError({"published_at": error}) from None

    @property
    def published_local(self):
        """The publication time in the source's own time zone (20 Sep 2023 14:35 +07:00)."""
        if self.published_at is None:
            return None
        return self.published_at.astimezone(ZoneInfo(self.timezone))

    @property
    def published_on(self):
        """The calendar date of publication where it was published."""
        local = self.published_local
        return local.date() if local else None


class ContributorRole(models.TextChoices):
    AUTHOR = "author", "Author / reporter"
    EDITOR = "editor", "Editor"
    TRANSLATOR = "translator", "Translator"


class Contributor(NormalizedModel):
    """A person credited on a source: reporter, author or editor."""

    Role = ContributorRole

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="contributors")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the byline.")

    history = full_history()

    class Meta:
        ordering = ["source", "role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "role", "name"],
                name="contributor_unique_per_source_role",
                violation_error_message="This person is already credited in that role.",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=ContributorRole.values), name="contributor_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def normalize(self):
        self.name = normalize_text(self.name)
