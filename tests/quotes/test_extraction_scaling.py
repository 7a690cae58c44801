"""The extractor's work grows linearly with the article, and over-long input is refused."""

import sys

import pytest

from quotes.extraction import MAX_ARTICLE_CHARS, ArticleTooLong, extract_article
from quotes.extraction.extractor import extract_unguarded

GIVEN = ["Alma", "Bruno", "Cecile", "Dario", "Elin", "Farid", "Greta", "Hamid", "Ines", "Jonas"]
FAMILY = ["Okoro", "Lindqvist", "Moreau", "Santos", "Tanaka", "Varga", "Weller", "Yilmaz"]


def synthetic_article(paragraphs: int) -> str:
    """An English article of ``paragraphs`` paragraphs, each with a new named speaker, a direct
    quote, reported speech and a pronoun, so every part of the walk is exercised."""
    parts = ["Harbour plan divides the town", "By Sam Reed", "PORTVILLE -- The council met on Tuesday."]
    for n in range(paragraphs):
        name = f"{GIVEN[n % len(GIVEN)]} {FAMILY[(n // len(GIVEN)) % len(FAMILY)]}{n}"
        surname = name.split()[1]
        parts.append(
            f"Councillor {name}, a member of the harbour committee, said the plan would cost "
            f"{n + 3} million. “We cannot afford to wait another year for this,” {surname} said. "
            f"She added that the vote was close."
        )
    return "\n\n".join(parts)


def count_calls(text: str) -> int:
    calls = 0

    def profiler(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profiler)
    try:
        extract_unguarded(text)
    finally:
        sys.setprofile(None)
    return calls


def test_doubling_an_article_roughly_doubles_the_work():
    # Function calls (Python and C, regular-expression calls included) stand in for time. With
    # c(n) = a·n + b the step from 100 to 200 paragraphs costs twice the step from 50 to 100; a
    # step that rescanned the article for every sentence or name would make it four times.
    count_calls(synthetic_article(10))  # warm-up: compiled patterns, caches
    c50, c100, c200 = (count_calls(synthetic_article(n)) for n in (50, 100, 200))
    assert (c200 - c100) / (c100 - c50) < 2.5


def test_the_synthetic_article_is_read_as_intended():
    quotes = extract_article(synthetic_article(3)).quotes
    direct = [q for q in quotes if q.type == "direct"]
    assert [q.speaker for q in direct] == ["Alma Okoro0", "Bruno Okoro1", "Cecile Okoro2"]


def test_text_over_the_cap_is_refused_with_a_message_naming_the_limit():
    text = "a" * (MAX_ARTICLE_CHARS + 1)
    with pytest.raises(ArticleTooLong, match=f"at most {MAX_ARTICLE_CHARS:,}"):
        extract_article(text)
    with pytest.raises(ValueError):
        extract_unguarded(text)


def test_text_at_the_cap_is_read():
    assert extract_article("a" * MAX_ARTICLE_CHARS).quotes == ()
