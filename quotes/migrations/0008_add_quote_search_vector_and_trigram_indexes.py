"""PostgreSQL only: a stored tsvector for full-text search, and trigram indexes for name search.

- ``quotes_quote.search_vector`` is a generated column,
  ``to_tsvector('simple', text)``, stored and GIN-indexed, so a search neither
  re-parses the text of every candidate nor needs application code to keep it up
  to date (COPY, bulk_create and updates all fill it). It replaces the expression
  index of migration 0003. quotes.filters.QuoteSearchVector refers to it; the
  model does not declare it, so SQLite (which falls back to a substring match)
  never sees it.
- ``pg_trgm`` GIN indexes on the folded names of speakers and aliases serve the
  ``LIKE '%…%'`` of ``speaker_name`` and of the speaker search.

On SQLite this migration does nothing.
"""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "DROP INDEX IF EXISTS quote_text_search_idx",
    "ALTER TABLE quotes_quote ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS quote_search_vector_idx ON quotes_quote USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS speaker_search_name_trgm_idx ON quotes_speaker "
    "USING gin (search_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS alias_search_name_trgm_idx ON quotes_speakeralias "
    "USING gin (search_name gin_trgm_ops)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS alias_search_name_trgm_idx",
    "DROP INDEX IF EXISTS speaker_search_name_trgm_idx",
    "DROP INDEX IF EXISTS quote_search_vector_idx",
    "ALTER TABLE quotes_quote DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX IF NOT EXISTS quote_text_search_idx ON quotes_quote "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(text, '')))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("quotes", "0007_fill_quote_sort_keys")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS), elidable=False)]
