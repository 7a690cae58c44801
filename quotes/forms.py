import copy
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from core.forms import VersionedFormMixin
from core.normalization import normalize_text, normalize_url
from sources.models import Outlet, Source
from sources.selectors import outlet_for, source_lookup
from sources.validators import language_choices, timezone_names, validate_language_tag

from .dates import PartialDate, Precision, parse_partial_date
from .models import LOCATOR_HELP, Quote, QuoteType, Speaker
from .selectors import speakers_for_mention
from .services import ensure_can_change_status, find_duplicate, said_on_from_input
from .spreadsheets import FORMATS as SPREADSHEET_FORMATS
from .spreadsheets import size_label


def _canonical_url(value: str) -> str:
    """A URL field's value checked the way sources store it (a bad port or host is a field error)."""
    if not value:
        return value
    try:
        normalize_url(value)
    except ValidationError as error:
        raise forms.ValidationError(error.messages, code="invalid_url") from None
    return value


class PartialDateField(forms.Field):
    """A date typed as YYYY, YYYY-MM or YYYY-MM-DD; cleans to a PartialDate."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "size": 12}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return parse_partial_date(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid_date") from None

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return str(value)
        return value


class DatalistInput(forms.TextInput):
    """A text input with a searchable list of suggestions (``options``: a callable giving
    ``(value, label)`` pairs, or ``(value, label, data attributes)``)."""

    def __init__(self, options, attrs=None):
        super().__init__(attrs)
        self.options = options

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}-options"
        html = super().render(name, value, {**attrs, "list": list_id, "autocomplete": "off"}, renderer)
        rows = []
        for value_, label, *data in self.options():
            extra = format_html_join("", ' data-{}="{}"', (data[0] if data else {}).items())
            rows.append(format_html('<option value="{}"{}>{}</option>', value_, extra, label))
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            html,
            list_id,
            format_html_join("", "{}", ((r,) for r in rows)),
        )


def _outlet_options():
    return [
        (outlet.name, outlet.domain or "", {"timezone": outlet.timezone, "language": outlet.language})
        for outlet in Outlet.objects.order_by("name")
    ]


def _timezone_options():
    return [(name, "") for name in timezone_names()]


def language_input():
    return DatalistInput(language_choices, attrs={"size": 12, "placeholder": "e.g. id"})


class RecordedSourceWidget(forms.Widget):
    """The recorded source a new quote will cite, named in words, with its id in a hidden input."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = attrs or {}
        source = Source.objects.with_outlet().filter(pk=value).first() if str(value or "").isdigit() else None
        summary = source_summary(source) if source else ""
        return format_html(
            '<input type="hidden" name="{}" id="{}" value="{}">'
            '<p class="recorded-source" id="{}-summary" aria-live="polite">{}</p>',
            name,
            attrs.get("id", ""),
            source.pk if source else "",
            attrs.get("id", ""),
            summary,
        )

    def value_from_datadict(self, data, files, name):
        return data.get(name)


def source_summary(source: Source) -> str:
    published = source.published_local
    parts = [f"“{source.title}”"]
    if source.outlet_id:
        parts.append(str(source.outlet))
    if published:
        parts.append(published.strftime("%d %b %Y %H:%M %Z"))
    return "Cites " + ", ".join(parts) + "."


