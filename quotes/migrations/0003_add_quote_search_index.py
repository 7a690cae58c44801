"""A GIN index for full-text search of quote text, on PostgreSQL only.

The expression is the one quotes.filters.quote_search_vector() produces
(to_tsvector with the "simple" configuration), so PostgreSQL uses the index for
?q= searches. SQLite has no such index; there the API falls back to a substring
match, and this migration does nothing.
"""

from django.db import migrations

INDEX = "quote_text_search_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON quotes_quote "
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(text, '')))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("quotes", "0002_create_editor_and_reviewer_groups")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
