from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from quotes import services
from quotes.models import Citation, Quote, Speaker
from sources.models import Source
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:quotes_quote_add")
CHANGELIST_URL = reverse("admin:quotes_quote_changelist")


def change_url(quote):
    return reverse("admin:quotes_quote_change", args=[quote.pk])


@pytest.fixture
def wang():
    return Speaker.objects.create(name="Wang Yi", slug="wang-yi")


@pytest.fixture
def article():
    return Source.objects.create(
        title="Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat",
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
    )


def new_quote_data(client, speaker, **changes):
    response = client.get(ADD_URL)
    assert response.status_code == 200
    values = {
        "text": "Semakin keras tindakan hegemoni unilateral dan konfrontasi blok",
        "speaker": str(speaker.pk),
        "language": "id",
        "original_language": "zh",
        "type": "direct",
        "status": "unverified",
        "citations-TOTAL_FORMS": "1",
        **changes,
    }
    return admin_form_data(response, **values)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_an_editor_adds_a_quote_with_a_citation(client, editor, wang, article):
    client.force_login(editor)
    data = new_quote_data(
        client,
        wang,
        said_on="2023-09-18",
        said_on_approximate="on",
        **{"citations-0-source": str(article.pk), "citations-0-locator": "paragraph 11"},
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get()
    assert (quote.speaker, quote.said_on.isoformat(), quote.said_on_precision) == (wang, "2023-09-18", "day")
    assert quote.said_on_approximate is True
    assert quote.created_by == editor
    assert quote.updated_by == editor
    assert quote.citations.get().locator == "paragraph 11"


def test_an_editor_sees_the_verdict_but_is_not_offered_it(client, editor, wang, article):
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    data = new_quote_data(client, wang, status="verified", **{"citations-0-source": str(article.pk)})

    response = client.post(ADD_URL, data)

    assert 'name="status"' not in page
    assert response.status_code == 302
    assert Quote.objects.get().status == "unverified"


def test_an_editor_cannot_change_the_verdict_of_an_existing_quote(client, editor, wang, article):
    quote = Quote.objects.create(speaker=wang, text="Semakin keras", language="id")
    Citation.objects.create(quote=quote, source=article)
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(quote)), status="disputed", status_note="Posted anyway")

    response = client.post(change_url(quote), data)

    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.status_note) == ("unverified", "")


def test_a_reviewer_verifies_a_cited_quote_and_is_recorded_as_its_reviewer(client, reviewer, wang, article):
    quote = Quote.objects.create(speaker=wang, text="Semakin keras", language="id")
    Citation.objects.create(quote=quote, source=article)
    client.force_login(reviewer)
    data = admin_form_data(
        client.get(change_url(quote)), status="verified", status_note="Matches the ministry's transcript."
    )

    response = client.post(change_url(quote), data)

    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.status_note, quote.reviewed_by) == (
        "verified",
        "Matches the ministry's transcript.",
        reviewer,
    )
    assert quote.reviewed_at is not None


def test_a_reviewer_cannot_verify_a_quote_without_a_citation(client, reviewer, wang):
    client.force_login(reviewer)
    data = new_quote_data(client, wang, status="verified")

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "A quote without a citation can only be unverified" in response.content.decode()
    assert not Quote.objects.exists()


def test_removing_the_last_citation_of_a_verified_quote_is_refused(client, reviewer, wang, article):
    quote = Quote.objects.create(speaker=wang, text="Semakin keras", language="id", status="verified")
    citation = Citation.objects.create(quote=quote, source=article)
    client.force_login(reviewer)
    data = admin_form_data(client.get(change_url(quote)), **{"citations-0-DELETE": "on"})

    response = client.post(change_url(quote), data)

    assert response.status_code == 200
    assert "A quote without a citation can only be unverified" in response.content.decode()
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_a_day_precision_date_given_only_as_a_year_is_rejected(client, editor, wang):
    client.force_login(editor)
    data = new_quote_data(client, wang, said_on="2023", said_on_precision="day")

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Day-precision date needs YYYY-MM-DD, but only “2023” was given" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_date_given_as_a_month_is_stored_with_month_precision(client, editor, wang):
    client.force_login(editor)

    response = client.post(ADD_URL, new_quote_data(client, wang, said_on="2023-09"))

    assert response.status_code == 302
    quote = Quote.objects.get()
    assert (str(quote.said), quote.said_on_precision) == ("2023-09", "month")