class SpeakerChoiceField(forms.ModelChoiceField):
    """A recorded speaker by id, or a name typed for a new one (an unsaved Speaker, created on save)."""

    def clean(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value and not str(value).isdigit():
            name = normalize_text(value)
            existing = Speaker.objects.named(name).first()
            return existing or Speaker(name=name)
        return super().clean(value)


SOURCE_FIELDS = (
    "source_url",
    "cite_source",
    "source_title",
    "source_outlet",
    "source_published_at",
    "source_timezone",
    "source_byline",
    "source_locator",
)


class QuoteAdminForm(VersionedFormMixin, forms.ModelForm):
    said_on = PartialDateField(
        label="Said on",
        required=False,
        help_text="YYYY-MM-DD, or YYYY-MM / YYYY when the source gives only a month or a year.",
    )

    # The source, on the add page: one citation made in the same save as the quote.
    source_url = forms.URLField(
        label="Source URL",
        required=False,
        assume_scheme="https",
        max_length=1000,
        help_text="A recorded URL cites that source; a new one records the source with the details below.",
    )
    cite_source = forms.ModelChoiceField(
        label="Recorded source",
        queryset=Source.objects.all(),
        required=False,
        widget=RecordedSourceWidget,
    )
    source_title = forms.CharField(label="Title", required=False, max_length=500)
    source_outlet = forms.CharField(
        label="Outlet",
        required=False,
        max_length=200,
        widget=DatalistInput(_outlet_options),
        help_text="Pick a recorded outlet or type a new one's name.",
    )
    source_published_at = forms.DateTimeField(
        label="Published",
        required=False,
        help_text="Local time where it was published, e.g. 2023-09-20 14:35.",
    )
    source_timezone = forms.CharField(
        label="Time zone",
        required=False,
        max_length=64,
        widget=DatalistInput(_timezone_options),
        help_text="Of the publication time; left blank, the outlet's (or UTC).",
    )
    source_byline = forms.CharField(label="Byline", required=False, help_text="Authors, comma-separated.")
    source_locator = forms.CharField(label="Locator", required=False, max_length=100, help_text=LOCATOR_HELP)

    class Meta:
        model = Quote
        fields = "__all__"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.source_to_cite = self.new_source = self.new_outlet = None
        self.byline = []
        if self.instance.said_on:
            self.initial["said_on"] = str(self.instance.said)
        if "said_on_precision" in self.fields:
            self.fields["said_on_precision"].help_text = "Leave blank to take it from the date as typed."
        for name in ("language", "original_language"):
            if name in self.fields:
                self.fields[name].widget = language_input()
        if "source_url" in self.fields:
            self.fields["source_url"].widget.attrs["data-lookup-url"] = reverse(
                "admin:quotes_quote_source_lookup"
            )
        if "language" in self.fields and not self.instance.pk:
            self.fields["language"].required = False
            self.fields["language"].help_text += " Left blank, the source's language."

    @property
    def new_speaker(self) -> Speaker | None:
        speaker = (getattr(self, "cleaned_data", None) or {}).get("speaker")
        return speaker if isinstance(speaker, Speaker) and speaker.pk is None else None

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.new_speaker is not None:
            exclude.add("speaker")  # created in the same save, just before the quote
        return exclude

    def _post_clean(self):
        super()._post_clean()
        source = self.source_to_cite or self.new_source
        # The citation inline checks the quote against all its sources; tell it about this one.
        self.instance._pending_sources = [source] if source is not None else []
        if source is not None and self.instance.said_on and "said_on" not in self.errors:
            try:
                self.instance.check_citations([source])
            except ValidationError as error:
                for message in error.messages:
                    self.add_error("said_on", message)

    def clean_status(self):
        status = self.cleaned_data.get("status")
        old_status = self.instance.status if self.instance.pk else Quote.Status.UNVERIFIED
        try:
            ensure_can_change_status(user=self.user, old_status=old_status, new_status=status)
        except PermissionDenied as error:
            raise forms.ValidationError(str(error), code="reviewers_only") from None
        return status

    def clean(self):
        try:
            cleaned = super().clean()
        except ValidationError as error:  # an edit conflict: report it, and still clean the date below
            self.add_error(None, error)
            cleaned = self.cleaned_data
        self._check_duplicate(cleaned)
        if not self.instance.pk:
            self._clean_source(cleaned)
            if not cleaned.get("language"):
                source = self.source_to_cite or self.new_source
                if source is not None and source.language:
                    cleaned["language"] = source.language
                elif "language" not in self.errors:
                    self.add_error("language", "Enter the language of the text as published, e.g. “id”.")
        if "said_on" in self.errors:
            return cleaned
        try:
            cleaned["said_on"], cleaned["said_on_precision"] = said_on_from_input(
                said=cleaned.get("said_on"), precision=cleaned.get("said_on_precision") or ""
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def _clean_source(self, cleaned):
        """The source section of the add page: a recorded source (picked, or found by its URL) or a new one."""
        url = cleaned.get("source_url") or ""
        source = cleaned.get("cite_source") or (
            source_lookup(url=url) if url and "source_url" not in self.errors else None
        )
        if source is not None:
            self.source_to_cite = source
            return
        typed = [name for name in SOURCE_FIELDS if name != "source_locator" and cleaned.get(name)]
        if not typed:
            return
        title = normalize_text(cleaned.get("source_title") or "")
        if not title:
            self.add_error(
                "source_title", "This source is not recorded yet: give its title (the headline as published)."
            )
        outlet_name = normalize_text(cleaned.get("source_outlet") or "")
        outlet = outlet_for(name=outlet_name) if outlet_name else None
        if outlet_name and outlet is None:
            outlet = self.new_outlet = Outlet(name=outlet_name)
        tz_name = (
            (cleaned.get("source_timezone") or "").strip() or (outlet.timezone if outlet else "") or "UTC"
        )
        if tz_name not in timezone_names():
            self.add_error(
                "source_timezone",
                f"“{tz_name}” is not a known time zone; pick one from the list, e.g. Asia/Jakarta.",
            )
            tz_name = "UTC"
        published = cleaned.get("source_published_at")
        if published is not None:
            # Typed as wall-clock time where it was published.
            published = timezone.localtime(published).replace(tzinfo=None).replace(tzinfo=ZoneInfo(tz_name))
        if self.new_outlet is not None:
            self.new_outlet.timezone = tz_name
        source = Source(
            title=title,
            url=url or None,
            published_at=published,
            timezone=tz_name,
            language=outlet.language if outlet else "",
        )
        try:
            source.full_clean(exclude=["outlet"])
        except ValidationError as error:
            names = {"title": "source_title", "url": "source_url", "published_at": "source_published_at"}
            for field, messages in error.message_dict.items():
                self.add_error(names.get(field, "source_title" if field == "__all__" else None), messages)
        source.outlet = outlet if outlet is not None and outlet.pk else None
        self.new_source = source
        self.byline = [
            {"name": name} for name in (cleaned.get("source_byline") or "").split(",") if name.strip()
        ]

    def _check_duplicate(self, cleaned):
        """The same words for the same speaker: point to the recorded quote, with the typed citation."""
        speaker, text = cleaned.get("speaker"), normalize_text(cleaned.get("text") or "")
        if not speaker or not text or speaker.pk is None:
            return
        existing = find_duplicate(Quote(pk=self.instance.pk, speaker=speaker, text=text))
        if existing is None:
            return
        url = reverse("admin:quotes_quote_change", args=[existing.pk])
        citation = self._typed_citation()
        if citation:
            url += "?" + urlencode(citation)
        self.add_error(
            "text",
            ValidationError(
                format_html(
                    '{} already has a quote with these words: <a href="{}">quote #{}</a> ({}). '
                    "Open it to add your citation there instead{}.",
                    speaker,
                    url,
                    existing.pk,
                    existing.get_status_display().lower(),
                    " (the citation you typed comes with you)" if citation else "",
                ),
                code="duplicate_quote",
            ),
        )

    def _typed_citation(self) -> dict:
        for index in range(int(self.data.get("citations-TOTAL_FORMS") or 0)):
            prefix = f"citations-{index}-"
            if self.data.get(prefix + "source") and not self.data.get(prefix + "DELETE"):
                return {
                    "add_source": self.data.get(prefix + "source"),
                    "locator": self.data.get(prefix + "locator", ""),
                    "excerpt": self.data.get(prefix + "excerpt", ""),
                }
        return {}

    def _save_m2m(self):
        """Tags are saved by the quote services, with the rest of the change."""


class CitationInlineFormSet(forms.BaseInlineFormSet):
    """Checks the quote against the citations it will have once everything is saved."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        sources = [
            form.cleaned_data["source"]
            for form in self.forms
            if form.cleaned_data.get("source") and not form.cleaned_data.get("DELETE")
        ]
        # The source section of the add page cites one more source in the same save.
        pending = getattr(self.instance, "_pending_sources", [])
        if pending and pending[0].pk and pending[0].pk in {source.pk for source in sources}:
            raise forms.ValidationError("This source is already cited in the source section above.")
        # A source published before the words were said: the error goes beside that citation.
        for form in self.forms:
            source = form.cleaned_data.get("source")
            if source is None or form.cleaned_data.get("DELETE"):
                continue
            try:
                self.instance.check_citations([source])
            except forms.ValidationError as error:
                for item in error.error_list:
                    if item.code == "said_after_source":
                        form.add_error("source", item)
        try:
            self.instance.check_citations(sources)
        except forms.ValidationError as error:
            messages = [
                message
                for item in error.error_list
                if item.code != "said_after_source"
                and not (pending and item.code == "verdict_needs_citation")
                for message in item.messages
            ]
            if messages:
                raise forms.ValidationError(messages) from None


class ArticleTextForm(forms.Form):
    """Step one of the article import: the article itself."""

    text = forms.CharField(
        label="Article text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text="Paste the article as plain text or HTML, headline and byline included.",
    )
    file = forms.FileField(
        label="…or upload a file", required=False, help_text="A .txt or .html file, UTF-8."
    )
    url = forms.URLField(label="URL", required=False, assume_scheme="https")
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.all(), required=False, help_text="Leave empty to recognise it from the text."
    )
    language = forms.ChoiceField(
        choices=[("", "Detect"), ("id", "Indonesian"), ("en", "English")], required=False
    )

    def clean_url(self):
        return _canonical_url(self.cleaned_data.get("url"))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        limit = settings.ARTICLE_MAX_BYTES
        if upload is not None:
            if upload.size > limit:
                raise forms.ValidationError(
                    f"The file is larger than {size_label(limit)} (ARTICLE_MAX_BYTES); "
                    "an article is far smaller. Import the article alone."
                )
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "The file is not UTF-8 text; save it as UTF-8 or paste it."
                ) from None
        text = cleaned.get("text") or ""
        if not text.strip():
            raise forms.ValidationError("Paste the article text or upload a file.")
        if len(text.encode("utf-8")) > limit:
            raise forms.ValidationError(
                f"The text is longer than {size_label(limit)} (ARTICLE_MAX_BYTES); "
                "an article is far smaller. Paste the article alone."
            )
        return cleaned


class SpreadsheetImportForm(forms.Form):
    """The spreadsheet import's first step: the file, and whether one bad row stops them all."""

    file = forms.FileField(
        label="Spreadsheet",
        help_text="A .csv (UTF-8) or .xlsx file, one row per quote and citation, column names in the first row.",
    )
    all_or_nothing = forms.BooleanField(
        label="All or nothing",
        required=False,
        help_text="Import nothing if any row is refused. Otherwise the valid rows are imported and the "
        "others listed with the reason.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.QUOTE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is larger than {size_label(limit)} (QUOTE_IMPORT_MAX_BYTES); split it into smaller files."
            )
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in SPREADSHEET_FORMATS:
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        upload.file_format = extension
        return upload


class ArticleSourceForm(forms.Form):
    """Step two: the source metadata the extractor proposed, as the editor corrects it."""

    text = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=500)
    url = forms.URLField(label="URL", required=False, assume_scheme="https")
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), required=False)
    outlet_name = forms.CharField(
        label="New outlet", required=False, help_text="Name of an outlet not recorded yet."
    )
    outlet_domain = forms.CharField(label="New outlet's domain", required=False)
    published_at = forms.DateTimeField(
        label="Published at",
        required=False,
        help_text="Local time where it was published, e.g. 2023-09-20 14:35.",
    )
    timezone = forms.ChoiceField(choices=[(name, name) for name in timezone_names()], initial="UTC")
    language = forms.CharField(max_length=35, required=False, validators=[validate_language_tag])
    dateline = forms.CharField(max_length=200, required=False)
    authors = forms.CharField(required=False, help_text="Comma-separated.")
    editors = forms.CharField(required=False, help_text="Comma-separated.")

    def clean_url(self):
        return _canonical_url(self.cleaned_data.get("url"))

    def clean_published_at(self):
        # Read as wall-clock time; the time zone is applied in clean().
        value = self.cleaned_data.get("published_at")
        return timezone.localtime(value).replace(tzinfo=None) if value else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published_at") and cleaned.get("timezone"):
            cleaned["published_at"] = cleaned["published_at"].replace(tzinfo=ZoneInfo(cleaned["timezone"]))
        return cleaned


