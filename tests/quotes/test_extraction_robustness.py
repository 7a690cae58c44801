"""The extractor never raises, whatever it is given, and stays fast on large inputs."""

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.extraction import extract_article
from quotes.extraction.extractor import extract_unguarded

MARKS = "“”„‟\"«»‘’'"
NEWSY = st.sampled_from(
    [
        "kata",
        "ujarnya",
        "said",
        "he said,",
        "Menurut dia,",
        "According to",
        "bahwa",
        "that",
        "Rep: Rizky",
        "/ Red:",
        "REPUBLIKA.CO.ID, MOSKOW --",
        "Selasa (19/9/2023)",
        "(31/2)",
        "kemarin",
        "on Tuesday",
        "Rabu 20 Sep 2023 14:35 WIB",
        "Dr.",
        "Q:",
        "A:",
        "Jawab:",
        "Nikolai Patrushev",
        "Wang",
        "dia",
        "she",
        "<p>",
        "</p>",
        "<html>",
        "\n",
        "\n\n",
        " ",
        ".",
        ",",
        *MARKS,
    ]
)
ARTICLE_SOUP = st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=80).map("".join)


def check_result(result) -> None:
    json.dumps(result.to_dict())
    for quote in result.quotes:
        assert 0 <= quote.start <= quote.end <= len(result.text)
        assert result.text[quote.start : quote.end] == quote.text
        assert quote.type in {"direct", "indirect"}
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.paragraph >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_it_never_raises_on_arbitrary_unicode(text):
    check_result(extract_unguarded(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE_SOUP)
def test_it_never_raises_on_news_shaped_noise_with_unbalanced_quotation_marks(text):
    check_result(extract_unguarded(text))
    check_result(extract_unguarded(text, html=True))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=MARKS + " ab\n.,", max_size=400))
def test_it_never_raises_on_quotation_marks_alone(text):
    check_result(extract_unguarded(text))


def test_it_accepts_empty_and_blank_input():
    for text in ("", " ", "\n\n\n", "“", '"', "<html></html>"):
        result = extract_article(text)
        assert result.quotes == ()


def test_it_treats_a_non_string_as_empty_text():
    assert extract_article(None).quotes == ()  # type: ignore[arg-type]


def test_a_megabyte_of_unbalanced_quotes_is_handled_in_linear_time():
    unit = "“Kalimat tanpa penutup, kata Budi dan “lagi ‘dan’ lagi» ujar dia. Menurut dia, "
    text = unit * (1_000_000 // len(unit))
    started = time.perf_counter()
    check_result(extract_unguarded(text))
    assert time.perf_counter() - started < 60


def test_a_megabyte_article_of_real_quotes_is_handled():
    paragraph = (
        "Sekretaris Dewan Keamanan Rusia Nikolai Patrushev mengatakan kepada wartawan bahwa "
        "kerja sama akan diperdalam.\n\n“Kami ingin kerja sama yang lebih erat,” kata Patrushev. "
        "“Itu penting bagi kedua negara.”\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    started = time.perf_counter()
    result = extract_unguarded(text)
    assert time.perf_counter() - started < 60
    check_result(result)
    assert len(result.quotes) > 1000


def test_a_megabyte_without_spaces_or_newlines_is_handled():
    check_result(extract_unguarded("A" * 1_000_000))
    check_result(extract_unguarded("." * 1_000_000))
    check_result(extract_unguarded("“" * 500_000 + "”" * 500_000))
