from django import forms
from django.core.exceptions import PermissionDenied

from sources.forms import ConcurrentEditFormMixin

from .dates import PartialDate, Precision, parse_partial_date, truncate
from .models import Quote
from .services import ensure_can_change_status

# Finest first: a date typed as a year cannot be claimed to the day.
_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


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


class QuoteAdminForm(ConcurrentEditFormMixin, forms.ModelForm):
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
        cleaned = super().clean()
        said = cleaned.get("said_on")
        precision = cleaned.get("said_on_precision")
        if isinstance(said, PartialDate):
            if not precision:
                precision = said.precision
            elif _PRECISION_RANK[precision] < _PRECISION_RANK[said.precision]:
                self.add_error(
                    "said_on",
                    f"{Precision(precision).label}-precision date needs "
                    f"{'YYYY-MM-DD' if precision == Precision.DAY else 'YYYY-MM'}, but only "
                    f"“{said}” was given. Enter the full date or choose a coarser precision.",
                )
            cleaned["said_on"] = truncate(said.start, precision)
            cleaned["said_on_precision"] = precision
        return cleaned


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
