"""POST with an Idempotency-Key: a retried create gets the first answer, not a duplicate error."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from quotes.models import Quote
from sources.models import Source

QUOTES = "/api/v1/quotes/"
BODY = {"text": "Kerja sama kedua negara akan terus diperdalam", "speaker": "wang-yi", "language": "id"}


@pytest.fixture
def editor_client(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


def test_a_retried_create_returns_the_original_response(editor_client, demo):
    first = editor_client.post(QUOTES, BODY, format="json", HTTP_IDEMPOTENCY_KEY="3f1c-retry")

    retry = editor_client.post(QUOTES, BODY, format="json", HTTP_IDEMPOTENCY_KEY="3f1c-retry")

    assert first.status_code == 201
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true"
    assert Quote.objects.filter(text=BODY["text"]).count() == 1


def test_without_a_key_a_retry_is_refused_as_a_duplicate(editor_client, demo):
    assert editor_client.post(QUOTES, BODY, format="json").status_code == 201

    assert editor_client.post(QUOTES, BODY, format="json").status_code == 400


def test_the_same_key_with_another_body_is_a_409(editor_client, demo):
    editor_client.post(QUOTES, BODY, format="json", HTTP_IDEMPOTENCY_KEY="k1")

    response = editor_client.post(
        QUOTES, {**BODY, "text": "Other words"}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "conflict"


def test_a_refused_create_is_not_remembered(editor_client, demo):
    bad = editor_client.post(QUOTES, {**BODY, "speaker": "nobody"}, format="json", HTTP_IDEMPOTENCY_KEY="k2")

    fixed = editor_client.post(
        QUOTES, {**BODY, "speaker": "nobody"}, format="json", HTTP_IDEMPOTENCY_KEY="k2"
    )

    assert bad.status_code == fixed.status_code == 400
    assert "Idempotent-Replayed" not in fixed


def test_keys_belong_to_one_user(editor_client, demo, reviewer):
    editor_client.post(QUOTES, BODY, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reviewer).key}")

    response = other.post(QUOTES, BODY, format="json", HTTP_IDEMPOTENCY_KEY="shared")

    assert response.status_code == 400  # the reviewer's own create: a duplicate, not the editor's answer
    assert "Idempotent-Replayed" not in response


def test_a_malformed_key_is_a_400(editor_client, demo):
    response = editor_client.post(QUOTES, BODY, format="json", HTTP_IDEMPOTENCY_KEY="with space")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_idempotency_key"


def test_sources_are_idempotent_too(editor_client, demo):
    body = {"title": "Wang Yi bertemu Lavrov", "url": "https://example.org/a"}

    statuses = [
        editor_client.post("/api/v1/sources/", body, format="json", HTTP_IDEMPOTENCY_KEY="s1").status_code
        for _ in range(2)
    ]

    assert statuses == [201, 201]
    assert Source.objects.filter(url="https://example.org/a").count() == 1
