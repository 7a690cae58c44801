import hashlib
import re
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Coalesce, Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.models import AuditedModel, NormalizedModel, full_history, version_field
from core.normalization import fold, normalize_text, skeleton
from sources.models import Source
from sources.validators import normalize_language_tag, validate_language_tag

from .dates import PartialDate, Precision, truncate

validate_wikidata_id = RegexValidator(
    r"^Q[1-9][0-9]*$",
    message="Enter a Wikidata item ID: the letter Q followed by digits, e.g. “Q123456”.",
    code="invalid_wikidata_id",
)

# Sort keys stand in for a missing date with the earliest one, so undated quotes come last
# in the newest-first orders and every sort column can be NOT NULL and indexed.
NO_DATE = date(1, 1, 1)
NO_DATETIME = datetime(1, 1, 1, tzinfo=UTC)

_NON_WORD = re.compile(r"[\W_]+")
WIKIDATA_LIKE = re.compile(r"^[Qq]\d+$")


def speaker_lookup(reference: str, *, allow_id: bool = False) -> dict:
    """The lookup a speaker reference stands for: a Wikidata ID (Q…), an id (digits) or a slug."""
    reference = reference.strip()
    if WIKIDATA_LIKE.match(reference):
        return {"wikidata_id": reference.upper()}
    if allow_id and reference.isdigit():
        return {"pk": int(reference)}
    return {"slug": reference}


def text_fingerprint(text: str) -> str:
    """Hash of the words alone: case, accents, punctuation and spacing do not count."""
    words = _NON_WORD.sub(" ", skeleton(text)).strip()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def latest_possible_today():
    """The latest calendar date anywhere on Earth right now (UTC+14)."""
    return (timezone.now() + timedelta(hours=14)).date()


class SpeakerQuerySet(models.QuerySet):
    def matching(self, name: str):
        """Speakers whose name or any alias contains ``name``, ignoring case and accents."""
        needle = fold(name)
        if not needle:
            return self.none()
        alias_ids = SpeakerAlias.objects.filter(search_name__contains=needle).values("speaker_id")
        return self.filter(models.Q(search_name__contains=needle) | models.Q(pk__in=alias_ids))

    def named(self, name: str):
        """Speakers whose name or an alias is exactly ``name``, ignoring case and accents."""
        return self.named_any([name])

    def named_any(self, names):
        """Speakers whose name or an alias is exactly one of ``names``, ignoring case and accents."""
        needles = {fold(name) for name in names} - {""}
        if not needles:
            return self.none()
        alias_ids = SpeakerAlias.objects.filter(search_name__in=needles).values("speaker_id")
        return self.filter(models.Q(search_name__in=needles) | models.Q(pk__in=alias_ids))


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class Speaker(AuditedModel):
    Kind = SpeakerKind

    name = models.CharField(max_length=200, help_text="Display name, e.g. “Nikolai Patrushev”.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text="Used in page and API URLs; made from the name when left blank.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="Wikidata item, e.g. “Q319437”.",
        error_messages={"unique": "Another speaker already has this Wikidata ID."},
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="One line that tells readers who this is."
    )
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    objects = SpeakerQuerySet.as_manager()
    history = full_history()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "id"], name="speaker_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SpeakerKind.values), name="speaker_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(wikidata_id__isnull=True) | models.Q(wikidata_id__startswith="Q"),
                name="speaker_wikidata_id_format",
            ),
        ]

    def __str__(self):
        return self.name

    def normalize(self):
        self.name = normalize_text(self.name)
        self.search_name = fold(self.name)
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:200]
        wikidata_id = (self.wikidata_id or "").strip()
        self.wikidata_id = wikidata_id.upper() if wikidata_id[:1] in {"q", "Q"} else wikidata_id or None

    def clean(self):
        if self.name and not self.slug:
            raise ValidationError(
                {
                    "slug": f"“{self.name}” gives no letters or digits for the page address; "
                    "type a slug (letters, digits and hyphens)."
                }
            )

    def get_absolute_url(self):
        return reverse("quotes:speaker-detail", args=[self.slug])

    def role_on(self, day, until=None):
        """The role this speaker held on ``day`` (or from ``day`` to ``until``, for a date known only
        to the month or year), when exactly one recorded role covers the whole of it."""
        roles = [role for role in self.roles.all() if role.covers(day, until)]
        return roles[0] if len(roles) == 1 else None


