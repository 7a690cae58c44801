from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from core.forms import VersionedFormMixin
from core.normalization import normalize_text, normalize_url
from sources.models import Outlet
from sources.validators import timezone_names, validate_language_tag

from .dates import PartialDate, parse_partial_date
from .models import Quote, QuoteType, text_fingerprint
from .services import ensure_can_change_status, said_on_from_input


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


class QuoteAdminForm(VersionedFormMixin, forms.ModelForm):
    said_on = PartialDateField(
        label="Said on",
        required=False,
        help_text="YYYY-MM-DD, or YYYY-MM / YYYY when the source gives only a month or a year.",
    )

    class Meta:
        model = Quote
        fields = "__all__"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.said_on:
            self.initial["said_on"] = str(self.instance.said)
        if "said_on_precision" in self.fields:
            self.fields["said_on_precision"].help_text = "Leave blank to take it from the date as typed."

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
        if "said_on" in self.errors:
            return cleaned
        try:
            cleaned["said_on"], cleaned["said_on_precision"] = said_on_from_input(
                said=cleaned.get("said_on"), precision=cleaned.get("said_on_precision") or ""
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def _check_duplicate(self, cleaned):
        """The same words for the same speaker: point to the recorded quote, with the typed citation."""
        speaker, text = cleaned.get("speaker"), normalize_text(cleaned.get("text") or "")
        if not speaker or not text:
            return
        existing = (
            Quote.objects.filter(speaker=speaker, fingerprint=text_fingerprint(text))
            .exclude(pk=self.instance.pk)
            .first()
        )
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
        try:
            self.instance.check_citations(sources)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None


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

    max_upload_bytes = 2 * 1024 * 1024

    def clean_url(self):
        return _canonical_url(self.cleaned_data.get("url"))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > self.max_upload_bytes:
                raise forms.ValidationError("The file is larger than 2 MB; paste the article text instead.")
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "The file is not UTF-8 text; save it as UTF-8 or paste it."
                ) from None
        if not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Paste the article text or upload a file.")
        return cleaned


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


class CandidateQuoteForm(forms.Form):
    include = forms.BooleanField(required=False, initial=True)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))
    speaker_name = forms.CharField(label="Speaker", max_length=200, required=False)
    speaker_role = forms.CharField(label="Role", max_length=300, required=False)
    type = forms.ChoiceField(choices=QuoteType.choices)
    said_on = PartialDateField(label="Said on", required=False)
    paragraph = forms.IntegerField(widget=forms.HiddenInput, required=False)
    excerpt = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include") and not (cleaned.get("speaker_name") or "").strip():
            self.add_error("speaker_name", "Name the speaker, or untick this quote.")
        return cleaned


CandidateQuoteFormSet = forms.formset_factory(CandidateQuoteForm, extra=0)
