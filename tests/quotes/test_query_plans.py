"""Constant cost per request: a fixed number of queries, the indexes in place, no table scans.

The query counts hold on both databases. The index and plan checks are PostgreSQL's:
with sequential scans priced out (``enable_seqscan = off``), every query behind the main
read scenarios must still find an index on quotes and citations, so that none of them
reads a whole table as it grows.
"""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import Citation, Quote, Role, Speaker, SpeakerAlias, Tag
from sources.models import Contributor, Outlet, Source

pytestmark = pytest.mark.django_db


def make_data(n):
    outlet, _ = Outlet.objects.get_or_create(
        slug="harian", defaults={"name": "Harian", "domain": "harian.example"}
    )
    tag, _ = Tag.objects.get_or_create(slug="ekonomi", defaults={"name": "Ekonomi"})
    for k in range(n):
        speaker = Speaker.objects.create(
            name=f"Pembicara {k}", slug=f"pembicara-{k}", wikidata_id=f"Q{900 + k}"
        )
        SpeakerAlias.objects.create(speaker=speaker, name=f"P. {k}")
        role = Role.objects.create(speaker=speaker, title="Menteri")
        source = Source.objects.create(
            title=f"Berita {k}",
            outlet=outlet,
            url=f"https://harian.example/{k}",
            published_at="2023-10-01T00:00:00Z",
        )
        Contributor.objects.create(source=source, name=f"Wartawan {k}")
        for j in range(2):
            quote = Quote.objects.create(
                speaker=speaker,
                role=role,
                text=f"harga beras naik lagi nomor {k} {j}",
                language="id",
                said_on=date(2023, 1, 1 + (k + j) % 28),
                said_on_precision="day",
            )
            quote.tags.add(tag)
            Citation.objects.create(quote=quote, source=source, locator="paragraf 1")


ENDPOINTS = [
    "/api/v1/quotes/",
    "/api/v1/quotes/?format=csv",
    "/api/v1/quotes/?format=jsonld",
    "/api/v1/quotes/?q=beras",
    "/api/v1/quotes/?speaker_name=pembicara",
    "/api/v1/quotes/?ordering=published",
    "/api/v1/quotes/?tag=ekonomi&said_after=2023",
    "/api/v1/speakers/",
    "/api/v1/speakers/?format=csv",
    "/api/v1/speakers/?format=jsonld",
    "/api/v1/speakers/?q=pembicara",
    "/api/v1/speakers/pembicara-0/",
    "/api/v1/speakers/Q900/",
    "/api/v1/speakers/pembicara-0/quotes/",
    "/api/v1/sources/",
    "/api/v1/outlets/",
    "/api/v1/citations/",
    "/",
    "/speakers/pembicara-0/",
]


def count_queries(client, path):
    cache.clear()  # counted cold each time: the reader pages keep a few small lookups in the cache
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    return len(context)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_each_list_and_detail_endpoint_runs_the_same_number_of_queries_at_any_size(client, path):
    make_data(2)
    small = count_queries(client, path)
    make_more(8)

    assert count_queries(client, path) == small


def make_more(n):
    start = Speaker.objects.count()
    outlet = Outlet.objects.get(slug="harian")
    tag = Tag.objects.get(slug="ekonomi")
    for k in range(start, start + n):
        speaker = Speaker.objects.create(name=f"Pembicara {k}", slug=f"pembicara-{k}")
        SpeakerAlias.objects.create(speaker=speaker, name=f"P. {k}")
        source = Source.objects.create(
            title=f"Berita {k}", outlet=outlet, published_at="2023-10-02T00:00:00Z"
        )
        Contributor.objects.create(source=source, name=f"Wartawan {k}")
        for j in range(3):
            quote = Quote.objects.create(
                speaker=Speaker.objects.get(slug="pembicara-0") if j == 2 else speaker,
                text=f"harga beras turun nomor {k} {j}",
                language="id",
            )
            quote.tags.add(tag)
            Citation.objects.create(quote=quote, source=source)


def test_a_quote_detail_runs_a_fixed_number_of_queries(client):
    make_data(3)
    quote = Quote.objects.order_by("pk").first()

    queries = count_queries(client, f"/api/v1/quotes/{quote.pk}/")

    # The change token and the quote; on SQLite the quote's relations are prefetched one query each.
    # On PostgreSQL: the change counter, the quote's version (for its ETag), the quote built as JSON.
    assert queries == (3 if connection.vendor == "postgresql" else 6)


