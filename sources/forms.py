from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.db import models
from django.utils import timezone

from core.forms import VersionedFormMixin

from .models import Source
from .validators import timezone_names


def https_formfield(field, **kwargs):
    """Form fields for URLs assume https:// when the scheme is left out."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class SourceAdminForm(VersionedFormMixin, forms.ModelForm):
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
