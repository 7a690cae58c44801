"""The extractor's measured quality on the annotated development set stays above its floors.

The floors are a little below the figures reached when they were set (see the dev set README),
so a regression fails the build while small annotation changes do not.
"""

import io
import json

import pytest

from quotes.extraction.evaluation import (
    DEFAULT_DEVSET,
    evaluate_article,
    evaluate_devset,
    load_devset,
)

HELDOUT = DEFAULT_DEVSET / "heldout"


@pytest.fixture(scope="module")
def report():
    return evaluate_devset()


def test_the_dev_set_has_at_least_twelve_articles_per_language():
    languages = [article["language"] for article in load_devset()]
    assert languages.count("id") >= 12
    assert languages.count("en") >= 12


def test_every_gold_quote_is_an_exact_substring_of_its_article():
    for article in load_devset() + load_devset(directory=HELDOUT):
        if article.get("html"):
            continue
        for gold in article["gold"]:
            assert article["text"].count(gold["text"]) == 1, (article["id"], gold["text"])


@pytest.mark.parametrize("language", ["id", "en"])
def test_direct_quotes_are_found_with_f1_of_at_least_095_per_language(report, language):
    assert report.by_language[language].direct.f1 >= 0.95


@pytest.mark.parametrize("language", ["id", "en"])
def test_speakers_are_right_for_at_least_95_percent_of_matched_quotes(report, language):
    assert report.by_language[language].speaker.value >= 0.95


def test_indirect_statements_are_found_with_f1_of_at_least_090(report):
    assert report.overall.indirect.f1 >= 0.90


def test_said_on_is_right_for_at_least_90_percent_of_dated_gold_quotes(report):
    assert report.overall.said_on.value >= 0.90


def test_source_metadata_is_right_for_at_least_95_percent_of_fields(report):
    assert report.overall.metadata.value >= 0.95


def test_the_held_out_articles_stay_above_their_floors():
    heldout = evaluate_devset(directory=HELDOUT)
    assert heldout.overall.direct.f1 >= 0.90
    assert heldout.overall.quotes.f1 >= 0.90
    assert heldout.overall.speaker.value >= 0.90


def test_a_wrong_speaker_and_a_missed_quote_are_counted_as_errors():
    article = {
        "id": "probe",
        "language": "en",
        "text": 'Councillor Peter Hale spoke.\n\n"If people use it, we will keep it," said Peter Hale.',
        "gold": [
            {
                "text": "If people use it, we will keep it",
                "speaker": "Sandra Okoye",
                "type": "direct",
            },
            {"text": "Councillor Peter Hale spoke", "speaker": "Peter Hale", "type": "indirect"},
        ],
    }
    figures = evaluate_article(article=article).figures
    assert (figures.direct.tp, figures.indirect.fn) == (1, 1)
    assert (figures.speaker.correct, figures.speaker.total) == (0, 1)


def test_the_management_command_prints_the_figures_as_json():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("evaluate_extraction", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert set(figures["by_language"]) == {"en", "id"}
    assert figures["overall"]["direct"]["f1"] >= 0.95


# --- real news (../shared/extraction-realnews; skipped loudly in a lone clone) ----------------

REALNEWS_FLOORS = {
    # language: (direct F1, strict speaker accuracy on direct quotes, indirect F1 or None)
    # Set a little below the figures reached (en 0.954 / 0.930 / 0.717, id 0.993 / 0.921).
    "en": (0.93, 0.90, 0.70),
    "id": (0.98, 0.90, None),
}


@pytest.mark.parametrize("language", sorted(REALNEWS_FLOORS))
def test_real_news_stays_above_its_floors(language):
    from tests.shared_data import shared_path

    report = evaluate_devset(directory=shared_path("extraction-realnews", language))
    group = report.by_language[language]
    direct_f1, speaker, indirect_f1 = REALNEWS_FLOORS[language]
    assert group.direct.f1 >= direct_f1
    assert group.strict_speaker.value >= speaker
    if indirect_f1 is not None:
        assert group.indirect.f1 >= indirect_f1


def test_real_news_format_ignores_optional_items_and_unannotated_indirect_speech():
    article = {
        "id": "probe",
        "language": "en",
        "indirect_annotated": False,
        "text": 'Mayor Ana Ruiz spoke.\n\n"We will open the pool in June," said Ana Ruiz. Ruiz said it was late.',
        "gold": [
            {"text": "We will open the pool in June", "speaker": "Ana Ruiz", "speaker_resolved": True,
             "type": "direct", "optional": False},
            {"text": "it was late", "speaker": "Ana Ruiz", "speaker_resolved": True, "type": "indirect",
             "optional": True},
        ],
    }  # fmt: skip
    figures = evaluate_article(article=article).figures
    assert (figures.direct.tp, figures.direct.fp, figures.direct.fn) == (1, 0, 0)
    assert (figures.indirect.tp, figures.indirect.fp, figures.indirect.fn) == (0, 0, 0)
    assert figures.strict_speaker.value == 1.0
