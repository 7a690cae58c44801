"""Fill the stored sort keys of quotes recorded before they existed."""

from datetime import UTC, date, datetime

from django.db import migrations, models
from django.db.models.functions import Coalesce

NO_DATE = date(1, 1, 1)
NO_DATETIME = datetime(1, 1, 1, tzinfo=UTC)


def fill_sort_keys(apps, schema_editor):
    Quote = apps.get_model("quotes", "Quote")
    Citation = apps.get_model("quotes", "Citation")
    earliest = (
        Citation.objects.filter(quote=models.OuterRef("pk"), source__published_at__isnull=False)
        .order_by("source__published_at")
        .values("source__published_at")[:1]
    )
    Quote.objects.update(
        sort_date=Coalesce("said_on", models.Value(NO_DATE)),
        first_published_at=Coalesce(
            models.Subquery(earliest), models.Value(NO_DATETIME, output_field=models.DateTimeField())
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("quotes", "0006_add_quote_sort_keys_and_indexes")]

    operations = [migrations.RunPython(fill_sort_keys, migrations.RunPython.noop, elidable=True)]
