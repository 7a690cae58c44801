"""The seed article's behaviours, on an article of our own in the same house style.

``../shared/seed`` holds the published Republika article the product was designed from; it
is not in the repository. ``data/republika_style_pelabuhan_bitung.txt`` is an invented article
written in the same style (Republika header, "Rep: / Red:" byline, WIB time, "Selasa
(19/9/2023)") so that a lone clone still covers what the seed tests check.
"""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quotes.extraction import ExtractionResult, extract_article

ARTICLE = Path(__file__).parent / "data" / "republika_style_pelabuhan_bitung.txt"


@pytest.fixture(scope="module")
def article() -> ExtractionResult:
    return extract_article(ARTICLE.read_text(encoding="utf-8"))


def quotes_of(result: ExtractionResult, kind: str):
    return [q for q in result.quotes if q.type == kind]


def quote_starting(result: ExtractionResult, prefix: str):
    matches = [q for q in result.quotes if q.text.startswith(prefix)]
    assert matches, f"no quote starts with {prefix!r}: {[q.text for q in result.quotes]}"
    return matches[0]


def test_it_reads_the_republika_header_byline_and_wib_time(article):
    source = article.source
    assert source.title == "Pelabuhan Bitung Tambah Dermaga untuk Kapal Ikan"
    assert (source.authors, source.editors) == (("Dimas Prasetyo",), ("Lestari Wulandari",))
    assert (source.outlet_name, source.outlet_domain) == ("Republika", "republika.co.id")
    assert source.dateline_place == "Bitung"
    assert source.published_at == datetime(2023, 9, 20, 9, 40, tzinfo=timezone(timedelta(hours=7)))
    assert source.language == "id"


def test_it_finds_both_direct_quotes_and_their_speakers(article):
    assert [(q.text.split()[:3], q.speaker) for q in quotes_of(article, "direct")] == [
        (["Nelayan", "kami", "kehilangan"], "Hendrik Sondakh"),
        (["Kapal", "kecil", "jangan"], "Yosef Mamahit"),
    ]


def test_it_gives_the_first_speaker_his_whole_role_and_the_day_he_spoke(article):
    quote = quote_starting(article, "Nelayan kami")
    assert quote.speaker_role == "Kepala Dinas Kelautan dan Perikanan Kota Bitung"
    assert quote.cue == "kata"
    assert (quote.said_on, quote.said_on_precision) == (date(2023, 9, 19), "day")


def test_it_reports_the_first_speakers_indirect_statements(article):
    statements = {q.text.split()[0]: q.speaker for q in quotes_of(article, "indirect")}
    assert statements["antrean"] == "Hendrik Sondakh"
    assert statements["pemerintah"] == "Hendrik Sondakh"
    assert statements["kenaikan"] == "Hendrik Sondakh"


def test_it_never_dates_the_second_quote_on_the_publication_day(article):
    quote = quote_starting(article, "Kapal kecil")
    assert quote.said_on != article.source.published_at.date()
    assert quote.speaker_role == "Ketua Himpunan Nelayan Tradisional Bitung"


def test_a_date_taken_from_the_lead_is_marked_inferred_and_a_date_in_the_attribution_is_not(article):
    assert quote_starting(article, "Nelayan kami").said_on_inferred is True
    stated = extract_article(
        "Warga Bitung Antre Air Bersih\n\nBITUNG -- Warga antre air bersih sejak pagi.\n\n"
        "Lurah Girian Atas Maria Lumenta mengatakan pada Kamis (21/9/2023) bahwa pasokan air "
        "akan normal pekan depan.",
        language="id",
    )
    [quote] = quotes_of(stated, "indirect")
    assert (quote.said_on, quote.said_on_inferred) == (date(2023, 9, 21), False)


def test_paragraphs_are_counted_from_the_first_body_paragraph(article):
    first = quote_starting(article, "antrean bongkar")
    assert first.paragraph == 1
    assert quote_starting(article, "Nelayan kami").paragraph == 2
    for quote in article.quotes:
        assert article.text[quote.start : quote.end] == quote.text
        assert quote.text in quote.excerpt
