"""The bulk import of spreadsheet rows (``services.quotes_import_rows``): one bad row blocks nothing
unless all or nothing is asked for, every row that is not imported says why in words, and the
work done does not grow query by query with the number of rows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.history import recording
from core.models import ContentVersion
from quotes.models import NO_DATETIME, Citation, Quote, Speaker, Tag
from quotes.services import ImportAction, quotes_import_rows
from sources.models import Outlet, Source

pytestmark = pytest.mark.django_db

URL = "https://example.org/kerja-sama"


def row(text, speaker="Patrushev", **cells):
    return {
        "speaker": speaker,
        "text": text,
        "date": "2023-09-19",
        "language": "id",
        "source_url": URL,
        "source_title": "Kerja sama diperkuat",
        "outlet": "republika",
        "published_at": "2023-09-20T14:35+07:00",
        "locator": "paragraph 2",
        **cells,
    }


def run(rows, user, **options):
    with recording(via="spreadsheet import", user=user):
        return quotes_import_rows(rows=rows, user=user, **options)


def reasons(report):
    return {item.number: item.reason for item in report.rows if item.action != ImportAction.NEW}


def test_valid_rows_are_imported_and_a_bad_row_is_refused_with_its_reason_in_words(demo, editor):
    rows = [row("Kata pertama"), row("Kata kedua", date="2023-02-30"), row("Kata ketiga")]

    report = run(rows, editor)

    assert report.written
    assert [item.action for item in report.rows] == ["new", "refuse", "new"]
    assert reasons(report) == {2: "date: “2023-02-30” is not a valid calendar date."}
    assert str(report.refused[0]) == "Row 2: date: “2023-02-30” is not a valid calendar date."
    assert set(Quote.objects.filter(source_url_text()).values_list("text", flat=True)) == {
        "Kata pertama",
        "Kata ketiga",
    }


def source_url_text():
    from django.db.models import Q

    return Q(citations__source__url=URL)


def test_all_or_nothing_writes_nothing_when_one_row_is_refused(demo, editor):
    before = (Quote.objects.count(), Source.objects.count(), Speaker.objects.count())
    rows = [row("Kata pertama", speaker="Someone New"), row("", speaker="Patrushev")]

    report = run(rows, editor, all_or_nothing=True)

    assert report.blocked and not report.written
    assert reasons(report) == {2: "text: The quote text is empty; enter the words as published."}
    assert (Quote.objects.count(), Source.objects.count(), Speaker.objects.count()) == before


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(demo, editor):
    before = (Quote.objects.count(), Source.objects.count(), Speaker.objects.count(), Outlet.objects.count())
    version = ContentVersion.objects.values_list("version", flat=True).first()

    report = run([row("Kata pertama", speaker="Someone New", outlet="New Outlet")], editor, dry_run=True)

    assert [item.action for item in report.rows] == ["new"]
    assert (report.new_speakers, report.new_sources, report.new_outlets) == (
        ["Someone New"],
        ["Kerja sama diperkuat"],
        ["New Outlet"],
    )
    assert not report.written
    after = (Quote.objects.count(), Source.objects.count(), Speaker.objects.count(), Outlet.objects.count())
    assert after == before
    assert ContentVersion.objects.values_list("version", flat=True).first() == version


def test_imported_quotes_carry_what_the_single_quote_path_gives_them(demo, editor):
    report = run(
        [row("Kata pertama", tags="diplomasi, Rusia"), row("Kata kedua", speaker="Someone New")], editor
    )

    first = Quote.objects.get(text="Kata pertama")
    assert (first.speaker.slug, first.created_by, first.status, first.version) == (
        "nikolai-patrushev",
        editor,
        "unverified",
        1,
    )
    assert (str(first.said), first.sort_date.isoformat()) == ("2023-09-19", "2023-09-19")
    source = Source.objects.get(url=URL)
    assert first.first_published_at == source.published_at
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    assert (source.outlet.slug, source.timezone, source.created_by) == ("republika", "Asia/Jakarta", editor)
    assert first.citations.get().locator == "paragraph 2"
    assert sorted(first.tags.values_list("name", flat=True)) == ["Rusia", "diplomasi"]
    record = first.history.get()
    assert (record.history_type, record.history_user, record.history_via) == (
        "+",
        editor,
        "spreadsheet import",
    )
    assert sorted(tag.tag.name for tag in record.tags.all()) == ["Rusia", "diplomasi"]
    assert first.citations.get().history.get().history_via == "spreadsheet import"
    new_speaker = Speaker.objects.get(name="Someone New")
    assert (new_speaker.slug, new_speaker.history.get().history_user) == ("someone-new", editor)
    assert (report.new_speakers == ["Someone New"] and report.new_tags == ["diplomasi"]) or report.new_tags


def test_a_new_quote_is_first_published_when_the_earliest_of_its_sources_was(demo, editor):
    earlier = {"source_url": "https://example.org/earlier", "source_title": "Earlier"}
    undated = {"source_url": "https://example.org/undated", "source_title": "Undated"}
    rows = [
        row("Kata pertama"),
        row("Kata pertama", **earlier, published_at="2023-09-19T18:00+07:00"),
        row("Kata kedua", **undated, published_at=""),
    ]

    report = run(rows, editor)

    assert [item.action for item in report.rows] == ["new", "cite", "new"], reasons(report)
    first = Quote.objects.get(text="Kata pertama")
    assert first.first_published_at == Source.objects.get(url=earlier["source_url"]).published_at
    assert first.history.get().first_published_at == first.first_published_at
    assert Quote.objects.get(text="Kata kedua").first_published_at == NO_DATETIME


def test_the_content_version_changes_once_for_the_whole_import(demo, editor):
    before = ContentVersion.objects.get(pk=1).version

    run([row(f"Kata nomor {n}") for n in range(5)], editor)

    assert ContentVersion.objects.get(pk=1).version == before + 1


def test_a_quote_already_recorded_with_this_source_is_skipped_with_its_number(demo, editor):
    run([row("Kata pertama")], editor)
    recorded = Quote.objects.get(text="Kata pertama")

    report = run([row("KATA   pertama!"), row("Kata kedua")], editor)

    assert [item.action for item in report.rows] == ["skip", "new"]
    assert reasons(report)[1] == (
        f"this quote is already recorded for Nikolai Patrushev (quote #{recorded.pk}), with this source; "
        "nothing new."
    )
    assert Quote.objects.filter(fingerprint=recorded.fingerprint).count() == 1


def test_a_quote_already_recorded_gains_the_citation_of_a_new_source_and_a_new_version(demo, editor):
    run([row("Kata pertama")], editor)
    recorded = Quote.objects.get(text="Kata pertama")

    report = run([row("Kata pertama", source_url="https://example.org/other", source_title="Other")], editor)

    assert [item.action for item in report.rows] == ["cite"]
    recorded.refresh_from_db()
    assert sorted(recorded.citations.values_list("source__url", flat=True)) == [
        URL,
        "https://example.org/other",
    ]
    assert recorded.version == 2
    assert recorded.history.latest().history_change_reason == "Citation added by a spreadsheet import."


def test_a_new_citation_withdraws_the_verdict_given_by_a_reviewer_when_an_editor_imports_it(
    demo, editor, reviewer
):
    run([row("Kata pertama")], editor)
    quote = Quote.objects.get(text="Kata pertama")
    from quotes.services import quote_set_status

    quote_set_status(quote=quote, status="verified", user=reviewer)

    run([row("Kata pertama", source_url="https://example.org/other", source_title="Other")], editor)

    quote.refresh_from_db()
    assert quote.status == "unverified"
    assert "withdrawn" in quote.history.latest().history_change_reason


def test_repeated_rows_in_one_file_are_reported_and_not_recorded_twice(demo, editor):
    rows = [
        row("Kata pertama"),
        row("kata pertama"),
        row("Kata pertama", source_url="https://example.org/other", source_title="Other"),
    ]

    report = run(rows, editor)

    assert [item.action for item in report.rows] == ["new", "skip", "cite"]
    assert reasons(report)[2] == "the same words by Patrushev from the same source are in row 1."
    quote = Quote.objects.get(text="Kata pertama")
    assert quote.citations.count() == 2
    assert report.rows[2].quote_id == quote.pk


def test_importing_the_same_rows_twice_creates_nothing_new(demo, editor):
    rows = [row("Kata pertama"), row("Kata kedua", speaker="Someone New", outlet="New Outlet")]
    run(rows, editor)
    counts = (
        Quote.objects.count(),
        Citation.objects.count(),
        Source.objects.count(),
        Speaker.objects.count(),
    )

    report = run(rows, editor)

    assert [item.action for item in report.rows] == ["skip", "skip"]
    after = (Quote.objects.count(), Citation.objects.count(), Source.objects.count(), Speaker.objects.count())
    assert after == counts


@pytest.mark.parametrize(
    "cells, reason",
    [
        ({"speaker": ""}, "speaker: name the speaker."),
        ({"date": "19/9/2023"}, "date: “19/9/2023” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD."),
        ({"type": "rumour"}, "type: “rumour” is not a type; use direct, indirect, paraphrase."),
        (
            {"published_at": "2023-09-20T14:35"},
            "published_at: give the time zone offset, e.g. 2023-09-20T14:35+07:00.",
        ),
        (
            {"published_at": "2023-09-20T14:35+25:00"},
            "published_at: use ISO 8601 with the offset, e.g. 2023-09-20T14:35+07:00.",
        ),
        (
            {"source_url": "http://a:99999/"},
            "source_url: “http://a:99999/” is not a valid URL (Port out of range 0-65535).",
        ),
        (
            {"source_url": "", "source_title": ""},
            "source: give the source's URL or title; every quote needs its source.",
        ),
        (
            {"source_url": "https://example.org/unknown", "source_title": ""},
            "source_title: no source with the URL https://example.org/unknown is recorded; give its title to add it.",
        ),
        (
            {"language": "Indonesian"},
            "language: Enter a language code such as “id”, “en”, “zh-Hans” or “pt-BR” (ISO 639-1 / BCP 47).",
        ),
        (
            {"date": "2023-09-21"},
            "Said on 2023-09-21, but “Kerja sama diperkuat” was published on 2023-09-20: a source cannot report words before they are said.",
        ),
        ({"tags": ",".join(f"t{n}" for n in range(51))}, "tags: At most 50 tags per quote; 51 given."),
        (
            {"speaker": "???"},
            "speaker: “???” gives no letters or digits for the page address; type a slug (letters, digits and hyphens).",
        ),
    ],
)
def test_each_refused_row_says_why_in_words(demo, editor, cells, reason):
    report = run([row("Kata pertama", **cells)], editor)

    assert reasons(report) == {1: reason}
    assert not Quote.objects.filter(text="Kata pertama").exists()


def test_a_reader_without_the_add_tag_permission_cannot_bring_new_tags(demo, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.remove(Permission.objects.get(codename="add_tag"))
    editor.groups.clear()
    editor = type(editor).objects.get(pk=editor.pk)

    report = run([row("Kata pertama", tags="brand new tag")], editor)

    assert reasons(report) == {1: "tags: Unknown tag “brand new tag”; only editors can add new tags."}
    assert not Tag.objects.filter(name="brand new tag").exists()


def test_more_rows_than_the_limit_are_refused_naming_the_limit(editor, settings):
    settings.QUOTE_IMPORT_MAX_ROWS = 3

    with pytest.raises(ValidationError, match="at most 3 can be imported at once"):
        quotes_import_rows(rows=[row(f"Kata {n}") for n in range(4)], user=editor)


def _queries_for(n, editor, offset):
    """(all queries, INSERT statements) of importing n rows: 7 speakers, 13 sources, one tag."""
    rows = [
        row(
            f"Kata nomor {offset + i}",
            speaker=f"Speaker {offset + i % 7}",
            source_url=f"https://example.org/{offset}/{i % 13}",
            source_title=f"Berita {i % 13}",
            tags="diplomasi",
        )
        for i in range(n)
    ]
    with CaptureQueriesContext(connection) as queries:
        report = run(rows, editor)
    assert len(report.new_quotes) == n
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    return len(queries), len(inserts)


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows(demo, editor):
    run([row("warm up", tags="diplomasi")], editor)

    fifty, fifty_inserts = _queries_for(50, editor, offset=1000)
    five_hundred, five_hundred_inserts = _queries_for(500, editor, offset=2000)

    # Rows go in statements of thousands (SQLite's own parameter limit, not Django's 999) or,
    # on PostgreSQL, in one COPY per table: 500 rows take the statements 50 take.
    assert (five_hundred, five_hundred_inserts) == (fifty, fifty_inserts)
