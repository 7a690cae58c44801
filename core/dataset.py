"""Lossless backup and restore of the whole dataset, history included, as JSON Lines.

An export is a folder: one ``<app>.<model>.jsonl`` file per table (one JSON object per
row, keys sorted, rows in primary-key order, timestamps with microseconds and their
offset) and ``manifest.json`` (format, schema version, row counts and SHA-256 of each
file). The same data always gives the same bytes, so two exports can be compared with
``cmp``. A restore checks the manifest against the files and the database schema, then
writes the rows as they are (ids, versions and history kept), which is why it lives
beside the services instead of going through them: it replays records that the
services already validated when they were first written.
"""

import base64
import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from simple_history.manager import HistoryManager

FORMAT = "quotedb-dataset/1"
BATCH = 2000

# Restore order: every table after the tables it points to.
MODEL_LABELS = [
    "auth.User",
    "sources.Outlet",
    "sources.Source",
    "sources.Contributor",
    "quotes.Speaker",
    "quotes.SpeakerAlias",
    "quotes.Role",
    "quotes.Tag",
    "quotes.Quote",
    "quotes.Quote_tags",
    "quotes.Citation",
    "sources.HistoricalOutlet",
    "sources.HistoricalSource",
    "sources.HistoricalContributor",
    "quotes.HistoricalSpeaker",
    "quotes.HistoricalSpeakerAlias",
    "quotes.HistoricalRole",
    "quotes.HistoricalTag",
    "quotes.HistoricalQuote",
    "quotes.HistoricalQuote_tags",
    "quotes.HistoricalCitation",
]
USER_GROUPS = "auth.user_groups"
SCHEMA_APPS = ("sources", "quotes")


class DatasetError(Exception):
    """The export cannot be restored here; the message says why."""


def _model(label):
    return apps.get_model(label)


def _file_name(label):
    return f"{label.lower()}.jsonl"


