"""The quote list for reviewers: readable columns, the review queue, verdict buttons, confirmed bulk verdicts."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from quotes import services
from quotes.models import Quote
from sources import services as source_services

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:quotes_quote_changelist")
LONG = (
    "Di tengah kampanye yang dilancarkan oleh kolektif Barat yang bertujuan untuk membendung Rusia dan Cina"
)


@pytest.fixture
def cast(editor):
    outlet = source_services.outlet_create(name="Republika", timezone="Asia/Jakarta")
    article = source_services.source_create(
        title="Rusia dan Cina Perkuat Kerja Sama",
        outlet=outlet,
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
        user=editor,
    )
    speaker = services.speaker_create(name="Nikolai Patrushev", user=editor)

    def quote(text, machine=False, **fields):
        return services.quote_create(
            user=editor,
            speaker=speaker,
            text=text,
            language="id",
            machine_extracted=machine,
            citations=[{"source": article}],
            **fields,
        )

    return quote


def test_the_list_shows_short_text_with_the_whole_on_demand_and_the_source(client, editor, cast):
    cast(LONG)
    client.force_login(editor)

    page = client.get(CHANGELIST_URL).content.decode()

    assert f'<summary title="{LONG}">' in page
    assert "Rusia dan Cina Perkuat Kerja Sama (Republika)" in page
    assert "column-machine_column" in page


def test_the_review_queue_lists_unverified_quotes_machine_extracted_first_then_oldest(client, reviewer, cast):
    old_by_hand = cast("Satu")
    machine = cast("Dua", machine=True)
    newer_by_hand = cast("Tiga")
    verified = cast("Empat")
    services.quote_set_status(quote=verified, status="verified", user=reviewer)
    client.force_login(reviewer)

    listing = client.get(CHANGELIST_URL)
    queue = client.get(CHANGELIST_URL, {"review": "1"})

    assert 'href="?review=1">To review</a>' in listing.content.decode()
    shown = list(queue.context["cl"].result_list)
    assert shown == [machine, old_by_hand, newer_by_hand]


def test_a_reviewer_rules_with_the_verdict_buttons_and_a_note_when_needed(client, reviewer, cast):
    quote = cast("Satu")
    client.force_login(reviewer)
    verdict_url = reverse("admin:quotes_quote_verdict", args=[quote.pk])
    page = client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    assert 'name="status" value="disputed"' in page

    refused = client.post(verdict_url, {"status": "disputed", "loaded_version": quote.version}, follow=True)
    quote.refresh_from_db()
    assert quote.status == "unverified"
    assert "a verdict note is required" in refused.content.decode()

    client.post(verdict_url, {"status": "disputed", "status_note": "Not in the video.", "loaded_version": 1})
    quote.refresh_from_db()
    assert (quote.status, quote.status_note, quote.reviewed_by) == ("disputed", "Not in the video.", reviewer)


def test_editors_get_no_verdict_buttons(client, editor, cast):
    quote = cast("Satu")
    client.force_login(editor)

    page = client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    response = client.post(reverse("admin:quotes_quote_verdict", args=[quote.pk]), {"status": "verified"})

    assert 'class="verdict-buttons"' not in page
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.status == "unverified"


def test_a_bulk_verdict_is_confirmed_first_with_what_will_change(client, reviewer, cast):
    first, second = cast("Satu"), cast("Dua")
    client.force_login(reviewer)
    chosen = {"action": "mark_disputed", "_selected_action": [first.pk, second.pk]}

    confirm = client.post(CHANGELIST_URL, chosen)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "2 quotes will be marked disputed" in page and "Satu" in page and "Dua" in page
    assert set(Quote.objects.values_list("status", flat=True)) == {"unverified"}

    without_note = client.post(CHANGELIST_URL, {**chosen, "confirm": "yes"})
    assert "needs a note" in without_note.content.decode()
    assert set(Quote.objects.values_list("status", flat=True)) == {"unverified"}

    client.post(CHANGELIST_URL, {**chosen, "confirm": "yes", "status_note": "Misquoted in translation."})
    assert set(Quote.objects.values_list("status", "status_note")) == {
        ("disputed", "Misquoted in translation.")
    }
