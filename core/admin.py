"""Admin plumbing shared by every editable model: versions in the form, writes through services."""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from .versioning import EditConflict


class ServiceAdmin(SimpleHistoryAdmin):
    """A ModelAdmin whose writes go through services, with history, diffs and revert.

    Subclasses implement ``service_save(request, obj, form, change)`` and
    ``service_delete(request, obj)``; inlines are saved by ``service_save_inline``.
    """

    audit_fields = ("created_at", "created_by", "updated_at", "updated_by")

    def get_fieldsets(self, request, obj=None):
        fieldsets = [list(fieldset) for fieldset in super().get_fieldsets(request, obj)]
        if "loaded_version" in getattr(self.form, "base_fields", {}) and "loaded_version" not in (
            flatten_fieldsets(fieldsets)
        ):
            options = dict(fieldsets[0][1])
            options["fields"] = (*options["fields"], "loaded_version")
            fieldsets[0][1] = options
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        own = tuple(f for f in self.audit_fields if hasattr(self.model, f) and f not in fields)
        return (*fields, *own)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            # Only when two saves race past the form's own check; the row was not changed.
            self.message_user(request, f"Not saved: {conflict.message}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        self.service_save(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        changed = []
        for inline_form in formset.forms:
            if formset.can_delete and formset._should_delete_form(inline_form):
                if inline_form.instance.pk:
                    changed.append((inline_form.instance, True))
            elif inline_form.has_changed():
                changed.append((inline_form.instance, False))
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for instance, delete in changed:
            (formset.deleted_objects if delete else formset.changed_objects).append(
                instance if delete else (instance, [])
            )
        self.service_save_inline(request, form.instance, formset.model, changed)

    def service_save_inline(self, request, parent, model, changed):
        raise NotImplementedError(
            f"{type(self).__name__} has inlines of {model.__name__} but no service for them"
        )

    def delete_model(self, request, obj):
        self.service_delete(request, obj)

    def delete_queryset(self, request, queryset):
        refused = []
        for obj in queryset:
            try:
                self.service_delete(request, obj)
            except ProtectedError:
                refused.append(str(obj))
        if refused:
            self.message_user(request, f"Not deleted (still in use): {', '.join(refused)}", messages.ERROR)

    def revert_disabled(self, request, obj=None):
        return not self.has_change_permission(request, obj)
