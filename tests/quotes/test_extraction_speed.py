"""Work the extractor avoids: patterns tried only where a match can be, and each name parsed
once per walk. Counted in calls, never timed; the results must not change."""

import re

import pytest

import quotes.extraction.names as names
from quotes.extraction import extract_article
from quotes.extraction.document import finditer_near
from quotes.extraction.subjects import (
    _ACRONYM,
    _ACRONYM_ANCHOR,
    _ACRONYM_WORDS,
    _APPOSITIVE_ANCHOR,
    _APPOSITIVE_ORG,
    _APPOSITIVE_WORDS,
)

ORGANISATION_TEXT = (
    "The Harbour Ferry Operators Association (HFOA) met the Tidewater Bank. Paybridge, the "
    "payments app popular with traders, said nothing. (Aside) Solent Marine Works, a boat maker, "
    "declined. Regional Water and Drainage Board (RWDB), a Ferry Union (FU) and Nordholm Quay "
    "Freight Line Company, the shipping company based in Kell, answered. Lone, the (Odd) firm,"
)


def spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize(
    ("pattern", "anchor", "words"),
    [(_ACRONYM, _ACRONYM_ANCHOR, _ACRONYM_WORDS), (_APPOSITIVE_ORG, _APPOSITIVE_ANCHOR, _APPOSITIVE_WORDS)],
)
def test_organisations_found_near_their_anchor_are_those_a_full_scan_finds(pattern, anchor, words):
    for start, end in [(0, len(ORGANISATION_TEXT)), (10, 200), (40, len(ORGANISATION_TEXT) - 7)]:
        near = spans(finditer_near(pattern, ORGANISATION_TEXT, anchor, words, start, end))
        assert near == spans(pattern.finditer(ORGANISATION_TEXT, start, end))
    assert near  # the text holds matches for both patterns


def test_a_name_ending_with_a_surname_is_found_as_a_full_scan_finds_it():
    text = (
        "Warren spoke. Sen. Elizabeth Warren said so, and Warren said more. Later Judge Ann "
        "Marie Warren-Hale and Ms Warren Street met Warren. Warren"
    )
    pattern = re.compile(r"(?<![\w.])(?:[A-Z][\w'’.-]*\s+){1,3}Warren(?![\w-])")
    near = spans(finditer_near(pattern, text, re.compile("Warren"), 3))
    assert near == spans(pattern.finditer(text))
    assert [text[slice(*span)] for span, _ in near] == [
        "Sen. Elizabeth Warren",
        "Ms Warren",
        "Warren. Warren",
    ]


class CountingPattern:
    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.calls = 0

    def match(self, *args):
        self.calls += 1
        return self.pattern.match(*args)


def test_the_pattern_is_tried_only_within_a_few_words_of_its_anchor():
    filler = "and the ferry ran on time every day of the week " * 200
    text = f"{filler}Paybridge, the payments app popular with traders, said. {filler}"
    counting = CountingPattern(_APPOSITIVE_ORG)
    found = list(finditer_near(counting, text, _APPOSITIVE_ANCHOR, _APPOSITIVE_WORDS))
    assert [m.group("org") for m in found] == ["Paybridge"]
    assert counting.calls <= len("time every day of the week Paybridge")  # not len(text)


def test_each_capitalised_run_is_parsed_once_per_walk(monkeypatch):
    text = (
        "Harbour plan divides the town\n\nBy Sam Reed\n\n"
        "PORTVILLE -- Councillor Alma Okoro, who chairs the harbour committee, said the plan "
        "would cost 3 million. “We cannot wait another year,” Okoro said. Okoro added that "
        "the vote was close.\n\n"
        "According to Bruno Varga, the ferry operator, the timetable will change. “It is a good "
        "day for the town,” said Varga, who runs the Portville Ferry Company."
    )
    parsed: list[tuple] = []
    original = names._parse_run

    def counting(text, run, **kwargs):
        parsed.append(tuple(run))
        return original(text, run, **kwargs)

    monkeypatch.setattr(names, "_parse_run", counting)
    first = extract_article(text)
    assert parsed and len(parsed) == len(set(parsed))
    # A second reading of the same text starts afresh and gives the same result.
    parsed.clear()
    assert extract_article(text) == first
    assert parsed and len(parsed) == len(set(parsed))