def test_the_speaker_list_and_a_speaker_run_a_fixed_number_of_queries(client):
    make_data(3)

    listed = count_queries(client, "/api/v1/speakers/")
    one = count_queries(client, "/api/v1/speakers/Q900/")

    # On PostgreSQL the list is the change counter, the count of speakers, the page's ids and the page
    # built as JSON (beyond a thousand speakers, one more for the planner's estimate of the count); one
    # speaker is the change counter, its version (for its ETag) and the speaker built as JSON. On
    # SQLite, aliases and roles are prefetched one query each.
    assert (listed, one) == ((4, 3) if connection.vendor == "postgresql" else (5, 4))


MODEL_INDEXES = {
    "quotes_quote": [
        "quote_sort_date_idx",
        "quote_speaker_sort_date_idx",
        "quote_created_idx",
        "quote_first_published_idx",
    ],
    "quotes_speaker": ["speaker_name_idx"],
}
POSTGRESQL_INDEXES = {
    "quotes_quote": ["quote_search_vector_idx"],
    "quotes_speaker": ["speaker_search_name_trgm_idx"],
    "quotes_speakeralias": ["alias_search_name_trgm_idx"],
}


def test_every_ordering_has_its_index():
    with connection.cursor() as cursor:
        for table, names in MODEL_INDEXES.items():
            existing = connection.introspection.get_constraints(cursor, table)
            for name in names:
                assert name in existing, (table, name)


@pytest.mark.postgres
def test_the_search_and_trigram_indexes_exist_on_postgresql():
    with connection.cursor() as cursor:
        for table, names in POSTGRESQL_INDEXES.items():
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
            existing = dict(cursor.fetchall())
            for name in names:
                assert name in existing, (table, name)
        assert "gin_trgm_ops" in existing["alias_search_name_trgm_idx"]


SCENARIOS = {
    "speaker_list": "/api/v1/speakers/pembicara-1/quotes/",
    "speaker_date_range": "/api/v1/quotes/?speaker=pembicara-1&said_after=2010&said_before=2023-06",
    "fts_common_relevance": "/api/v1/quotes/?q=beras",
    "fts_common_by_date": "/api/v1/quotes/?q=beras&ordering=-said_on",
    "fts_rare": "/api/v1/quotes/?q=nomor",
    "quote_detail": "/api/v1/quotes/{quote}/",
    "speaker_by_wikidata": "/api/v1/speakers/Q901/",
    "csv_100": "/api/v1/quotes/?format=csv&page_size=100",
    "plain_list": "/api/v1/quotes/",
    "published_order": "/api/v1/quotes/?ordering=-published",
    "created_order": "/api/v1/quotes/?ordering=created",
    "speaker_name": "/api/v1/quotes/?speaker_name=pembicara%201",
    "speakers": "/api/v1/speakers/",
    "reader_list": "/",
}
SCANNED = re.compile(r"Seq Scan on (quotes_quote|quotes_citation)\b")


def plans_of(client, path):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            with CaptureQueriesContext(connection) as context:
                response = client.get(path)
            assert response.status_code == 200, (path, response.content[:300])
            plans = []
            for query in context.captured_queries:
                sql = query["sql"]
                if sql.lstrip().upper().startswith("SELECT") and re.search(r"quotes_(quote|citation)\b", sql):
                    cursor.execute("EXPLAIN " + sql)
                    plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
            return plans
        finally:
            cursor.execute("SET enable_seqscan = on")


@pytest.mark.postgres
@pytest.mark.parametrize("name", [*SCENARIOS, "deep_cursor"])
def test_the_main_scenarios_read_quotes_and_citations_through_indexes(client, name):
    make_data(6)
    if name == "deep_cursor":
        page = client.get("/api/v1/quotes/", {"page_size": 2}).json()
        page = client.get(page["next"]).json()
        path = page["next"]
    else:
        path = SCENARIOS[name].format(quote=Quote.objects.order_by("pk").last().pk)

    for sql, plan in plans_of(client, path):
        assert not SCANNED.search(plan), f"{sql}\n\n{plan}"


@pytest.mark.postgres
def test_the_speaker_list_counts_each_speakers_quotes_through_an_index_on_the_speaker(client):
    make_data(3)

    [plan] = [plan for sql, plan in plans_of(client, "/api/v1/speakers/") if "json_build_object" in sql]

    # An index-only scan, or a bitmap scan of one of the speaker's indexes on a small or freshly
    # written table: either way only that speaker's entries are read, never the whole quote table.
    assert re.search(r"on quotes_quote q [^\n]*\n\s*(?:Index|Recheck) Cond: \(speaker_id = s\.id\)", plan), (
        plan
    )
    assert "Seq Scan on quotes_quote" not in plan, plan
