"""An import draft keeps only what the article says (``article_draft_from_extraction``)."""

import pytest

from quotes.extraction import extract_article
from quotes.importing import article_draft_from_extraction

pytestmark = pytest.mark.django_db

ARTICLE = """Harbour board delays dredging vote

Edited by Tom Reeve

12 March 2024

PORTSMOUTH -- The chairman of the Solent Harbour Board, Ian Marsh, said the dredging vote would be delayed until the summer.

"We cannot ask members to vote on a plan nobody has costed," Marsh said.

Local fisherman Dave Collins said on Monday that the delay would cost his crew another season.
"""


@pytest.fixture
def draft():
    result = extract_article(ARTICLE, url="https://www.solentecho.co.uk/news/1")
    return article_draft_from_extraction(result, url="https://www.solentecho.co.uk/news/1")


def test_the_dateline_never_enters_a_role(draft):
    roles = {quote.speaker_name: quote.speaker_role for quote in draft.quotes}
    assert roles["Ian Marsh"] == "chairman of the Solent Harbour Board"
    assert all("PORTSMOUTH" not in role and "--" not in role for role in roles.values())


def test_the_outlet_name_is_not_guessed_from_the_domain(draft):
    assert (draft.outlet_name, draft.outlet_domain) == ("", "solentecho.co.uk")


def test_edited_by_names_the_editor(draft):
    assert draft.editors == ["Tom Reeve"]


def test_only_a_date_written_for_the_words_is_exact(draft):
    dated = [quote for quote in draft.quotes if quote.said_on is not None]
    assert all(quote.said_on_approximate is False for quote in dated if "Monday" in quote.excerpt)
    undated = [quote for quote in draft.quotes if quote.speaker_name == "Ian Marsh"]
    assert all(quote.said_on is None or quote.said_on_approximate for quote in undated)


def test_paragraphs_are_body_paragraphs_counted_from_the_dateline(draft):
    assert [quote.paragraph for quote in draft.quotes] == [1, 2, 3]


def test_each_draft_quote_carries_the_extractors_confidence(draft):
    assert all(0 < quote.confidence <= 1 for quote in draft.quotes)