class SpeakerAlias(NormalizedModel):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=200, help_text="Another spelling, a short name or the name in native script."
    )
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    history = full_history()

    class Meta:
        verbose_name_plural = "speaker aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "search_name"],
                name="alias_unique_per_speaker",
                violation_error_message="This speaker already has that alias.",
            )
        ]

    def __str__(self):
        return self.name

    def normalize(self):
        self.name = normalize_text(self.name)
        self.search_name = fold(self.name)


class Role(NormalizedModel):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300, help_text="e.g. “Secretary of the Security Council”.")
    organisation = models.CharField(max_length=300, blank=True, help_text="e.g. “Government of Russia”.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    history = full_history()

    class Meta:
        ordering = ["speaker", "-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="role_ends_after_it_starts",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self):
        label = f"{self.title}, {self.organisation}" if self.organisation else self.title
        return f"{label} ({self.speaker})" if self.speaker_id else label

    @property
    def label(self):
        return f"{self.title}, {self.organisation}" if self.organisation else self.title

    def normalize(self):
        self.title = normalize_text(self.title)
        self.organisation = normalize_text(self.organisation)

    def covers(self, day, until=None):
        """Whether the role was held on ``day``, or throughout ``day`` to ``until``."""
        if day is None:
            return False
        until = until or day
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or until <= self.end_date
        )


class Tag(NormalizedModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True, allow_unicode=True)
    version = version_field()

    history = full_history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def normalize(self):
        self.name = normalize_text(self.name)
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:100]

    def clean(self):
        if self.name and not self.slug:
            raise ValidationError({"name": f"“{self.name}” gives no letters or digits for a tag address."})


class QuoteQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=QuoteStatus.VERIFIED)

    def with_related(self):
        """Everything a listing shows, in a constant number of queries."""
        return self.select_related("speaker", "role").prefetch_related(
            "tags", models.Prefetch("citations", Citation.objects.select_related("source__outlet"))
        )

    def attributions_of(self, quote):
        """Every claimed attribution of the same words, the given quote excluded."""
        return self.filter(fingerprint=quote.fingerprint).exclude(pk=quote.pk)

    def update_first_published(self):
        """Recompute the stored ``first_published_at`` of these quotes from their citing sources.

        ``first_published_from`` is the same rule for a quote whose sources are in hand.
        """
        earliest = (
            Citation.objects.filter(quote=models.OuterRef("pk"), source__published_at__isnull=False)
            .order_by("source__published_at")
            .values("source__published_at")[:1]
        )
        return self.update(
            first_published_at=Coalesce(
                models.Subquery(earliest), models.Value(NO_DATETIME, output_field=models.DateTimeField())
            )
        )


def first_published_from(sources):
    """A new quote's ``first_published_at`` from the sources citing it, as ``update_first_published`` stores it."""
    return min((s.published_at for s in sources if s.published_at is not None), default=NO_DATETIME)


class QuoteType(models.TextChoices):
    DIRECT = "direct", "Direct quote"
    INDIRECT = "indirect", "Indirect (reported speech)"
    PARAPHRASE = "paraphrase", "Paraphrase"


class QuoteStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    MISATTRIBUTED = "misattributed", "Misattributed"


NOTE_REQUIRED = frozenset({QuoteStatus.DISPUTED, QuoteStatus.MISATTRIBUTED})


