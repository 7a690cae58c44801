"""Writing through the API: the same permissions, validation and Editor/Reviewer split as the admin."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from quotes.models import Citation, Quote, Speaker
from sources.models import Source

QUOTES = "/api/v1/quotes/"
CITATIONS = "/api/v1/citations/"
SPEAKERS = "/api/v1/speakers/"


def client_for(user=None):
    """A client authenticated the way scripts are: with a token."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def wang_yi(demo):
    return Speaker.objects.get(slug="wang-yi")


@pytest.fixture
def republika(demo):
    return Source.objects.get(title__startswith="Rusia dan Cina")


@pytest.fixture
def cited_quote(demo):
    return Quote.objects.get(text__startswith="Semakin keras")


def new_quote_body(**overrides):
    body = {
        "text": "Kerja sama kedua negara akan terus diperdalam",
        "speaker": "wang-yi",
        "language": "id",
        "original_language": "zh",
        "type": "indirect",
        "said_on": "2023-09-18",
        "place": "Moscow",
        "tags": ["Geopolitics", "Diplomacy"],
    }
    body.update(overrides)
    return body


def error_fields(response):
    return [error.get("field") for error in response.json()["errors"]]


# Who may write --------------------------------------------------------------------------------------------


def test_anonymous_writes_are_refused_with_401(demo, republika):
    response = client_for().post(QUOTES, new_quote_body(), format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not Quote.objects.filter(text__startswith="Kerja sama").exists()


def test_a_user_without_model_permissions_is_refused_with_403(demo):
    outsider = User.objects.create_user("olly-outsider", password="correct horse battery")

    response = client_for(outsider).post(QUOTES, new_quote_body(), format="json")

    assert response.status_code == 403


def test_a_session_login_needs_the_csrf_token_to_write(demo, editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(QUOTES, new_quote_body(), format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["errors"][0]["message"]


# Creating quotes ------------------------------------------------------------------------------------------


def test_an_editor_records_a_quote_with_tags_and_citations_in_one_request(editor, wang_yi, republika):
    body = new_quote_body(citations=[{"source": republika.pk, "locator": "paragraph 12", "excerpt": "…"}])

    response = client_for(editor).post(QUOTES, body, format="json")

    assert response.status_code == 201
    quote = Quote.objects.get(pk=response.json()["id"])
    assert response["Location"] == response.json()["url"]
    assert quote.speaker == wang_yi
    assert (quote.said_on.isoformat(), quote.said_on_precision) == ("2023-09-18", "day")
    assert quote.role.title == "Minister of Foreign Affairs"
    assert quote.created_by == editor
    assert sorted(quote.tags.values_list("name", flat=True)) == ["Diplomacy", "Geopolitics"]
    assert quote.citations.get().locator == "paragraph 12"
    assert response.json()["citations"][0]["source"]["published_at"] == "2023-09-20T14:35:00+07:00"


def test_a_date_given_as_year_and_month_is_stored_with_month_precision(editor, wang_yi):
    response = client_for(editor).post(QUOTES, new_quote_body(said_on="2023-09"), format="json")

    assert response.status_code == 201
    quote = Quote.objects.get(pk=response.json()["id"])
    assert (quote.said_on.isoformat(), quote.said_on_precision) == ("2023-09-01", "month")
    assert quote.said_on_latest.isoformat() == "2023-09-30"


def test_a_precision_finer_than_the_date_given_is_refused(editor, wang_yi):
    response = client_for(editor).post(
        QUOTES, new_quote_body(said_on="2023", said_on_precision="day"), format="json"
    )

    assert response.status_code == 400
    assert error_fields(response) == ["said_on"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("said_on", "2023-13-01"), ("language", "Indonesian"), ("speaker", "nobody"), ("type", "shouted")],
)
def test_invalid_fields_are_a_400_naming_the_field(editor, wang_yi, field, value):
    response = client_for(editor).post(QUOTES, new_quote_body(**{field: value}), format="json")

    assert response.status_code == 400
    assert field in error_fields(response)


def test_the_same_words_for_the_same_speaker_are_refused(editor, cited_quote):
    body = new_quote_body(text=cited_quote.text.lower(), original_language="zh")

    response = client_for(editor).post(QUOTES, body, format="json")

    assert response.status_code == 400
    assert "add a citation to it instead" in response.json()["errors"][0]["message"]


def test_a_source_published_before_the_words_were_said_is_refused(editor, wang_yi, republika):
    body = new_quote_body(said_on="2023-09-25", citations=[{"source": republika.pk}])

    response = client_for(editor).post(QUOTES, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "said_after_source"
    assert not Quote.objects.filter(text__startswith="Kerja sama").exists()


def test_an_editor_cannot_record_a_quote_with_a_verdict(editor, wang_yi, republika):
    body = new_quote_body(status="verified", citations=[{"source": republika.pk}])

    response = client_for(editor).post(QUOTES, body, format="json")

    assert response.status_code == 403
    assert "Only reviewers" in response.json()["errors"][0]["message"]


# Changing quotes ------------------------------------------------------------------------------------------


def test_an_editor_changes_a_quotes_place_and_tags(editor, cited_quote):
    response = client_for(editor).patch(
        f"{QUOTES}{cited_quote.pk}/", {"place": "Moskow", "tags": ["Diplomacy"]}, format="json"
    )

    assert response.status_code == 200
    cited_quote.refresh_from_db()
    assert cited_quote.place == "Moskow"
    assert cited_quote.updated_by == editor
    assert list(cited_quote.tags.values_list("name", flat=True)) == ["Diplomacy"]


def test_an_editor_cannot_change_the_verdict(editor, cited_quote):
    response = client_for(editor).patch(f"{QUOTES}{cited_quote.pk}/", {"status": "verified"}, format="json")

    assert response.status_code == 403
    assert "Only reviewers can change the verdict" in response.json()["errors"][0]["message"]
    cited_quote.refresh_from_db()
    assert cited_quote.status == "unverified"


def test_a_reviewer_sets_the_verdict_and_is_recorded_as_its_author(reviewer, cited_quote):
    response = client_for(reviewer).patch(
        f"{QUOTES}{cited_quote.pk}/",
        {"status": "verified", "status_note": "Matches the transcript."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    cited_quote.refresh_from_db()
    assert cited_quote.status == "verified"
    assert cited_quote.reviewed_by == reviewer
    assert cited_quote.reviewed_at is not None


def test_a_verdict_needs_a_citation_even_for_a_reviewer(reviewer, wang_yi):
    uncited = Quote.objects.create(speaker=wang_yi, text="Uncited words", language="en")

    response = client_for(reviewer).patch(
        f"{QUOTES}{uncited.pk}/", {"status": "disputed", "status_note": "Said by Lavrov."}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "verdict_needs_citation"
    uncited.refresh_from_db()
    assert uncited.status == "unverified"


def test_put_is_not_offered_patch_is(editor, cited_quote):
    response = client_for(editor).put(f"{QUOTES}{cited_quote.pk}/", new_quote_body(), format="json")

    assert response.status_code == 405


# Deleting quotes ------------------------------------------------------------------------------------------


def test_only_reviewers_delete_quotes(editor, reviewer, cited_quote):
    as_editor = client_for(editor).delete(f"{QUOTES}{cited_quote.pk}/")
    as_reviewer = client_for(reviewer).delete(f"{QUOTES}{cited_quote.pk}/")

    assert as_editor.status_code == 403
    assert as_reviewer.status_code == 204
    assert not Quote.objects.filter(pk=cited_quote.pk).exists()


# Citations ------------------------------------------------------------------------------------------------


def test_an_editor_cites_a_source_for_a_quote(editor, wang_yi):
    quote = Quote.objects.create(speaker=wang_yi, text="Words to cite", language="en")
    source = Source.objects.create(
        title="Later report", published_at=datetime(2024, 1, 2, tzinfo=ZoneInfo("UTC"))
    )

    response = client_for(editor).post(
        CITATIONS, {"quote": quote.pk, "source": source.pk, "locator": "p. 3"}, format="json"
    )

    assert response.status_code == 201
    assert quote.citations.get().locator == "p. 3"
    assert response.json()["source"]["title"] == "Later report"


def test_citing_a_source_twice_is_a_400(editor, cited_quote, republika):
    response = client_for(editor).post(
        CITATIONS, {"quote": cited_quote.pk, "source": republika.pk}, format="json"
    )

    assert response.status_code == 400
    assert "already cites" in response.json()["errors"][0]["message"]


def test_the_last_citation_of_a_quote_with_a_verdict_cannot_be_removed(reviewer, cited_quote):
    Quote.objects.filter(pk=cited_quote.pk).update(status=Quote.Status.VERIFIED)
    citation = cited_quote.citations.get()

    response = client_for(reviewer).delete(f"{CITATIONS}{citation.pk}/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "verdict_needs_citation"
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_an_editor_removes_a_citation_of_an_unverified_quote(editor, cited_quote):
    citation = cited_quote.citations.get()

    response = client_for(editor).delete(f"{CITATIONS}{citation.pk}/")

    assert response.status_code == 204
    assert not cited_quote.citations.exists()


# Speakers -------------------------------------------------------------------------------------------------


def test_an_editor_records_a_speaker_with_aliases(editor, db):
    body = {"name": "Sergey Lavrov", "wikidata_id": "q150851", "aliases": ["Lavrov", "Сергей Лавров"]}

    response = client_for(editor).post(SPEAKERS, body, format="json")

    assert response.status_code == 201
    speaker = Speaker.objects.get(slug="sergey-lavrov")
    assert speaker.wikidata_id == "Q150851"
    assert sorted(speaker.aliases.values_list("name", flat=True)) == ["Lavrov", "Сергей Лавров"]
    assert response["Location"].endswith("/api/v1/speakers/sergey-lavrov/")


def test_a_malformed_wikidata_id_is_a_400_on_write(editor, db):
    response = client_for(editor).post(SPEAKERS, {"name": "Someone", "wikidata_id": "Q12x"}, format="json")

    assert response.status_code == 400
    assert error_fields(response) == ["wikidata_id"]


def test_an_editor_renames_a_speaker_found_by_wikidata_id(editor, wang_yi):
    Speaker.objects.filter(pk=wang_yi.pk).update(wikidata_id="Q318694")

    response = client_for(editor).patch(f"{SPEAKERS}Q318694/", {"description": "Diplomat."}, format="json")

    assert response.status_code == 200
    wang_yi.refresh_from_db()
    assert wang_yi.description == "Diplomat."


def test_a_speaker_with_quotes_cannot_be_deleted(reviewer, wang_yi):
    response = client_for(reviewer).delete(f"{SPEAKERS}wang-yi/")

    assert response.status_code == 409
    assert Speaker.objects.filter(pk=wang_yi.pk).exists()


def test_an_editor_cannot_delete_a_speaker(editor, wang_yi):
    response = client_for(editor).delete(f"{SPEAKERS}wang-yi/")

    assert response.status_code == 403


def test_the_browsable_api_renders_with_its_write_forms_for_a_logged_in_editor(editor, cited_quote):
    client = APIClient()
    client.force_login(editor)

    pages = [f"{QUOTES}{cited_quote.pk}/", f"{SPEAKERS}wang-yi/", QUOTES, CITATIONS]
    statuses = [client.get(url, HTTP_ACCEPT="text/html").status_code for url in pages]

    assert statuses == [200, 200, 200, 200]
