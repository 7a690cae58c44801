"""The rules of the quote services, each stated once and called directly.

Every other path (admin, API, importers, commands) calls these functions; their own
tests check the wiring, these check the rules.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.history import recording
from core.versioning import EditConflict
from quotes import services
from quotes.dates import parse_partial_date
from quotes.models import Quote, Speaker, Tag
from sources.services import source_create

WORDS = "Kerja sama kedua negara akan terus diperdalam"


@pytest.fixture
def article(db):
    return source_create(
        title="Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat",
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
    )


@pytest.fixture
def wang(editor):
    return services.speaker_create(user=editor, name="Wang Yi")


def record(user, speaker, source=None, **fields):
    fields = {"text": WORDS, "language": "id", "said_on": parse_partial_date("2023-09-18"), **fields}
    citations = [{"source": source, "locator": "paragraph 12"}] if source else []
    return services.quote_create(user=user, speaker=speaker, citations=citations, **fields)


@pytest.fixture
def verified(reviewer, wang, article):
    quote = record(reviewer, wang, article)
    return services.quote_set_status(quote=quote, status="verified", user=reviewer)


# Recording ---------------------------------------------------------------------------------------------------


def test_a_quote_is_recorded_with_its_citations_tags_and_a_first_history_entry(editor, wang, article):
    with recording(via="api", user=editor):
        quote = record(editor, wang, article, tags=["Diplomacy"])

    assert quote.citations.get().source == article
    assert [tag.name for tag in quote.tags.all()] == ["Diplomacy"]
    first = quote.history.earliest("history_id")
    assert (first.history_type, first.history_user, first.history_via, first.version) == (
        "+",
        editor,
        "api",
        1,
    )


def test_the_same_words_twice_for_one_speaker_name_the_recorded_quote(editor, wang):
    first = record(editor, wang)

    with pytest.raises(services.DuplicateQuote) as refused:
        record(editor, wang, text=WORDS.upper() + "!")

    assert refused.value.existing == first
    assert f"quote #{first.pk}" in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    "disguise",
    [
        WORDS.replace(" ", " \u200b", 1),  # a zero-width space
        WORDS.replace("o", "\u043e"),  # Cyrillic о for Latin o
        WORDS.replace("a", "\uff41"),  # fullwidth a
    ],
)
def test_invisible_and_look_alike_characters_do_not_hide_a_duplicate(editor, wang, disguise):
    record(editor, wang)

    with pytest.raises(services.DuplicateQuote):
        record(editor, wang, text=disguise)


def test_text_made_only_of_invisible_characters_is_refused(editor, wang):
    with pytest.raises(ValidationError) as refused:
        record(editor, wang, text="\u200b\u200d\ufeff")

    assert "text" in refused.value.message_dict
    assert not Quote.objects.exists()


# Verdicts ----------------------------------------------------------------------------------------------------


def test_only_reviewers_set_a_verdict(editor, wang, article):
    quote = record(editor, wang, article)

    with pytest.raises(PermissionDenied):
        services.quote_set_status(quote=quote, status="verified", user=editor)


def test_a_verdict_needs_a_citation(reviewer, wang):
    quote = record(reviewer, wang)

    with pytest.raises(ValidationError, match="without a citation can only be unverified"):
        services.quote_set_status(quote=quote, status="verified", user=reviewer)


@pytest.mark.parametrize("status", ["disputed", "misattributed"])
def test_a_disputed_or_misattributed_verdict_needs_a_note(reviewer, wang, article, status):
    quote = record(reviewer, wang, article)

    with pytest.raises(ValidationError) as refused:
        services.quote_set_status(quote=quote, status=status, user=reviewer)
    services.quote_set_status(quote=quote, status=status, user=reviewer, note="Said by Lavrov.")

    assert "status_note" in refused.value.message_dict
    quote.refresh_from_db()
    assert (quote.status, quote.status_note) == (status, "Said by Lavrov.")


def test_a_verdict_records_who_ruled_and_when(verified, reviewer):
    assert verified.reviewed_by == reviewer
    assert verified.reviewed_at is not None
    assert verified.history.latest("history_id").history_change_reason == "Verdict: verified."


@pytest.mark.parametrize(
    ("change", "what"),
    [
        ({"text": "Kerja sama kedua negara tidak akan diperdalam"}, "words"),
        ({"said_on": parse_partial_date("2023-09-17")}, "date"),
    ],
)
def test_an_editor_changing_what_was_ruled_on_withdraws_the_verdict(verified, editor, change, what):
    services.quote_update(quote=verified, user=editor, **change)

    verified.refresh_from_db()
    assert (verified.status, verified.reviewed_by) == ("unverified", None)
    reason = verified.history.latest("history_id").history_change_reason
    assert reason == f"Verdict “verified” withdrawn: the {what} changed after review."


def test_an_editor_moving_a_ruled_quote_to_another_speaker_withdraws_the_verdict(verified, editor):
    other = services.speaker_create(user=editor, name="Sergey Lavrov")

    services.quote_update(quote=verified, user=editor, speaker=other)

    verified.refresh_from_db()
    assert verified.status == "unverified"
    assert "speaker changed after review" in verified.history.latest("history_id").history_change_reason


def test_an_editor_adding_a_citation_to_a_ruled_quote_withdraws_the_verdict(verified, editor):
    second = source_create(title="Another report", published_at=datetime(2023, 9, 21, tzinfo=ZoneInfo("UTC")))

    services.citation_create(quote=verified, source=second, user=editor)

    verified.refresh_from_db()
    assert verified.status == "unverified"


def test_an_editor_changing_only_the_context_keeps_the_verdict(verified, editor):
    services.quote_update(quote=verified, user=editor, context="Talks in Moscow.")

    verified.refresh_from_db()
    assert (verified.status, verified.context) == ("verified", "Talks in Moscow.")


def test_a_reviewer_changing_the_words_keeps_their_verdict(verified, reviewer):
    services.quote_update(quote=verified, user=reviewer, text=WORDS + " lagi")

    verified.refresh_from_db()
    assert verified.status == "verified"


def test_an_editor_cannot_rewrite_the_verdict_note(verified, editor):
    with pytest.raises(PermissionDenied):
        services.quote_update(quote=verified, user=editor, status_note="Looks fine to me")


# Versions, history, deletion ---------------------------------------------------------------------------------


def test_a_save_based_on_an_older_version_is_refused_with_who_and_what_changed(editor, reviewer, wang):
    quote = record(editor, wang)
    services.quote_update(quote=Quote.objects.get(pk=quote.pk), user=reviewer, place="Moscow")

    with pytest.raises(EditConflict) as conflict:
        services.quote_update(quote=quote, user=editor, loaded_version=1, place="Beijing")

    assert conflict.value.updated_by == reviewer
    assert conflict.value.current_version == 2
    assert ("place", "—", "Moscow") in conflict.value.changes
    assert Quote.objects.get(pk=quote.pk).place == "Moscow"


def test_every_save_increments_the_version(editor, wang):
    quote = record(editor, wang)

    services.quote_update(quote=quote, user=editor, place="Moscow")
    services.quote_update(quote=quote, user=editor, place="Beijing")

    assert Quote.objects.get(pk=quote.pk).version == 3


def test_a_persons_edit_clears_the_machine_extracted_flag(editor, wang):
    quote = services.quote_create(user=None, machine_extracted=True, speaker=wang, text=WORDS, language="id")

    services.quote_update(quote=quote, user=editor, place="Moscow")

    assert Quote.objects.get(pk=quote.pk).machine_extracted is False


def test_a_deleted_quote_can_be_restored_with_its_citations_by_a_reviewer(editor, reviewer, wang, article):
    quote = record(editor, wang, article, tags=["Diplomacy"])
    pk = quote.pk
    services.quote_delete(quote=quote, user=editor)

    with pytest.raises(PermissionDenied):
        services.quote_restore(quote_id=pk, user=editor)
    restored = services.quote_restore(quote_id=pk, user=reviewer)

    assert restored.pk == pk
    assert restored.citations.get().locator == "paragraph 12"
    assert [tag.name for tag in restored.tags.all()] == ["Diplomacy"]
    assert restored.history.latest("history_id").history_change_reason == "Restored after deletion."


# Speakers and tags ---------------------------------------------------------------------------------------------


def test_renaming_a_speaker_keeps_the_old_name_as_an_alias_and_records_it(editor, wang):
    services.speaker_update(speaker=wang, user=editor, name="Wang Yi (diplomat)")

    assert list(wang.aliases.values_list("name", flat=True)) == ["Wang Yi"]
    assert wang.history.latest("history_id").history_change_reason == (
        "Renamed from “Wang Yi”; the old name is kept as an alias."
    )
    assert Speaker.objects.named("wang yi").get() == wang


def test_a_name_that_gives_no_slug_is_refused_with_a_message(editor):
    with pytest.raises(ValidationError) as refused:
        services.speaker_create(user=editor, name="!!!")

    assert "slug" in refused.value.message_dict
    assert not Speaker.objects.exists()


def test_an_invisible_name_is_refused(editor):
    with pytest.raises(ValidationError) as refused:
        services.speaker_create(user=editor, name="\u200b")

    assert "name" in refused.value.message_dict


def test_a_slug_made_from_a_taken_name_is_numbered_but_a_typed_taken_slug_is_refused(editor, wang):
    second = services.speaker_create(user=editor, name="Wang Yi")

    with pytest.raises(ValidationError) as refused:
        services.speaker_create(user=editor, name="Wang Yi", slug="wang-yi")

    assert second.slug == "wang-yi-2"
    assert "slug" in refused.value.message_dict


def test_only_users_who_may_add_tags_create_them(editor, wang, django_user_model):
    reader = django_user_model.objects.create_user("reader", is_staff=True)

    with pytest.raises(ValidationError, match="only editors can add new tags"):
        services.tags_from_names(names=["Brand new"], user=reader)
    tags = services.tags_from_names(names=["Brand new"], user=editor)

    assert Tag.objects.get() == tags[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_from_the_same_version_exactly_one_wins(django_user_model):
    """Two editors press Save at the same moment: one change is kept, the other is refused, none lost."""
    import threading
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    import_module("quotes.migrations.0002_create_editor_and_reviewer_groups").create_groups(apps, None)
    erin = django_user_model.objects.create_user("erin", is_staff=True)
    dana = django_user_model.objects.create_user("dana", is_staff=True)
    speaker = services.speaker_create(user=erin, name="Wang Yi")
    quote = services.quote_create(user=erin, speaker=speaker, text=WORDS, language="id")
    barrier, outcomes = threading.Barrier(2), {}

    def save(user, place):
        try:
            barrier.wait()
            services.quote_update(
                quote=Quote.objects.get(pk=quote.pk), user=user, loaded_version=1, place=place
            )
            outcomes[user.username] = "saved"
        except EditConflict:
            outcomes[user.username] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(user, place)) for user, place in ((erin, "A"), (dana, "B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.version, stored.place) == (2, {"erin": "A", "dana": "B"}[winner])
    assert stored.history.count() == 2