def _speaker_ids(value) -> list[int]:
    return [int(part) for part in str(value or "").split(",") if part.strip().isdigit()]


class CandidateQuoteForm(forms.Form):
    """One quote the extractor proposed, with every field an editor would otherwise fix afterwards.

    The speaker is a recorded one (by id) or a name for a new one; ``mention`` is the name as
    the article gives it, and ``candidates`` the recorded speakers it could stand for when
    it matches several: the editor picks one (``pick``) or names someone else.
    """

    include = forms.BooleanField(required=False, initial=True)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))
    speaker = forms.CharField(
        label="Speaker",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"size": 30}),
        help_text="A recorded speaker, or a new name.",
    )
    pick = forms.TypedChoiceField(
        label="Which one?", coerce=int, required=False, widget=forms.RadioSelect, empty_value=None
    )
    mention = forms.CharField(widget=forms.HiddenInput, required=False)
    candidates = forms.CharField(widget=forms.HiddenInput, required=False)
    confidence = forms.FloatField(widget=forms.HiddenInput, required=False)
    speaker_role = forms.CharField(
        label="Role",
        max_length=300,
        required=False,
        help_text="As the article gives it, without the dateline.",
    )
    type = forms.ChoiceField(choices=QuoteType.choices)
    said_on = PartialDateField(
        label="Said on",
        required=False,
        help_text="YYYY-MM-DD, YYYY-MM or YYYY; empty when the article does not say.",
    )
    said_on_precision = forms.ChoiceField(
        label="Precision",
        choices=[("", "As typed"), *Precision.choices],
        required=False,
    )
    said_on_approximate = forms.BooleanField(
        label="Approximate",
        required=False,
        help_text="Ticked when the date is inferred from context rather than stated for these words.",
    )
    place = forms.CharField(max_length=200, required=False)
    context = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    language = forms.CharField(
        max_length=35,
        required=False,
        validators=[validate_language_tag],
        widget=forms.TextInput(attrs={"size": 8, "list": "language-options"}),
        help_text="Of the text as published; empty: the article's.",
    )
    original_language = forms.CharField(
        max_length=35,
        required=False,
        validators=[validate_language_tag],
        widget=forms.TextInput(attrs={"size": 8, "list": "language-options"}),
        help_text="When the text is a translation.",
    )
    locator = forms.CharField(max_length=100, required=False, help_text=LOCATOR_HELP)
    excerpt = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))

    def __init__(self, *args, speaker_widget=None, **kwargs):
        super().__init__(*args, **kwargs)
        if speaker_widget is not None:
            # The admin's autocomplete: recorded speakers by id, or a typed new name.
            widget = copy.deepcopy(speaker_widget)
            widget.choices = forms.ModelChoiceField(queryset=Speaker.objects.all()).choices
            widget.is_required = False
            self.fields["speaker"].widget = widget
        self.candidate_speakers = list(
            Speaker.objects.filter(pk__in=_speaker_ids(self["candidates"].value())).order_by("name", "pk")
        )
        self.fields["pick"].choices = [
            (speaker.pk, f"{speaker.name} — {speaker.description}" if speaker.description else speaker.name)
            for speaker in self.candidate_speakers
        ]

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self.cleaned_data.get("include"):
            # A quote left out is not saved: nothing in it needs to be right.
            self._errors = ErrorDict()

    def clean(self):
        cleaned = super().clean()
        cleaned["speaker"], cleaned["speaker_name"] = self._clean_speaker(cleaned)
        if cleaned.get("said_on") is not None or cleaned.get("said_on_precision"):
            try:
                said_on_from_input(
                    said=cleaned.get("said_on"), precision=cleaned.get("said_on_precision", "")
                )
            except ValidationError as error:
                for message in error.messages:
                    self.add_error("said_on", message)
        if not cleaned.get("said_on"):
            cleaned["said_on_approximate"] = False
        return cleaned

    def _clean_speaker(self, cleaned) -> tuple[Speaker | None, str]:
        """The recorded speaker chosen, or else the new speaker's name."""
        value = normalize_text(cleaned.get("speaker") or "")
        if value.isdigit():
            speaker = Speaker.objects.filter(pk=int(value)).first()
            if speaker is None:
                self.add_error("speaker", "That speaker is no longer recorded; choose another.")
            return speaker, speaker.name if speaker else ""
        if not value and cleaned.get("pick"):
            speaker = next((s for s in self.candidate_speakers if s.pk == cleaned["pick"]), None)
            return speaker, speaker.name if speaker else ""
        if not value:
            if cleaned.get("include"):
                if self.candidate_speakers:
                    self.add_error(
                        "pick", "Choose which recorded speaker this is, or type another name under Speaker."
                    )
                else:
                    self.add_error("speaker", "Name the speaker, or untick this quote.")
            return None, ""
        recorded = speakers_for_mention(value)
        if len(recorded) > 1 and cleaned.get("include"):
            names = ", ".join(speaker.name for speaker in recorded)
            self.add_error(
                "speaker", f"“{value}” names several recorded speakers ({names}): choose one from the list."
            )
        return (recorded[0] if len(recorded) == 1 else None), value

    @property
    def speaker_confidence(self) -> float | None:
        try:
            return float(self["confidence"].value())
        except (TypeError, ValueError):
            return None

    @property
    def speaker_state(self) -> tuple[str, object]:
        """What the review shows beside the speaker: ("recorded", speaker), ("new", name),
        ("choose", candidates) or ("missing", None)."""
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None and "speaker_name" in cleaned:
            speaker, name = cleaned["speaker"], cleaned["speaker_name"]
        else:
            value = normalize_text(str(self["speaker"].value() or ""))
            if value.isdigit():
                speaker, name = Speaker.objects.filter(pk=int(value)).first(), ""
            else:
                recorded = speakers_for_mention(value) if value else []
                speaker, name = (recorded[0] if len(recorded) == 1 else None), value
        if speaker is not None:
            return "recorded", speaker
        if name:
            return "new", name
        if self.candidate_speakers:
            return "choose", self.candidate_speakers
        return "missing", None


CandidateQuoteFormSet = forms.formset_factory(CandidateQuoteForm, extra=0)
