"""Optimistic locking: every editable row carries a version that each save checks and increments.

A save states the version its writer loaded; the row is claimed with
``UPDATE … SET version = version + 1 WHERE pk = … AND version = loaded`` inside the
save's transaction, so of two writers who loaded the same version exactly one wins and
the other gets an ``EditConflict`` naming who saved meanwhile and what they changed.
"""

from django.db import models, transaction
from django.utils import timezone


class EditConflict(Exception):
    """Someone saved the row after the writer loaded it."""

    def __init__(self, instance, loaded_version):
        self.model = type(instance)
        self.pk = instance.pk
        self.loaded_version = loaded_version
        current = self.model.objects.filter(pk=instance.pk).select_related("updated_by").first()
        self.deleted = current is None
        self.current_version = current.version if current else None
        self.updated_by = getattr(current, "updated_by", None)
        self.updated_at = getattr(current, "updated_at", None)
        self.changes = changes_since(instance, loaded_version) if current else []
        super().__init__(self.message)

    @property
    def who(self):
        user = self.updated_by
        return (user.get_full_name() or user.get_username()) if user else "Someone"

    @property
    def message(self):
        name = self.model._meta.verbose_name
        if self.deleted:
            return f"This {name} was deleted after you opened it."
        when = timezone.localtime(self.updated_at).strftime("%Y-%m-%d %H:%M:%S %Z") if self.updated_at else ""
        listed = "; ".join(f"{field}: “{old}” → “{new}”" for field, old, new in self.changes)
        return (
            f"{self.who} saved this {name} at {when}, after you opened it (you loaded version "
            f"{self.loaded_version}, it is now version {self.current_version})."
            + (f" Their changes: {listed}." if listed else "")
        )


def _display(value):
    if value is None or value == "":
        return "—"
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def changes_since(instance, loaded_version) -> list[tuple[str, str, str]]:
    """(field, value then, value now) for each field changed since ``loaded_version``, from the history."""
    history = getattr(type(instance), "history", None)
    if history is None:
        return []
    records = history.filter(**{instance._meta.pk.attname: instance.pk})
    then = records.filter(version=loaded_version).order_by("-history_id").first()
    now = records.order_by("-history_id").first()
    if then is None or now is None or then.pk == now.pk:
        return []
    delta = now.diff_against(then, excluded_fields=["version", "updated_at", "updated_by"])
    labels = {field.name: field.verbose_name for field in type(instance)._meta.fields}
    return [
        (str(labels.get(change.field, change.field)), _display(change.old), _display(change.new))
        for change in delta.changes
    ]


def current_version(model, pk, *, lock=False):
    queryset = model.objects.filter(pk=pk)
    if lock:
        queryset = queryset.select_for_update()
    return queryset.values_list("version", flat=True).first()


@transaction.atomic
def save_versioned(instance, *, loaded_version=None, user=None, reason: str = ""):
    """Insert, or update when the row is still at ``loaded_version`` (default: the instance's own)."""
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    if instance._state.adding:
        instance.version = 1
        instance.save()
        return instance
    loaded = instance.version if loaded_version is None else loaded_version
    claimed = (
        type(instance).objects.filter(pk=instance.pk, version=loaded).update(version=models.F("version") + 1)
    )
    if not claimed:
        raise EditConflict(instance, loaded)
    instance.version = loaded + 1
    instance.save()
    return instance


@transaction.atomic
def delete_versioned(instance, *, loaded_version=None, user=None, reason: str = ""):
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    if (
        loaded_version is not None
        and current_version(type(instance), instance.pk, lock=True) != loaded_version
    ):
        raise EditConflict(instance, loaded_version)
    instance.delete()
