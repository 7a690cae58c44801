"""The OpenAPI description of the API, and its offline interactive documentation."""

import yaml
from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_schema_generates_and_validates_without_a_single_warning(db, tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/quotes/",
        "/api/v1/speakers/{slug}/quotes/",
        "/api/v1/sources/",
        "/api/v1/outlets/",
    } <= set(schema["paths"])


def test_the_schema_documents_every_quote_filter(db):
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    parameters = {p["name"] for p in response.json()["paths"]["/api/v1/quotes/"]["get"]["parameters"]}
    assert {
        "speaker",
        "speaker_name",
        "q",
        "language",
        "type",
        "status",
        "said_after",
        "said_before",
        "outlet",
        "source",
        "source_url",
        "tag",
        "has_citation",
        "ordering",
        "cursor",
        "page_size",
    } <= parameters


def test_the_interactive_docs_load_their_assets_locally(db):
    response = APIClient().get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