def test_a_malformed_date_is_rejected_with_the_accepted_formats(client, editor, wang):
    client.force_login(editor)

    response = client.post(ADD_URL, new_quote_data(client, wang, said_on="19/9/2023"))

    assert response.status_code == 200
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in response.content.decode()


def test_a_date_later_than_the_citing_sources_publication_is_rejected(client, editor, wang, article):
    client.force_login(editor)
    data = new_quote_data(client, wang, said_on="2023-09-21", **{"citations-0-source": str(article.pk)})

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "a source cannot report words before they are said" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_future_date_is_rejected(client, editor, wang):
    client.force_login(editor)
    next_month = (datetime.now() + timedelta(days=40)).strftime("%Y-%m-%d")

    response = client.post(ADD_URL, new_quote_data(client, wang, said_on=next_month))

    assert response.status_code == 200
    assert "The date is in the future" in response.content.decode()


def test_an_edit_that_would_overwrite_someone_elses_save_is_stopped_and_keeps_the_editors_text(
    client, editor, reviewer, wang
):
    quote = Quote.objects.create(speaker=wang, text="Semakin keras", language="id")
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(quote)), text="Semakin keras tindakan hegemoni")
    services.quote_update(
        quote=Quote.objects.get(pk=quote.pk), user=reviewer, context="Changed by a colleague meanwhile"
    )

    response = client.post(change_url(quote), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "rui-reviewer saved this record at" in page
    assert "Semakin keras tindakan hegemoni" in page
    quote.refresh_from_db()
    assert quote.text == "Semakin keras"

    second_try = client.post(change_url(quote), admin_form_data(response))

    assert second_try.status_code == 302, second_try.context["errors"]
    quote.refresh_from_db()
    assert quote.text == "Semakin keras tindakan hegemoni"


def test_a_reviewer_bulk_verifies_cited_quotes_and_is_told_which_were_refused(
    client, reviewer, wang, article
):
    cited = Quote.objects.create(speaker=wang, text="Cited words", language="id")
    Citation.objects.create(quote=cited, source=article)
    uncited = Quote.objects.create(speaker=wang, text="Uncited words", language="id")
    client.force_login(reviewer)

    response = client.post(
        CHANGELIST_URL,
        {"action": "mark_verified", "_selected_action": [cited.pk, uncited.pk], "confirm": "yes"},
        follow=True,
    )

    cited.refresh_from_db()
    uncited.refresh_from_db()
    assert (cited.status, cited.reviewed_by) == ("verified", reviewer)
    assert uncited.status == "unverified"
    texts = messages_of(response)
    assert "1 quote(s) marked as verified." in texts
    assert any("Uncited words" in text and "without a citation" in text for text in texts)


def test_editors_are_not_offered_the_verdict_actions_and_cannot_run_them(client, editor, wang, article):
    quote = Quote.objects.create(speaker=wang, text="Cited words", language="id")
    Citation.objects.create(quote=quote, source=article)
    client.force_login(editor)

    changelist = client.get(CHANGELIST_URL)
    client.post(CHANGELIST_URL, {"action": "mark_verified", "_selected_action": [quote.pk], "confirm": "yes"})

    assert "mark_verified" not in changelist.content.decode()
    quote.refresh_from_db()
    assert quote.status == "unverified"


def test_the_changelist_finds_quotes_by_a_speakers_alias(client, editor, wang):
    wang.aliases.create(name="王毅")
    Quote.objects.create(speaker=wang, text="Semakin keras", language="id")
    client.force_login(editor)

    response = client.get(CHANGELIST_URL, {"q": "王毅"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_the_changelist_uses_a_constant_number_of_queries(
    client, editor, wang, article, django_assert_max_num_queries
):
    for n in range(30):
        quote = Quote.objects.create(speaker=wang, text=f"Words number {n}", language="id")
        Citation.objects.create(quote=quote, source=article)
    client.force_login(editor)

    with django_assert_max_num_queries(15):
        response = client.get(CHANGELIST_URL)

    assert response.context["cl"].result_count == 30
