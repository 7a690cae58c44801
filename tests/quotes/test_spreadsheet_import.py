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
CONFIRM_URL = reverse("admin:quotes_quote_process_import")
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


def csv_upload(rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("quotes.csv", buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("quotes.xlsx", buffer.getvalue())


def format_value(response, name):
    form = response.context["form"]
    return next(value for value, label in form.fields["format"].choices if label == name)


def preview(client, upload, fmt="csv"):
    page = client.get(IMPORT_URL)
    return client.post(
        IMPORT_URL, {"import_file": upload, "format": format_value(page, fmt), "resource": "0"}
    )


def confirm(client, preview_response):
    form = preview_response.context["confirm_form"]
    return client.post(CONFIRM_URL, {name: form.initial.get(name, "") for name in form.fields})


@pytest.fixture
def speakers(demo):
    return {s.slug: s for s in Speaker.objects.all()}


def test_a_spreadsheet_is_previewed_without_writing_anything(client, editor, speakers):
    client.force_login(editor)
    before = Quote.objects.count()

    response = preview(client, csv_upload(GOOD_ROWS))

    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert Quote.objects.count() == before
    assert not Source.objects.filter(url="https://example.org/rusia-cina").exists()


def test_confirming_the_preview_saves_the_quotes_with_their_citations(client, editor, speakers):
    client.force_login(editor)

    response = confirm(client, preview(client, csv_upload(GOOD_ROWS)))

    assert response.status_code == 302
    source = Source.objects.get(url="https://example.org/rusia-cina")
    assert (source.outlet.slug, source.created_by) == ("republika", editor)
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    first = Quote.objects.get(text="Di tengah kampanye yang dilancarkan oleh kolektif Barat")
    assert first.speaker == speakers["nikolai-patrushev"]
    assert (str(first.said), first.status, first.created_by) == ("2023-09-19", "unverified", editor)
    assert first.citations.get().locator == "paragraph 2"
    second = Quote.objects.get(text="Semakin keras tindakan hegemoni unilateral")
    assert second.speaker == speakers["wang-yi"]
    assert (str(second.said), second.said_on_precision) == ("2023-09", "month")


def test_an_xlsx_spreadsheet_is_imported_too(client, editor, speakers):
    client.force_login(editor)

    response = confirm(client, preview(client, xlsx_upload(GOOD_ROWS), fmt="xlsx"))

    assert response.status_code == 302
    assert Citation.objects.filter(source__url="https://example.org/rusia-cina").count() == 2


def test_row_level_errors_are_shown_and_nothing_is_written(client, editor, speakers):
    client.force_login(editor)
    bad_rows = [
        GOOD_ROWS[0],
        ["Patrushev", "   ", "2023-09-19", "id", "https://example.org/rusia-cina", "", "", "", ""],
        [
            "Wang Yi",
            "Words on a bad day",
            "19/9/2023",
            "id",
            "https://example.org/rusia-cina",
            "",
            "",
            "",
            "",
        ],
        [
            "Wang Yi",
            "Words before they were said",
            "2023-09-21",
            "id",
            "https://example.org/rusia-cina",
            "",
            "",
            "",
            "",
        ],
    ]
    before = Quote.objects.count()

    response = preview(client, csv_upload(bad_rows))

    result = response.context["result"]
    assert result.has_validation_errors()
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(errors) == {2, 3, 4}
    assert "text" in errors[2]
    assert errors[3]["date"] == ["“19/9/2023” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD."]
    assert "a source cannot report words before they are said" in " ".join(errors[4]["date"])
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Quote.objects.count() == before
    assert not Source.objects.filter(url="https://example.org/rusia-cina").exists()


def test_a_spreadsheet_without_the_required_columns_is_refused_with_their_names(client, editor):
    client.force_login(editor)

    response = preview(client, csv_upload([["x"]], header=["Quote"]))

    page = response.content.decode()
    assert "Missing column(s): speaker, text" in page
    assert not Quote.objects.exists()


def test_importing_the_same_spreadsheet_twice_creates_nothing_new(client, editor, speakers):
    client.force_login(editor)
    confirm(client, preview(client, csv_upload(GOOD_ROWS)))
    counts = (Quote.objects.count(), Citation.objects.count(), Source.objects.count())

    response = preview(client, csv_upload(GOOD_ROWS))

    assert [row.import_type for row in response.context["result"].rows] == ["skip", "skip"]
    confirm(client, response)
    assert (Quote.objects.count(), Citation.objects.count(), Source.objects.count()) == counts
