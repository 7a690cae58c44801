"""Benchmark the public read paths: quote list (API and page), filters and search.

Seeds a throwaway database (SQLite file by default, or BENCH_DATABASE_URL) with
N quotes and times requests through Django's test client, in one process, so the
numbers compare with each other. Prints the machine, mean/median per request and
the SQL queries each request made.
"""

import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = Path(tempfile.gettempdir()) / "quotes-bench.sqlite3"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DB_FILE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("API_ANON_RATE", "1000000/hour")
os.environ.setdefault("API_USER_RATE", "1000000/hour")

import django  # noqa: E402

django.setup()

from datetime import date, timedelta  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from quotes.models import Citation, Quote, Speaker, text_fingerprint  # noqa: E402
from sources.models import Outlet, Source  # noqa: E402

N_QUOTES = int(os.environ.get("BENCH_QUOTES", "5000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
WORDS = (
    "hegemoni kerja sama koordinasi kampanye kebijakan ekonomi budaya warga kota banjir harga beras".split()
)


def seed():
    if DB_FILE.exists() and "BENCH_DATABASE_URL" not in os.environ:
        DB_FILE.unlink()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    outlet = Outlet.objects.create(name="Bench Daily", slug="bench-daily", domain="bench.example")
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"Speaker {i}", slug=f"speaker-{i}", search_name=f"speaker {i}") for i in range(200)
    )
    sources = Source.objects.bulk_create(
        Source(title=f"Article {i}", outlet=outlet, url=f"https://bench.example/{i}", timezone="UTC")
        for i in range(500)
    )
    quotes = []
    for i in range(N_QUOTES):
        text = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} statement number {i}"
        day = date(2020, 1, 1) + timedelta(days=i % 1000)
        quotes.append(
            Quote(
                text=text,
                fingerprint=text_fingerprint(text),
                speaker=speakers[i % len(speakers)],
                language="id",
                said_on=day,
                said_on_precision="day",
                said_on_latest=day,
            )
        )
    quotes = Quote.objects.bulk_create(quotes, batch_size=1000)
    Citation.objects.bulk_create(
        (
            Citation(quote=q, source=sources[i % len(sources)], locator="paragraph 1")
            for i, q in enumerate(quotes)
        ),
        batch_size=1000,
    )


def measure(client, url):
    settings.DEBUG = True
    reset_queries()
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    queries = len(connection.queries)
    settings.DEBUG = False
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url, HTTP_HOST="localhost")
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.mean(timings), statistics.median(timings), queries


def main():
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    )
    started = time.perf_counter()
    seed()
    print(
        f"Database: {connection.vendor}; seeded {Quote.objects.count()} quotes in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    cases = [
        ("API quote list, 20 per page", "/api/v1/quotes/?page_size=20"),
        ("API quote list, 100 per page", "/api/v1/quotes/?page_size=100"),
        ("API speaker_name filter", "/api/v1/quotes/?speaker_name=speaker%2017"),
        ("API said_after + language", "/api/v1/quotes/?said_after=2021-06&language=id"),
        ("API full-text q", "/api/v1/quotes/?q=hegemoni"),
        ("API quote detail", f"/api/v1/quotes/{Quote.objects.order_by('pk').first().pk}/"),
        ("Reader page, quote list", "/"),
    ]
    print(f"{'case':34} {'mean ms':>9} {'median ms':>10} {'queries':>8}")
    results = {}
    for label, url in cases:
        mean, median, queries = measure(client, url)
        results[label] = median
        print(f"{label:34} {mean:9.2f} {median:10.2f} {queries:8d}")
    ratio = results["API quote list, 100 per page"] / results["API quote list, 20 per page"]
    print(f"Ratio 100-per-page / 20-per-page median: {ratio:.2f} (5x the rows, same query count)")


if __name__ == "__main__":
    main()
