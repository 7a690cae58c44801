import hashlib
import re

from django.db import migrations
from django.utils import timezone

from core.normalization import skeleton

_NON_WORD = re.compile(r"[\W_]+")

HISTORY_MODELS = {
    "quotes": ["Speaker", "SpeakerAlias", "Role", "Tag", "Quote", "Citation"],
    "sources": ["Outlet", "Source", "Contributor"],
}


def recompute_fingerprints(apps, schema_editor):
    """Look-alike letters (Cyrillic "о" for "o") no longer make the same words look different."""
    Quote = apps.get_model("quotes", "Quote")
    for quote in Quote.objects.only("pk", "text", "fingerprint").iterator():
        words = _NON_WORD.sub(" ", skeleton(quote.text)).strip()
        fingerprint = hashlib.sha256(words.encode("utf-8")).hexdigest()
        if fingerprint != quote.fingerprint:
            Quote.objects.filter(pk=quote.pk).update(fingerprint=fingerprint)


def start_history(apps, schema_editor):
    """Give every existing row a first history entry, so later changes have something to diff against."""
    now = timezone.now()
    for app_label, names in HISTORY_MODELS.items():
        for name in names:
            model = apps.get_model(app_label, name)
            historical = apps.get_model(app_label, f"Historical{name}")
            columns = [field.attname for field in model._meta.concrete_fields]
            batch = []
            for row in model.objects.values(*columns).iterator():
                batch.append(
                    historical(
                        **row, history_date=now, history_type="+", history_via="migration",
                        history_change_reason="History starts here: the row as it was recorded.",
                    )
                )  # fmt: skip
                if len(batch) >= 1000:
                    historical.objects.bulk_create(batch)
                    batch = []
            historical.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0004_add_versions_and_history"),
        ("sources", "0004_add_versions_and_history"),
    ]

    operations = [
        migrations.RunPython(recompute_fingerprints, migrations.RunPython.noop),
        migrations.RunPython(start_history, migrations.RunPython.noop),
    ]
