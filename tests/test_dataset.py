"""Backup and restore: export, restore into an empty database, export again — the same bytes."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from core.dataset import MODEL_LABELS, _model
from quotes import services
from quotes.dates import parse_partial_date
from quotes.models import Quote, Speaker
from sources.models import Source
from sources.services import source_update


def empty_the_database():
    """What a freshly migrated database holds: no editorial rows, no users (groups come from a migration)."""
    for label in reversed(MODEL_LABELS[1:]):  # users last, with their group memberships
        _model(label).objects.all()._raw_delete(_model(label).objects.db)
    User.objects.all().delete()


@pytest.fixture
def rich_data(demo, editor, reviewer):
    """The demo, plus what a year of editing leaves: a microsecond time, a verdict, a rename, a deletion."""
    source = Source.objects.get(title__startswith="Rusia dan Cina")
    source_update(
        source=source,
        user=editor,
        published_at=datetime(2023, 9, 20, 14, 35, 7, 123456, tzinfo=ZoneInfo("Asia/Jakarta")),
    )
    quote = Quote.objects.get(text__startswith="Semakin keras")
    services.quote_set_status(quote=quote, status="verified", user=reviewer)
    services.quote_update(quote=quote, user=editor, said_on=parse_partial_date("2023-09"))
    services.speaker_update(
        speaker=Speaker.objects.get(slug="wang-yi"), user=editor, name="Wang Yi (minister)"
    )
    doomed = services.quote_create(
        user=editor, speaker=quote.speaker, text="Kata yang dihapus", language="id"
    )
    services.quote_delete(quote=doomed, user=reviewer)


def data_files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.suffix == ".jsonl"}


def test_an_export_restored_into_an_empty_database_exports_to_the_same_bytes(rich_data, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_dataset", str(first), stdout=io.StringIO(), stderr=io.StringIO())
    history_rows = json.loads((first / "manifest.json").read_text())["files"]["quotes.historicalquote.jsonl"]

    empty_the_database()
    call_command("import_dataset", str(first), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("export_dataset", str(second), stdout=io.StringIO(), stderr=io.StringIO())

    assert data_files(first) == data_files(second)
    assert history_rows["rows"] >= 8
    restored = Source.objects.get(title__startswith="Rusia dan Cina")
    assert restored.published_at.microsecond == 123456
    assert restored.timezone == "Asia/Jakarta"
    quote = Quote.objects.get(text__startswith="Semakin keras")
    assert (quote.said_on_precision, quote.status, quote.version) == ("month", "unverified", 4)
    assert "Wang Yi" in Speaker.objects.get(slug="wang-yi").aliases.values_list("name", flat=True)
    assert Quote.history.filter(history_type="-").count() == 1
    assert User.objects.get(username="rui-reviewer").groups.get().name == "Reviewer"


def test_a_restore_continues_the_id_sequences(rich_data, tmp_path, editor):
    call_command("export_dataset", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    highest = Quote.history.order_by("-id").values_list("id", flat=True).first()
    empty_the_database()
    call_command("import_dataset", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())

    user = User.objects.get(username=editor.username)
    new = services.quote_create(user=user, speaker=Speaker.objects.first(), text="Kata baru", language="id")

    assert new.pk > highest


def test_a_database_that_holds_data_is_refused(rich_data, tmp_path):
    call_command("export_dataset", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())

    with pytest.raises(CommandError, match="already holds data"):
        call_command("import_dataset", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_damaged_export_is_refused_before_anything_is_written(rich_data, tmp_path):
    call_command("export_dataset", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    damaged = tmp_path / "quotes.quote.jsonl"
    damaged.write_bytes(damaged.read_bytes().replace(b"Semakin", b"Semakim"))
    empty_the_database()

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("import_dataset", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Quote.objects.exists()
