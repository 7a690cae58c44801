"""The public speaker API: listing, lookup by slug or Wikidata ID, and a speaker's quotes."""

import pytest

from quotes import services
from quotes.models import Speaker
from tests.quotes.test_quote_api_writes import client_for

SPEAKERS = "/api/v1/speakers/"


@pytest.fixture
def patrushev(demo):
    Speaker.objects.filter(slug="nikolai-patrushev").update(wikidata_id="Q319437")
    return Speaker.objects.get(slug="nikolai-patrushev")


def test_it_lists_speakers_by_name_with_aliases_roles_and_quote_counts(client, demo):
    response = client.get(SPEAKERS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["name"] == "Nikolai Patrushev"
    assert "Николай Патрушев" in first["aliases"]
    assert first["roles"][0]["title"] == "Secretary of the Security Council of Russia"
    assert first["quote_count"] == 4
    assert first["quotes_url"] == "http://testserver/api/v1/speakers/nikolai-patrushev/quotes/"


def test_it_finds_a_speaker_by_slug(client, patrushev):
    response = client.get(f"{SPEAKERS}nikolai-patrushev/")

    assert response.status_code == 200
    assert response.json()["wikidata_url"] == "https://www.wikidata.org/wiki/Q319437"


@pytest.mark.parametrize("wikidata_id", ["Q319437", "q319437"])
def test_it_accepts_a_wikidata_id_in_place_of_the_slug(client, patrushev, wikidata_id):
    response = client.get(f"{SPEAKERS}{wikidata_id}/")

    assert response.status_code == 200
    assert response.json()["slug"] == "nikolai-patrushev"


@pytest.mark.parametrize("reference", ["nobody", "Q999999"])
def test_an_unknown_speaker_is_a_404(client, demo, reference):
    response = client.get(f"{SPEAKERS}{reference}/")

    assert response.status_code == 404
    assert reference in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("q", ["patrushev", "PATRUSHEV", "Патрушев", "platonovich"])
def test_q_matches_names_and_aliases_ignoring_case(client, demo, q):
    response = client.get(SPEAKERS, {"q": q})

    assert [s["slug"] for s in response.json()["results"]] == ["nikolai-patrushev"]


def test_q_ignores_accents(client, demo):
    Speaker.objects.create(name="Wáng Yì Jr", slug="wang-yi-jr")

    response = client.get(SPEAKERS, {"q": "wang yi jr"})

    assert [s["slug"] for s in response.json()["results"]] == ["wang-yi-jr"]


def test_wikidata_filters_by_wikidata_id(client, patrushev):
    found = client.get(SPEAKERS, {"wikidata": "q319437"})
    not_found = client.get(SPEAKERS, {"wikidata": "Q1"})

    assert [s["slug"] for s in found.json()["results"]] == ["nikolai-patrushev"]
    assert not_found.json()["results"] == []


def test_a_malformed_wikidata_filter_is_a_400(client, demo):
    response = client.get(SPEAKERS, {"wikidata": "319437"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "wikidata"


def test_a_page_number_that_is_not_a_number_is_a_400(client, demo):
    response = client.get(SPEAKERS, {"page": "first"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "page"


def test_a_speakers_quotes_take_the_same_filters_as_the_quote_list(client, patrushev):
    all_quotes = client.get(f"{SPEAKERS}Q319437/quotes/")
    direct = client.get(f"{SPEAKERS}nikolai-patrushev/quotes/", {"type": "direct"})
    bad = client.get(f"{SPEAKERS}nikolai-patrushev/quotes/", {"said_before": "2023-9-31"})

    assert len(all_quotes.json()["results"]) == 4
    assert [q["type"] for q in direct.json()["results"]] == ["direct"]
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["parameter"] == "said_before"


def test_a_speakers_quotes_are_cursor_paginated(client, patrushev):
    first = client.get(f"{SPEAKERS}nikolai-patrushev/quotes/", {"page_size": 3}).json()
    second = client.get(first["next"]).json()

    assert len(first["results"]) == 3
    assert len(second["results"]) == 1
    assert second["next"] is None


def test_the_quotes_of_an_unknown_speaker_are_a_404(client, demo):
    response = client.get(f"{SPEAKERS}nobody/quotes/")

    assert response.status_code == 404


def test_a_speaker_read_carries_an_etag_naming_its_version(client, patrushev):
    response = client.get(f"{SPEAKERS}Q319437/")

    assert response.status_code == 200
    assert response["ETag"].startswith(f'"v{patrushev.version}-')


def test_a_conditional_get_of_an_unchanged_speaker_is_a_304(client, patrushev):
    etag = client.get(f"{SPEAKERS}nikolai-patrushev/")["ETag"]

    response = client.get(f"{SPEAKERS}nikolai-patrushev/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_changed_speaker_gets_a_new_etag_that_a_patch_accepts(editor, patrushev):
    client = client_for(editor)
    etag = client.get(f"{SPEAKERS}nikolai-patrushev/")["ETag"]
    services.speaker_update(speaker=patrushev, user=editor, description="Russian security official.")

    reread = client.get(f"{SPEAKERS}nikolai-patrushev/", HTTP_IF_NONE_MATCH=etag)
    patched = client.patch(
        f"{SPEAKERS}nikolai-patrushev/", {"description": "x"}, format="json", HTTP_IF_MATCH=reread["ETag"]
    )

    assert reread.status_code == 200
    assert reread.json()["description"] == "Russian security official."
    assert reread["ETag"] != etag
    assert patched.status_code == 200


def test_a_deleted_speaker_is_a_404_even_with_a_matching_etag(client, reviewer, demo):
    speaker = services.speaker_create(user=reviewer, name="Nobody Quoted")
    etag = client.get(f"{SPEAKERS}nobody-quoted/")["ETag"]
    services.speaker_delete(speaker=speaker, user=reviewer)

    response = client.get(f"{SPEAKERS}nobody-quoted/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 404


def test_the_speaker_list_answers_a_conditional_get_with_a_304(client, demo):
    etag = client.get(SPEAKERS, {"q": "wang"})["ETag"]

    response = client.get(SPEAKERS, {"q": "wang"}, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_a_page_past_the_end_is_a_404(client, demo):
    response = client.get(SPEAKERS, {"page": 9})

    assert response.status_code == 404