def _encode(value):
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(UTC)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _line(row: dict) -> bytes:
    return (json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()


def schema_version() -> dict:
    """The latest applied migration of each app whose tables are in the export."""
    applied = MigrationRecorder(connection).applied_migrations()
    return {app: max(name for label, name in applied if label == app) for app in SCHEMA_APPS}


@dataclass
class Progress:
    """Reports progress to a callable (a management command's output); silent by default."""

    report: object = None

    def __call__(self, label, done, total):
        if self.report:
            self.report(label, done, total)


def export_dataset(folder: Path, *, progress=None) -> dict:
    progress = progress or Progress()
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # Every table read from one snapshot, while editors keep writing.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for label in MODEL_LABELS:
            model = _model(label)
            columns = [field.attname for field in model._meta.concrete_fields]
            total = model.objects.count()
            files[_file_name(label)] = _write_rows(
                folder / _file_name(label),
                model.objects.order_by("pk").values_list(*columns),
                columns,
                lambda done, label=label, total=total: progress(label, done, total),
            )
        memberships = get_user_model().groups.through.objects.order_by("user_id", "group__name")
        files[_file_name(USER_GROUPS)] = _write_rows(
            folder / _file_name(USER_GROUPS),
            memberships.values_list("user_id", "group__name"),
            ["user_id", "group"],
            lambda done: None,
        )
    manifest = {
        "format": FORMAT,
        "schema_version": schema_version(),
        "exported_at": timezone.now().isoformat(timespec="microseconds"),
        "files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _write_rows(path: Path, rows, columns, on_progress) -> dict:
    digest, count = hashlib.sha256(), 0
    with path.open("wb") as out:
        for values in rows.iterator(chunk_size=BATCH):
            line = _line({column: _encode(value) for column, value in zip(columns, values, strict=True)})
            out.write(line)
            digest.update(line)
            count += 1
            if count % BATCH == 0:
                on_progress(count)
    on_progress(count)
    return {"rows": count, "sha256": digest.hexdigest()}


def read_manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    if not path.is_file():
        raise DatasetError(f"{folder} has no manifest.json; is it a folder written by export_dataset?")
    try:
        manifest = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise DatasetError(f"manifest.json is not valid JSON: {error}") from None
    if manifest.get("format") != FORMAT:
        raise DatasetError(f"Unknown export format {manifest.get('format')!r}; expected {FORMAT}.")
    for name, expected in manifest["files"].items():
        file = folder / name
        if not file.is_file():
            raise DatasetError(f"{name} is listed in the manifest but missing.")
        actual = hashlib.sha256(file.read_bytes()).hexdigest()
        if actual != expected["sha256"]:
            raise DatasetError(f"{name} does not match its checksum in the manifest; the export is damaged.")
    return manifest


def database_is_empty() -> bool:
    return not any(_model(label).objects.exists() for label in MODEL_LABELS)


def _decode_row(model, row: dict):
    values = {}
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        if value is not None and field.get_internal_type() == "BinaryField":
            value = base64.b64decode(value)
        values[field.attname] = field.to_python(value) if value is not None else None
    return model(**values)


def import_dataset(folder: Path, *, merge: bool = False, progress=None) -> dict:
    """Restore an export; refuses a database that already holds data unless ``merge``."""
    progress = progress or Progress()
    manifest = read_manifest(folder)
    here = schema_version()
    if manifest["schema_version"] != here:
        raise DatasetError(
            f"The export was made at schema {manifest['schema_version']}, this database is at {here}; "
            "migrate one of them to the other's version first."
        )
    if not merge and not database_is_empty():
        raise DatasetError("The database already holds data; restore into an empty one, or pass --merge.")
    counts = {}
    with transaction.atomic():
        for label in MODEL_LABELS:
            model = _model(label)
            name = _file_name(label)
            total = manifest["files"][name]["rows"]
            counts[label] = _restore(
                model, folder / name, lambda done, label=label, total=total: progress(label, done, total)
            )
        groups = {group.name: group for group in Group.objects.all()}
        memberships = []
        for raw in (folder / _file_name(USER_GROUPS)).read_bytes().splitlines():
            row = json.loads(raw)
            group = groups.get(row["group"]) or Group.objects.create(name=row["group"])
            groups[group.name] = group
            memberships.append(get_user_model().groups.through(user_id=row["user_id"], group_id=group.pk))
        get_user_model().groups.through.objects.bulk_create(memberships, ignore_conflicts=merge)
        _continue_sequences([_model(label) for label in MODEL_LABELS])
    ContentVersion = apps.get_model("core", "ContentVersion")
    ContentVersion.bump()
    return counts


def _continue_sequences(models) -> None:
    """New ids continue after every id ever used, deleted rows' ids (kept in the history) included."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        for model in models:
            history = getattr(model, "history", None)
            if not isinstance(history, HistoryManager) or model._meta.pk.get_internal_type() not in (
                "AutoField",
                "BigAutoField",
            ):
                continue
            highest = max(
                model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
                history.order_by("-id").values_list("id", flat=True).first() or 0,
            )
            table, column = model._meta.db_table, model._meta.pk.column
            if connection.vendor == "postgresql" and highest:
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s)", [table, column, highest])
            elif connection.vendor == "sqlite" and highest:
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [highest, table]
                )
                if cursor.rowcount == 0:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, highest]
                    )


@contextlib.contextmanager
def _timestamps_as_recorded(model):
    """Keep ``auto_now``/``auto_now_add`` fields as exported instead of stamping the restore time."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _restore(model, path: Path, on_progress) -> int:
    with _timestamps_as_recorded(model):
        return _restore_rows(model, path, on_progress)


def _restore_rows(model, path: Path, on_progress) -> int:
    batch, count = [], 0
    with path.open("rb") as lines:
        for raw in lines:
            batch.append(_decode_row(model, json.loads(raw)))
            if len(batch) >= BATCH:
                model.objects.bulk_create(batch)
                count += len(batch)
                batch = []
                on_progress(count)
    model.objects.bulk_create(batch)
    count += len(batch)
    on_progress(count)
    return count
