"""The admin's spreadsheet import: upload, a preview of what each row would do, confirm."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quotes.models import Citation, Quote, Speaker
from sources.models import Source

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:quotes_quote_import")
URL = "https://example.org/rusia-cina"
HEADER = [
    "Speaker",
    "Text",
    "Date",
    "Language",
    "Source URL",
    "Source title",
    "Outlet",
    "Published at",
    "Locator",
]
GOOD_ROWS = [
    [
        "Patrushev",
        "Di tengah kampanye yang dilancarkan oleh kolektif Barat",
        "2023-09-19",
        "id",
        "https://example.org/rusia-cina",
        "Rusia dan Cina Perkuat Kerja Sama",
        "republika",
        "2023-09-20T14:35+07:00",
        "paragraph 2",
    ],
    [
        "Wáng Yì",
        "Semakin keras tindakan hegemoni unilateral",
        "2023-09",
        "id",
        "https://example.org/rusia-cina",
        "",
        "",
        "",
        "paragraph 11",
    ],
]


def csv_upload(rows, header=HEADER, name="quotes.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("quotes.xlsx", buffer.getvalue())


def preview(client, upload, **fields):
    return client.post(IMPORT_URL, {"file": upload, **fields})


def confirm(client, preview_response):
    return client.post(IMPORT_URL, {"token": preview_response.context["token"], "_confirm": "1"})


@pytest.fixture
def speakers(demo):
    return {s.slug: s for s in Speaker.objects.all()}


def test_a_spreadsheet_is_previewed_without_writing_anything(client, editor, speakers):
    client.force_login(editor)
    before = Quote.objects.count()

    response = preview(client, csv_upload(GOOD_ROWS))

    assert response.status_code == 200
    report = response.context["report"]
    assert report.dry_run and not report.refused
    assert [(row.number, row.action) for row in report.rows] == [(2, "new"), (3, "new")]
    assert "Import 2 quotes" in response.content.decode()
    assert Quote.objects.count() == before
    assert not Source.objects.filter(url="https://example.org/rusia-cina").exists()


def test_confirming_the_preview_saves_the_quotes_with_their_citations(client, editor, speakers):
    client.force_login(editor)

    response = confirm(client, preview(client, csv_upload(GOOD_ROWS)))

    assert response.status_code == 200
    assert response.context["report"].written
    source = Source.objects.get(url="https://example.org/rusia-cina")
    assert (source.outlet.slug, source.created_by) == ("republika", editor)
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    first = Quote.objects.get(text="Di tengah kampanye yang dilancarkan oleh kolektif Barat")
    assert first.speaker == speakers["nikolai-patrushev"]
    assert (str(first.said), first.status, first.created_by) == ("2023-09-19", "unverified", editor)
    assert first.citations.get().locator == "paragraph 2"
    assert first.history.get().history_via == "spreadsheet import"
    second = Quote.objects.get(text="Semakin keras tindakan hegemoni unilateral")
    assert second.speaker == speakers["wang-yi"]
    assert (str(second.said), second.said_on_precision) == ("2023-09", "month")


def test_an_xlsx_spreadsheet_is_imported_too(client, editor, speakers):
    client.force_login(editor)

    response = confirm(client, preview(client, xlsx_upload(GOOD_ROWS)))

    assert response.status_code == 200
    assert Citation.objects.filter(source__url="https://example.org/rusia-cina").count() == 2


def bad_rows():
    blank = ["Patrushev", "   ", "2023-09-19", "id", "https://example.org/rusia-cina", "", "", "", ""]
    bad_date = ["Wang Yi", "Words", "19/9/2023", "id", "https://example.org/rusia-cina", "", "", "", ""]
    early = ["Wang Yi", "Words before", "2023-09-21", "id", "https://example.org/rusia-cina", "", "", "", ""]
    return [GOOD_ROWS[0], blank, bad_date, early]


def test_refused_rows_are_listed_with_their_line_and_reason_and_the_valid_rows_imported(
    client, editor, speakers
):
    client.force_login(editor)

    response = preview(client, csv_upload(bad_rows()))

    page = response.content.decode()
    assert "Row 3: text: The quote text is empty; enter the words as published." in page
    assert "Row 4: date: “19/9/2023” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD." in page
    assert "Row 5: Said on 2023-09-21, but “Rusia dan Cina Perkuat Kerja Sama” was published on " in page
    assert "Import 1 quote" in page
    assert not Quote.objects.filter(citations__source__url=URL).exists()

    response = confirm(client, response)

    assert response.context["report"].written
    assert Quote.objects.filter(citations__source__url=URL).count() == 1
    assert not Quote.objects.filter(text__startswith="Words").exists()


def test_all_or_nothing_offers_no_import_when_a_row_is_refused(client, editor, speakers):
    client.force_login(editor)

    response = preview(client, csv_upload(bad_rows()), all_or_nothing="on")

    page = response.content.decode()
    assert "All or nothing was asked for and 3 rows are refused: nothing would be imported." in page
    assert 'name="_confirm"' not in page
    assert not Source.objects.filter(url="https://example.org/rusia-cina").exists()


def test_a_spreadsheet_without_the_required_columns_is_refused_with_their_names(client, editor):
    client.force_login(editor)

    response = preview(client, csv_upload([["x"]], header=["Quote"]))

    assert "Missing column(s): speaker, text" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_file_larger_than_the_limit_is_refused_naming_the_limit(client, editor, speakers, settings):
    settings.QUOTE_IMPORT_MAX_BYTES = 100
    client.force_login(editor)

    response = preview(client, csv_upload(GOOD_ROWS))

    assert "The file is larger than 100 bytes (QUOTE_IMPORT_MAX_BYTES)" in response.content.decode()
    assert not Quote.objects.filter(citations__source__url=URL).exists()


def test_more_rows_than_the_limit_are_refused_naming_the_limit(client, editor, settings):
    settings.QUOTE_IMPORT_MAX_ROWS = 1
    client.force_login(editor)

    response = preview(client, csv_upload(GOOD_ROWS))

    assert "The spreadsheet has more than 1 rows; at most 1 can be imported at once" in (
        response.content.decode()
    )


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(client, editor):
    client.force_login(editor)

    response = preview(client, SimpleUploadedFile("quotes.pdf", b"%PDF-1.4"))

    assert "Upload a .csv or .xlsx file." in response.content.decode()
    broken = preview(client, SimpleUploadedFile("quotes.xlsx", b"not a zip"))
    assert "The file is not an XLSX workbook" in broken.content.decode()


def test_a_confirmation_without_its_preview_imports_nothing(client, editor, speakers):
    client.force_login(editor)

    response = client.post(IMPORT_URL, {"token": "x" * 43, "_confirm": "1"})

    assert response.status_code == 302
    assert not Quote.objects.filter(citations__source__url=URL).exists()


def test_importing_the_same_spreadsheet_twice_creates_nothing_new(client, editor, speakers):
    client.force_login(editor)
    confirm(client, preview(client, csv_upload(GOOD_ROWS)))
    counts = (Quote.objects.count(), Citation.objects.count(), Source.objects.count())

    response = preview(client, csv_upload(GOOD_ROWS))

    assert [row.action for row in response.context["report"].rows] == ["skip", "skip"]
    assert 'name="_confirm"' not in response.content.decode()
    assert (Quote.objects.count(), Citation.objects.count(), Source.objects.count()) == counts


def test_readers_without_the_add_permission_cannot_import(client, db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(user)

    assert client.get(IMPORT_URL).status_code == 403
