"""The admin's import review: every quote field editable, recorded speakers shown and chosen,
and only what the article says saved."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from quotes import services
from quotes.extraction import extract_article
from quotes.importing import article_draft_from_extraction, role_without_dateline
from quotes.models import Citation, Quote, Role, Speaker
from sources import services as source_services
from sources.models import Outlet, Source
from tests.admin_forms import admin_form_data, import_review_data

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:quotes_quote_import_article")
DATA = Path(__file__).parent / "data"
ENGLISH = (DATA / "solent_style_harbour_board.txt").read_text(encoding="utf-8")
INDONESIAN = (DATA / "republika_style_pasar_bogor.txt").read_text(encoding="utf-8")
ENGLISH_URL = "https://www.solentecho.co.uk/news/harbour-board-ferry-terminal"


def review_of(client, text, url=""):
    response = client.post(IMPORT_URL, {"text": text, "url": url, "_preview": "1"})
    assert response.status_code == 200
    return response


def index_of(review, words: str) -> int:
    forms = review.context["formset"].forms
    return next(i for i, form in enumerate(forms) if form.initial["text"].startswith(words))


@pytest.fixture
def okafor(editor):
    speaker = services.speaker_create(
        name="Susan Okafor", description="Harbour master, Portsmouth", user=editor
    )
    services.role_save(role=Role(speaker=speaker, title="Harbour master"), user=editor)
    return speaker


def test_the_review_says_per_quote_whether_the_speaker_is_recorded_or_new(client, editor):
    raman = services.speaker_create(name="Priya Raman", user=editor)
    client.force_login(editor)

    review = review_of(client, ENGLISH, ENGLISH_URL)

    states = {form.initial["mention"]: form.speaker_state for form in review.context["formset"]}
    assert states["Priya Raman"] == ("recorded", raman)
    assert states["Graham Pettifer"] == ("new", "Graham Pettifer")
    page = review.content.decode()
    assert reverse("admin:quotes_speaker_change", args=[raman.pk]) in page
    assert "New speaker:" in page
    assert "confidence in the speaker: 0." in page


def test_the_review_offers_an_ambiguous_speaker_as_a_choice_and_saves_the_one_picked(client, editor):
    trader = services.speaker_create(
        name="Hadi Susanto", description="Pasar Kebon Kembang traders", user=editor
    )
    namesake = services.speaker_create(name="Hadi Susanto", description="Footballer", user=editor)
    client.force_login(editor)
    review = review_of(client, INDONESIAN)
    hadi = index_of(review, "Kalau kami dipindah")
    form = review.context["formset"].forms[hadi]
    assert form.speaker_state == ("choose", [trader, namesake])
    assert "Pasar Kebon Kembang traders" in review.content.decode()

    unpicked = client.post(IMPORT_URL, import_review_data(review))
    assert unpicked.status_code == 200
    assert "Choose which recorded speaker this is" in unpicked.content.decode()
    assert not Quote.objects.exists()

    ambiguous = [i for i, f in enumerate(review.context["formset"]) if f.speaker_state[0] == "choose"]
    picks = {f"quotes-{i}-pick": str(trader.pk) for i in ambiguous}
    saved = client.post(IMPORT_URL, import_review_data(review, **picks))

    assert saved.status_code == 302
    assert Quote.objects.get(text__startswith="Kalau kami dipindah").speaker == trader
    assert Quote.objects.filter(speaker=trader).count() == len(ambiguous)
    assert Speaker.objects.filter(name="Hadi Susanto").count() == 2


def test_a_name_typed_for_several_recorded_speakers_is_refused(client, editor):
    services.speaker_create(name="Hadi Susanto", user=editor)
    services.speaker_create(name="Hadi Susanto", user=editor)
    client.force_login(editor)
    review = review_of(client, ENGLISH, ENGLISH_URL)

    response = client.post(IMPORT_URL, import_review_data(review, **{"quotes-0-speaker": "hadi susanto"}))

    assert response.status_code == 200
    assert "names several recorded speakers" in response.content.decode()
    assert not Source.objects.exists()


def test_an_editor_corrects_every_field_of_a_quote_in_the_review(client, editor, okafor):
    client.force_login(editor)
    review = review_of(client, ENGLISH, ENGLISH_URL)
    harbour = index_of(review, "the channel is already")
    raman = index_of(review, "Residents in Old Portsmouth")
    lead = index_of(review, "the board would not vote")
    fields = {
        "speaker": str(okafor.pk),
        "speaker_role": "Harbour master",
        "type": "indirect",
        "said_on": "2024-05",
        "said_on_approximate": "on",
        "place": "Portsmouth",
        "context": "statement to the Solent Harbour Board",
        "language": "en-GB",
        "original_language": "en",
        "locator": "¶ 4",
        "excerpt": "The harbour master, Sue Okafor, has said that the channel is already too shallow.",
    }
    changes = {f"quotes-{harbour}-{name}": value for name, value in fields.items()}
    changes[f"quotes-{raman}-text"] = (
        "Residents in Old Portsmouth have waited three years for straight answers"
    )
    changes[f"quotes-{lead}-include"] = None

    response = client.post(IMPORT_URL, import_review_data(review, **changes))

    assert response.status_code == 302
    quote = Quote.objects.get(speaker=okafor)
    assert (quote.role.title, quote.type, str(quote.said), quote.said_on_approximate) == (
        "Harbour master",
        "indirect",
        "2024-05",
        True,
    )
    assert (quote.place, quote.context, quote.language, quote.original_language) == (
        "Portsmouth",
        "statement to the Solent Harbour Board",
        "en-GB",
        "en",
    )
    citation = quote.citations.get()
    assert (citation.locator, citation.excerpt) == ("paragraph 4", fields["excerpt"])
    assert not Speaker.objects.filter(name="Sue Okafor").exists()
    assert Quote.objects.filter(text=changes[f"quotes-{raman}-text"]).exists()
    assert not Quote.objects.filter(text__startswith="the board would not vote").exists()


def test_a_date_finer_than_typed_is_a_field_error_not_a_500(client, editor):
    client.force_login(editor)
    review = review_of(client, ENGLISH, ENGLISH_URL)

    response = client.post(
        IMPORT_URL,
        import_review_data(review, **{"quotes-0-said_on": "2024-05", "quotes-0-said_on_precision": "day"}),
    )

    assert response.status_code == 200
    assert "Day-precision date needs YYYY-MM-DD" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_quote_left_out_needs_nothing_in_it_to_be_right(client, editor):
    client.force_login(editor)
    review = review_of(client, ENGLISH, ENGLISH_URL)
    broken = {"quotes-0-include": None, "quotes-0-text": "", "quotes-0-said_on": "13 May"}

    response = client.post(IMPORT_URL, import_review_data(review, **broken))

    assert response.status_code == 302
    assert Quote.objects.count() == len(review.context["formset"].forms) - 1


def test_an_unedited_english_import_saves_only_what_the_article_says(client, editor):
    client.force_login(editor)
    review = review_of(client, ENGLISH, ENGLISH_URL)

    response = client.post(IMPORT_URL, import_review_data(review))

    assert response.status_code == 302
    source = Source.objects.get()
    assert source.outlet is None and not Outlet.objects.exists()
    assert source.published_at == datetime(2024, 5, 14, 9, 10, tzinfo=UTC)
    assert [(c.name, c.role) for c in source.contributors.filter(role="editor")] == [
        ("Chris Tandy", "editor")
    ]
    assert not Role.objects.filter(title__icontains="portsmouth").exists()
    assert not Role.objects.filter(title__contains="--").exists()
    pettifer = Quote.objects.filter(speaker__name="Graham Pettifer")
    assert {q.role.title for q in pettifer} == {"chairman of the Solent Harbour Board"}
    stated = pettifer.get(type="indirect")
    assert (stated.said_on, stated.said_on_approximate) == (date(2024, 5, 13), False)
    inferred = pettifer.get(type="direct")
    assert inferred.said_on is None or inferred.said_on_approximate is True
    reported = Quote.objects.get(text__startswith="the channel is already")
    assert (reported.said_on, reported.said_on_approximate) == (None, False)


def test_an_unknown_outlet_is_left_for_the_editor_with_its_domain_shown(client, editor):
    client.force_login(editor)

    review = review_of(client, ENGLISH, ENGLISH_URL)

    initial = review.context["source_form"].initial
    assert (initial["outlet"], initial["outlet_name"], initial["outlet_domain"]) == (
        None,
        "",
        "solentecho.co.uk",
    )
    page = review.content.decode()
    assert 'id="outlet-unknown"' in page and "<strong>solentecho.co.uk</strong>" in page


def test_the_outlet_of_recorded_sources_on_the_same_domain_is_recognised(client, editor):
    echo = source_services.outlet_create(name="The Solent Echo", user=editor)
    source_services.source_create(
        title="An earlier story", url="https://www.solentecho.co.uk/news/earlier", outlet=echo, user=editor
    )
    client.force_login(editor)

    review = review_of(client, ENGLISH, ENGLISH_URL)

    assert review.context["source_form"].initial["outlet"] == echo
    assert 'id="outlet-unknown"' not in review.content.decode()


def test_a_recorded_outlet_is_reused_for_an_indonesian_article(client, editor):
    republika = source_services.outlet_create(
        name="Republika", domain="republika.co.id", language="id", timezone="Asia/Jakarta"
    )
    client.force_login(editor)
    review = review_of(client, INDONESIAN)

    response = client.post(IMPORT_URL, import_review_data(review))

    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.outlet, Outlet.objects.count()) == (republika, 1)
    assert source.published_local.isoformat() == "2023-09-19T16:25:00+07:00"
    assert (
        not Quote.objects.filter(said_on__isnull=False, said_on_approximate=False)
        .exclude(citations__excerpt__contains="19/9/2023")
        .exists()
    )


def test_a_dateline_typed_into_a_role_in_the_review_is_not_saved(client, editor):
    client.force_login(editor)
    review = review_of(client, ENGLISH, ENGLISH_URL)
    raman = index_of(review, "Residents in Old Portsmouth")

    client.post(
        IMPORT_URL,
        import_review_data(review, **{f"quotes-{raman}-speaker_role": "PORTSMOUTH -- Councillor"}),
    )

    assert Quote.objects.get(text__startswith="Residents").role.title == "Councillor"


@pytest.mark.parametrize(
    ("role", "dateline", "expected"),
    [
        (
            "PORTSMOUTH -- The chairman of the Solent Harbour Board",
            "",
            "chairman of the Solent Harbour Board",
        ),
        ("REPUBLIKA.CO.ID, BOGOR -- Wali Kota Bogor", "Bogor", "Wali Kota Bogor"),
        ("LEEDS, March 3 (Wire) - council leader", "", "council leader"),
        ("Portsmouth — the harbour master", "Portsmouth", "harbour master"),
        ("CEO - Marlow Quay Holdings", "", "CEO - Marlow Quay Holdings"),
        ("Secretary-General of the United Nations", "", "Secretary-General of the United Nations"),
        ("The Speaker of the House", "", "The Speaker of the House"),
    ],
)
def test_a_role_never_keeps_a_dateline(role, dateline, expected):
    assert role_without_dateline(role, dateline=dateline) == expected


def test_an_imported_and_a_hand_entered_citation_of_the_same_paragraph_get_the_same_locator(client, editor):
    """The editor counts body paragraphs from the one opening with the dateline, as LOCATOR_HELP says:
    Councillor Raman's words are in paragraph 3. The same story is also syndicated at a second URL."""
    client.force_login(editor)
    add_url = reverse("admin:quotes_quote_add")
    words = (
        "Residents in Old Portsmouth have waited three years for straight answers about lorry traffic, "
        "and they deserve them before anything is signed"
    )
    hand_entered = client.post(
        add_url,
        admin_form_data(
            client.get(add_url),
            text=words,
            speaker="Priya Raman",
            type="direct",
            status="unverified",
            language="en",
            source_url="https://syndication.example/solent/harbour-board",
            source_title="Harbour board puts ferry terminal plan on hold",
            source_locator="para. 3",
        ),
    )
    assert hand_entered.status_code == 302, hand_entered.context["errors"]

    review = review_of(client, ENGLISH, ENGLISH_URL)
    client.post(IMPORT_URL, import_review_data(review))

    locators = dict(Citation.objects.filter(quote__text=words).values_list("source__url", "locator"))
    assert locators == {
        "https://syndication.example/solent/harbour-board": "paragraph 3",
        ENGLISH_URL: "paragraph 3",
    }


def test_imported_locators_number_body_paragraphs_from_the_dateline_paragraph():
    draft = article_draft_from_extraction(extract_article(ENGLISH, url=ENGLISH_URL), url=ENGLISH_URL)

    assert [q.citation_locator for q in draft.quotes] == [f"paragraph {n}" for n in (1, 2, 3, 4)]
