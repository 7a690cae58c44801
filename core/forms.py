from django import forms
from django.db import transaction
from django.utils.html import format_html, format_html_join

from .versioning import EditConflict


class VersionedFormMixin(forms.Form):
    """Refuse to overwrite a row that somebody else saved while this form was open.

    The form carries the row's version as it was when the page was rendered (a hidden
    field the admin renders in the first fieldset). A stale save comes back with the
    editor's input kept, who saved meanwhile and when, and what they changed; saving
    again after reading it overwrites deliberately.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version stored now, not the instance's: a revert form is built from an old version.
            stored = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            self.initial["loaded_version"] = stored.first()

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or self.instance._state.adding:
            return cleaned
        loaded = cleaned.get("loaded_version")
        if loaded is None:
            raise forms.ValidationError(
                "This form was sent without the version it was opened at; reload the page and "
                "make your change again.",
                code="missing_version",
            )
        model = type(self.instance)
        queryset = model.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            queryset = queryset.select_for_update()
        stored = queryset.values_list("version", flat=True).first()
        if stored is not None and stored != loaded:
            conflict = EditConflict(self.instance, loaded)
            # Let the next submit go through once the editor has seen the changes.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = str(stored)
            changes = format_html_join("", "<li><strong>{}</strong>: “{}” → “{}”</li>", conflict.changes)
            raise forms.ValidationError(
                format_html(
                    "{} saved this record at {}, after you opened it. Your changes are still in the "
                    "form below and nothing was saved. What they changed:<ul>{}</ul>Compare, then save "
                    "again to overwrite their version with yours.",
                    conflict.who,
                    conflict.updated_at.strftime("%Y-%m-%d %H:%M:%S %Z") if conflict.updated_at else "",
                    changes or format_html("<li>{}</li>", "(no field-by-field record)"),
                ),
                code="edit_conflict",
            )
        return cleaned
