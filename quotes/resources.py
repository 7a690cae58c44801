"""Spreadsheet import of quotes (CSV or XLSX), one row per quote and citation.

Used by the admin's import page (django-import-export), which shows a preview with
row-level errors and writes nothing until the editor confirms.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from import_export import fields, resources

from core.history import recording
from core.normalization import normalize_text, normalize_url
from sources.models import Source
from sources.selectors import outlet_for
from sources.services import outlet_get_or_create, source_create

from . import services
from .dates import parse_partial_date
from .importing import timezone_name_for
from .models import Quote, QuoteType, text_fingerprint

REQUIRED_COLUMNS = ("speaker", "text")
COLUMNS = (
    "speaker",
    "text",
    "date",
    "language",
    "original_language",
    "type",
    "place",
    "context",
    "tags",
    "source_url",
    "source_title",
    "outlet",
    "published_at",
    "locator",
    "excerpt",
)


def _header(name) -> str:
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def _cell(row, column) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return normalize_text(str(value))


class QuoteResource(resources.ModelResource):
    speaker = fields.Field(column_name="speaker", attribute="speaker__name", readonly=True)
    text = fields.Field(column_name="text", attribute="text", readonly=True)
    date = fields.Field(column_name="date", attribute="said", readonly=True)
    language = fields.Field(column_name="language", attribute="language", readonly=True)
    type = fields.Field(column_name="type", attribute="type", readonly=True)
    source_url = fields.Field(column_name="source_url", readonly=True)
    locator = fields.Field(column_name="locator", readonly=True)

    class Meta:
        model = Quote
        fields = ("speaker", "text", "date", "language", "type", "source_url", "locator")
        import_id_fields = ()
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._resolved = {}
        self._user = None

    def before_import_row(self, row, **kwargs):
        self._user = kwargs.get("user")

    def before_import(self, dataset, **kwargs):
        dataset.headers = [_header(name) for name in dataset.headers or []]
        missing = [column for column in REQUIRED_COLUMNS if column not in dataset.headers]
        if missing:
            raise ValueError(
                f"Missing column(s): {', '.join(missing)}. Expected columns: {', '.join(COLUMNS)}."
            )
        if "source_url" not in dataset.headers and "source_title" not in dataset.headers:
            raise ValueError("Add a source_url or a source_title column: every quote needs its source.")

    def get_or_init_instance(self, instance_loader, row):
        speaker = self._speaker(row)
        text = _cell(row, "text")
        existing = Quote.objects.filter(speaker=speaker, fingerprint=text_fingerprint(text)).first()
        if existing is not None:
            return existing, False
        return Quote(speaker=speaker), True

    def _speaker(self, row):
        name = _cell(row, "speaker")
        if not name:
            raise ValidationError({"speaker": "Name the speaker."})
        key = ("speaker", name.casefold())
        if key not in self._resolved:
            with recording(via="spreadsheet import", user=self._user):
                self._resolved[key], _ = services.speaker_get_or_create(name=name, user=self._user)
        return self._resolved[key]

    def _source(self, row, errors):
        url = normalize_url(_cell(row, "source_url"))
        title = _cell(row, "source_title")
        source = Source.objects.filter(url=url).first() if url else None
        if source is not None:
            return source
        if not title:
            if url:
                errors["source_title"] = (
                    f"No source with the URL {url} is recorded; give its title to add it."
                )
            else:
                errors["source_url"] = "Give the source's URL or title."
            return None
        published_at = None
        if _cell(row, "published_at"):
            try:
                published_at = datetime.fromisoformat(_cell(row, "published_at"))
            except ValueError:
                errors["published_at"] = "Use ISO 8601 with the offset, e.g. 2023-09-20T14:35+07:00."
                return None
            if published_at.tzinfo is None:
                errors["published_at"] = "Give the time zone offset, e.g. 2023-09-20T14:35+07:00."
                return None
        outlet = self._outlet(_cell(row, "outlet"))
        existing = Source.objects.filter(title__iexact=title, outlet=outlet).first() if not url else None
        if existing is not None:
            return existing
        try:
            with recording(via="spreadsheet import", user=self._user):
                return source_create(
                    user=self._user,
                    title=title,
                    url=url or None,
                    outlet=outlet,
                    published_at=published_at,
                    timezone=timezone_name_for(published_at, language=_cell(row, "language")),
                    language=_cell(row, "language"),
                )
        except ValidationError as error:
            errors.update({f"source_{name}": msgs for name, msgs in error.message_dict.items()})
            return None

    def _outlet(self, value):
        if not value:
            return None
        outlet = outlet_for(name=value, domain=value if "." in value else "")
        if outlet is None:
            with recording(via="spreadsheet import", user=self._user):
                outlet, _ = outlet_get_or_create(name=value, user=self._user)
        return outlet

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        instance.text = _cell(row, "text")
        said = _cell(row, "date")
        instance.said_on, instance.said_on_precision = None, ""
        if said:
            try:
                partial = parse_partial_date(said)
            except ValueError as error:
                errors["date"] = str(error)
            else:
                instance.said_on, instance.said_on_precision = partial.start, partial.precision
        quote_type = _cell(row, "type").lower() or QuoteType.DIRECT
        if quote_type not in QuoteType.values:
            errors["type"] = f"“{quote_type}” is not a type; use {', '.join(QuoteType.values)}."
        instance.type = quote_type
        source = self._source(row, errors)
        instance.language = _cell(row, "language") or (source.language if source else "")
        instance.original_language = _cell(row, "original_language")
        instance.place = _cell(row, "place")
        instance.context = _cell(row, "context")
        user = kwargs.get("user")
        if instance.pk is None:
            instance.created_by = user
        instance.updated_by = user
        self._resolved["row"] = (source, row)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        source, _ = self._resolved.get("row", (None, None))
        if source is not None:
            try:
                instance.check_citations([source])
            except ValidationError as error:
                errors.setdefault("date", []).extend(error.messages)
        super().validate_instance(instance, errors, validate_unique)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        source, _ = self._resolved.get("row", (None, None))
        if instance.pk and source and instance.citations.filter(source=source).exists():
            return super().skip_row(instance, original, row, import_validation_errors)
        return False

    def save_instance(self, instance, is_create, row, **kwargs):
        """New quotes are recorded with their citation and tags in one service call; a quote already
        recorded only gains the citation and any new tags."""
        source, _ = self._resolved.get("row", (None, None))
        citation = {"source": source, "locator": _cell(row, "locator"), "excerpt": _cell(row, "excerpt")}
        names = [name.strip() for name in _cell(row, "tags").split(",") if name.strip()]
        with recording(via="spreadsheet import", user=self._user):
            if is_create:
                services.quote_create(
                    quote=instance,
                    user=self._user,
                    said_on=instance.said,
                    said_on_precision=instance.said_on_precision,
                    tags=names,
                    citations=[citation] if source is not None else [],
                )
                return
            instance = Quote.objects.get(pk=instance.pk)  # the row's values never overwrite a recorded quote
            if source is not None and not instance.citations.filter(source=source).exists():
                services.citation_create(
                    quote=instance,
                    source=source,
                    user=self._user,
                    **{key: value for key, value in citation.items() if key != "source"},
                )
            current = [tag.name for tag in instance.tags.all()]
            if set(names) - set(current):
                instance.refresh_from_db()
                services.quote_update(quote=instance, user=self._user, tags=[*current, *names])

    def dehydrate_source_url(self, quote):
        citation = quote.citations.select_related("source").first() if quote.pk else None
        return citation.source.url or citation.source.title if citation else ""

    def dehydrate_locator(self, quote):
        citation = quote.citations.first() if quote.pk else None
        return citation.locator if citation else ""
