from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.db import models
from django.utils import timezone

from .models import Source
from .validators import timezone_names


class ConcurrentEditFormMixin:
    """Refuse to overwrite a row that somebody else saved while this form was open.

    The form carries the row's ``updated_at`` as it was when the form was
    rendered. On a conflict the editor gets the form back with everything they
    typed, and a message saying who changed the row and when.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk and self.instance.updated_at:
            self.initial["loaded_version"] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        loaded = self.data.get(self.add_prefix("loaded_version"))
        if self.instance.pk and loaded:
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("updated_at", "updated_by__username")
                .first()
            )
            if current and current[0] and current[0].isoformat() != loaded:
                who = current[1] or "someone"
                when = timezone.localtime(current[0]).strftime("%Y-%m-%d %H:%M:%S %Z")
                # Let the next submit go through once the editor has seen the warning.
                self.data = self.data.copy()
                self.data[self.add_prefix("loaded_version")] = current[0].isoformat()
                raise forms.ValidationError(
                    "%(who)s saved this record at %(when)s, after you opened it. Your changes are "
                    "still in the form below: compare them with the current version (open it in "
                    "another tab), then save again to overwrite it.",
                    code="edit_conflict",
                    params={"who": who, "when": when},
                )
        return cleaned


def https_formfield(field, **kwargs):
    """Form fields for URLs assume https:// when the scheme is left out."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class SourceAdminForm(ConcurrentEditFormMixin, forms.ModelForm):
    """Publication times are typed and shown in the source's own time zone, not the server's."""

    timezone = forms.ChoiceField(
        choices=[(name, name) for name in timezone_names()],
        initial="UTC",
        help_text=Source._meta.get_field("timezone").help_text,
    )

    class Meta:
        model = Source
        fields = "__all__"
        formfield_callback = https_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        local = self.instance.published_local if self.instance.pk else None
        if local is not None:
            self.initial["published_at"] = local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        published_at = cleaned.get("published_at")
        tz_name = cleaned.get("timezone")
        if isinstance(published_at, datetime) and tz_name:
            # The widget parsed the input in the server's zone; reinterpret the same wall-clock time.
            wall_clock = timezone.localtime(published_at).replace(tzinfo=None)
            cleaned["published_at"] = wall_clock.replace(tzinfo=ZoneInfo(tz_name))
        return cleaned
