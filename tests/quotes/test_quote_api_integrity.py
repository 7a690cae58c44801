"""Writing through the API without losing anyone's change or laundering a verdict."""

import pytest

from quotes import services
from quotes.models import Quote, Speaker
from sources.models import Source
from tests.quotes.test_quote_api_writes import client_for

QUOTES = "/api/v1/quotes/"


@pytest.fixture
def cited_quote(demo):
    return Quote.objects.get(text__startswith="Semakin keras")


@pytest.fixture
def verified_quote(cited_quote, reviewer):
    return services.quote_set_status(quote=cited_quote, status="verified", user=reviewer)


def detail(quote):
    return f"{QUOTES}{quote.pk}/"


def test_a_quote_read_carries_an_etag_naming_its_version(cited_quote):
    response = client_for().get(detail(cited_quote))

    assert response.status_code == 200
    assert response["ETag"].startswith(f'"v{cited_quote.version}-')


def test_a_patch_with_the_current_etag_succeeds_and_returns_the_next_version(editor, cited_quote):
    client = client_for(editor)
    etag = client.get(detail(cited_quote))["ETag"]

    response = client.patch(detail(cited_quote), {"place": "Moscow"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"].startswith(f'"v{cited_quote.version + 1}-')


def test_a_patch_with_a_stale_etag_is_a_412_and_changes_nothing(editor, reviewer, cited_quote):
    client = client_for(editor)
    stale = client.get(detail(cited_quote))["ETag"]
    client_for(reviewer).patch(detail(cited_quote), {"place": "Moscow"}, format="json")

    response = client.patch(detail(cited_quote), {"place": "Beijing"}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    error = response.json()["errors"][0]
    assert error["code"] == "precondition_failed"
    assert f"version {cited_quote.version + 1}" in error["message"]
    assert "rui-reviewer" in error["message"]
    cited_quote.refresh_from_db()
    assert cited_quote.place == "Moscow"


def test_a_delete_with_a_stale_etag_is_a_412(reviewer, cited_quote):
    client = client_for(reviewer)
    stale = client.get(detail(cited_quote))["ETag"]
    services.quote_update(quote=cited_quote, user=reviewer, place="Moscow")

    response = client.delete(detail(cited_quote), HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert Quote.objects.filter(pk=cited_quote.pk).exists()


def test_a_write_after_if_unmodified_since_is_a_412(editor, cited_quote):
    response = client_for(editor).patch(
        detail(cited_quote),
        {"place": "Moscow"},
        format="json",
        HTTP_IF_UNMODIFIED_SINCE="Wed, 20 Sep 2023 07:35:00 GMT",
    )

    assert response.status_code == 412


def test_speakers_and_sources_check_if_match_too(editor, demo):
    client = client_for(editor)
    speaker = Speaker.objects.get(slug="wang-yi")
    source = Source.objects.get(title__startswith="Rusia dan Cina")
    stale = {"HTTP_IF_MATCH": '"v0-0000000000000000"'}

    speaker_response = client.patch(
        f"/api/v1/speakers/{speaker.slug}/", {"description": "x"}, format="json", **stale
    )
    source_response = client.patch(
        f"/api/v1/sources/{source.pk}/", {"dateline": "Moskow"}, format="json", **stale
    )

    assert (speaker_response.status_code, source_response.status_code) == (412, 412)


def test_an_editor_rewording_a_verified_quote_withdraws_the_verdict(editor, verified_quote):
    response = client_for(editor).patch(
        detail(verified_quote), {"text": "Kata-kata yang lain sama sekali"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "unverified"
    jsonld = client_for().get(detail(verified_quote), HTTP_ACCEPT="application/ld+json").json()
    assert "ClaimReview" not in str(jsonld)


def test_the_history_endpoint_lists_each_verdict_and_when_the_words_changed(editor, verified_quote):
    client_for(editor).patch(
        detail(verified_quote), {"text": "Kata-kata yang lain sama sekali"}, format="json"
    )

    history = client_for().get(f"{detail(verified_quote)}history/").json()

    assert [(v["status"], v["by"]) for v in history["verdicts"]] == [
        ("verified", "rui-reviewer"),
        ("unverified", "erin-editor"),
    ]
    assert history["verdicts"][1]["reason"] == "Verdict “verified” withdrawn: the words changed after review."
    assert history["words_last_changed"] is not None


def test_a_name_of_invisible_characters_is_a_400_and_saves_nothing(editor):
    response = client_for(editor).post("/api/v1/speakers/", {"name": "\u200b"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"
    assert not Speaker.objects.exists()
    assert client_for().get("/api/v1/speakers/").status_code == 200


def test_a_publication_time_outside_1900_to_2100_is_a_400(editor):
    response = client_for(editor).post(
        "/api/v1/sources/", {"title": "Old news", "published_at": "1850-01-01T00:00:00+00:00"}, format="json"
    )

    assert response.status_code == 400
    assert "between 1900 and 2100" in response.json()["errors"][0]["message"]


def test_every_api_write_is_in_the_history_with_its_user_and_path(editor, cited_quote):
    client_for(editor).patch(detail(cited_quote), {"place": "Moscow"}, format="json")

    latest = cited_quote.history.latest("history_id")
    assert (latest.history_user, latest.history_via, latest.place) == (editor, "api", "Moscow")
    assert latest.prev_record.place == "Russia"
