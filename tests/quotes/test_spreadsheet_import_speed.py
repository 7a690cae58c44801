"""Timing of a 10,000-row spreadsheet through the admin's preview and confirmation.

Prints the seconds of each step (wall clock, and this process's CPU, which a busy machine
inflates less); asserts what was imported, never how long it took.
Run with ``pytest -m slow tests/quotes/test_spreadsheet_import_speed.py -s``
(``TEST_DATABASE=sqlite`` for SQLite).
"""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from quotes.models import Citation, Quote

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROWS = 10_000
HEADER = [
    "speaker",
    "text",
    "date",
    "language",
    "tags",
    "source_url",
    "source_title",
    "outlet",
    "published_at",
    "locator",
]


def spreadsheet(rows: int) -> bytes:
    """Rows from 400 speakers (the demo's among them) and 2,000 new sources; every 100th row has an impossible date."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for n in range(rows):
        speaker = "Patrushev" if n % 400 == 0 else f"Pembicara Nomor {n % 400}"
        date = "2023-02-30" if n % 100 == 99 else f"2023-{1 + n % 9:02d}-{1 + n % 28:02d}"
        writer.writerow(
            [
                speaker,
                f"Kutipan nomor {n} tentang kerja sama ekonomi dan keamanan kawasan yang diperkuat",
                date,
                "id",
                f"topik {n % 20}, ekonomi",
                f"https://example.org/berita/{n % 2000}",
                f"Berita nomor {n % 2000}",
                "republika" if n % 2 else "antaranews.com",
                "2023-10-01T09:00+07:00",
                f"paragraph {1 + n % 12}",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def test_ten_thousand_rows_are_previewed_and_confirmed_through_the_admin(client, editor, demo):
    client.force_login(editor)
    url = reverse("admin:quotes_quote_import")
    data = spreadsheet(ROWS)
    before = Quote.objects.count()

    started, cpu = time.perf_counter(), time.process_time()
    response = client.post(url, {"file": SimpleUploadedFile("quotes.csv", data)})
    previewed, previewed_cpu = time.perf_counter() - started, time.process_time() - cpu
    report = response.context["report"]
    assert (len(report.new_quotes), len(report.refused)) == (ROWS - ROWS // 100, ROWS // 100)

    started, cpu = time.perf_counter(), time.process_time()
    response = client.post(url, {"token": response.context["token"], "_confirm": "1"})
    confirmed, confirmed_cpu = time.perf_counter() - started, time.process_time() - cpu

    assert response.context["report"].written
    assert Quote.objects.count() == before + ROWS - ROWS // 100
    assert Citation.objects.filter(source__url__startswith="https://example.org/berita/").count() == 9_900
    print(
        f"\n{ROWS:,} rows on {connection.vendor}: preview {previewed:.1f} s ({previewed_cpu:.1f} s CPU), "
        f"confirm {confirmed:.1f} s ({confirmed_cpu:.1f} s CPU) ({len(data) / 1024 / 1024:.1f} MB of CSV)"
    )