class Quote(AuditedModel):
    REVIEW_PERMISSION = "quotes.review_quote"
    Type = QuoteType
    Status = QuoteStatus

    text = models.TextField(
        help_text="The words exactly as published, without surrounding quotation marks.",
        error_messages={"blank": "The quote text is empty; enter the words as published."},
    )
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="quotes")
    role = models.ForeignKey(
        Role,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The role the speaker held when speaking. Filled in from the speaker's roles when "
        "exactly one covers the date.",
    )
    language = models.CharField(
        max_length=35,
        validators=[validate_language_tag],
        help_text="Language of the text as published, e.g. “id”.",
    )
    original_language = models.CharField(
        max_length=35,
        blank=True,
        validators=[validate_language_tag],
        help_text="Language the words were spoken in, when the text is a translation (e.g. “ru”).",
    )
    type = models.CharField(max_length=20, choices=Type.choices, default=Type.DIRECT)
    said_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the words were said: the first day of the period for month or year precision.",
    )
    said_on_precision = models.CharField("precision", max_length=5, choices=Precision.choices, blank=True)
    said_on_latest = models.DateField(null=True, blank=True, editable=False)
    said_on_approximate = models.BooleanField(
        "approximate",
        default=False,
        help_text="Tick when the date is inferred (e.g. from a weekday) rather than stated.",
    )
    place = models.CharField(max_length=200, blank=True, help_text="Where it was said, e.g. “Moscow”.")
    context = models.TextField(
        blank=True, help_text="Occasion and audience, e.g. “meeting with Chinese Foreign Minister Wang Yi”."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="quotes")
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.UNVERIFIED,
        help_text="Fact-checkers' verdict on the attribution. Only reviewers can change it.",
    )
    status_note = models.TextField("verdict note", blank=True, help_text="Why the verdict was reached.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    machine_extracted = models.BooleanField(
        default=False, help_text="Proposed by the article importer and not yet edited by a person."
    )
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    sort_date = models.DateField(
        editable=False,
        default=NO_DATE,
        help_text="``said_on``, or 0001-01-01 when undated: the stored, indexed key of the default order.",
    )
    first_published_at = models.DateTimeField(
        editable=False,
        default=NO_DATETIME,
        help_text="Earliest publication time of a citing source (0001-01-01 when none is known): the "
        "stored, indexed key of the “published” order, kept up to date by quotes.signals.",
    )

    objects = QuoteQuerySet.as_manager()
    history = full_history(m2m_fields=[tags])

    class Meta:
        ordering = ["-said_on", "-pk"]
        permissions = [("review_quote", "Can set the verdict status of quotes")]
        # One index per ordering the API offers (each ends with id, the cursor's tie-breaker), and
        # the speaker's newest quotes. Full-text and trigram indexes are PostgreSQL-only: see
        # migration 0004.
        indexes = [
            models.Index(fields=["said_on", "said_on_latest"], name="quote_said_on_idx"),
            models.Index(fields=["status"], name="quote_status_idx"),
            models.Index(fields=["language"], name="quote_language_idx"),
            models.Index(fields=["sort_date", "id"], name="quote_sort_date_idx"),
            models.Index(fields=["speaker", "sort_date", "id"], name="quote_speaker_sort_date_idx"),
            models.Index(fields=["created_at", "id"], name="quote_created_idx"),
            models.Index(fields=["first_published_at", "id"], name="quote_first_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("text")), 0), name="quote_text_not_blank"
            ),
            models.CheckConstraint(condition=models.Q(type__in=QuoteType.values), name="quote_type_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=QuoteStatus.values), name="quote_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(said_on__isnull=True, said_on_precision="", said_on_latest__isnull=True)
                | models.Q(
                    said_on__isnull=False,
                    said_on_precision__in=Precision.values,
                    said_on_latest__gte=models.F("said_on"),
                ),
                name="quote_said_on_has_precision",
            ),
            models.UniqueConstraint(
                fields=["speaker", "fingerprint"],
                name="quote_unique_words_per_speaker",
                violation_error_message="This speaker already has a quote with these words; "
                "add a citation to it instead.",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.speaker}: “{text}”" if self.speaker_id else f"“{text}”"

    def get_absolute_url(self):
        return reverse("quotes:quote-detail", args=[self.pk])

    @property
    def said(self) -> PartialDate | None:
        if self.said_on is None:
            return None
        return PartialDate(self.said_on, self.said_on_precision)

    @property
    def is_translation(self):
        return bool(self.original_language) and self.original_language != self.language

    def normalize(self):
        self.text = normalize_text(self.text)
        self.fingerprint = text_fingerprint(self.text)
        self.place = normalize_text(self.place)
        self.context = normalize_text(self.context)
        self.status_note = normalize_text(self.status_note)
        self.language = normalize_language_tag(self.language)
        self.original_language = normalize_language_tag(self.original_language)
        if self.said_on is not None and self.said_on_precision in Precision.values:
            self.said_on = truncate(self.said_on, self.said_on_precision)
            self.said_on_latest = self.said.end
        else:
            self.said_on_latest = None
        self.sort_date = self.said_on or NO_DATE

    def clean(self):
        errors = {}
        if self.original_language and self.original_language == self.language:
            errors["original_language"] = (
                "The original language is the same as the language; leave it blank unless "
                "the text is a translation."
            )
        if self.said_on is not None:
            if not self.said_on_precision:
                errors["said_on_precision"] = "Say how precise the date is: day, month or year."
            elif self.said_on > latest_possible_today():
                errors["said_on"] = "The date is in the future; a quote can only be dated when it was said."
        elif self.said_on_precision:
            errors["said_on"] = "Enter the date that this precision applies to, or clear the precision."
        if self.status in NOTE_REQUIRED and not self.status_note:
            errors["status_note"] = (
                f"Say why the attribution is {self.get_status_display().lower()}: a verdict note is required."
            )
        if self.role_id and self.speaker_id and self.role.speaker_id != self.speaker_id:
            errors["role"] = f"This role belongs to {self.role.speaker}, not to {self.speaker}."
        if errors:
            raise ValidationError(errors)
        if self.role_id is None and self.speaker_id and self.said is not None:
            self.role = self.speaker.role_on(self.said.start, self.said.end)

    def cited_sources(self):
        return [citation.source for citation in self.citations.select_related("source")]

    def check_citations(self, sources):
        """Validate this quote against the sources that will cite it once saved.

        A verdict other than unverified needs at least one citation, and no
        source can report words before they were said.
        """
        errors = []
        sources = list(sources)
        if self.status != self.Status.UNVERIFIED and not sources:
            errors.append(
                ValidationError(
                    "A quote without a citation can only be unverified; add a citation first.",
                    code="verdict_needs_citation",
                )
            )
        if self.said_on is not None:
            for source in sources:
                published_on = source.published_on
                if published_on is not None and published_on < self.said_on:
                    errors.append(
                        ValidationError(
                            "Said on %(said)s, but “%(source)s” was published on %(published)s: "
                            "a source cannot report words before they are said.",
                            code="said_after_source",
                            params={"said": self.said, "source": source.title, "published": published_on},
                        )
                    )
        if errors:
            raise ValidationError(errors)


LOCATOR_HELP = (
    "Where in the source: “paragraph 3”, “p. 14”, “00:12:30”. An article's paragraphs are its body "
    "paragraphs, counted from 1 at the first one after the headline, byline and date lines (the one "
    "that opens with the dateline, when there is one); captions, photo credits and “read also” lines "
    "do not count. “para 3” and “¶ 3” are saved as “paragraph 3”."
)
_PARAGRAPH_LOCATOR = re.compile(r"^(?:paragraphs?|paragraf|para|par|alinea|¶)\.?\s*(\d+)$", re.IGNORECASE)


def paragraph_locator(number: int) -> str:
    """The locator of an article's body paragraph ``number`` (see ``LOCATOR_HELP``)."""
    return f"paragraph {number}"


class Citation(NormalizedModel):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=100, blank=True, help_text=LOCATOR_HELP)
    excerpt = models.TextField(blank=True, help_text="The passage as it appears in the source.")
    created_at = models.DateTimeField(auto_now_add=True)

    history = full_history()

    class Meta:
        ordering = ["quote", "source__published_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quote", "source"],
                name="citation_unique_per_quote_source",
                violation_error_message="This source already cites this quote.",
            )
        ]

    def __str__(self):
        return f"{self.source} {self.locator}".strip()

    def normalize(self):
        self.locator = normalize_text(self.locator)
        paragraph = _PARAGRAPH_LOCATOR.match(self.locator)
        if paragraph:
            self.locator = paragraph_locator(int(paragraph[1]))
        self.excerpt = normalize_text(self.excerpt)
