"""Schemathesis against the live test server: every generated request, valid or not, anonymous or
as an editor, is answered without a server error and as the OpenAPI schema at /api/v1/schema/ says.

`make test` runs a fixed, reproducible number of examples per operation and generation mode
(FUZZ_EXAMPLES, default 10); `make fuzz` runs many more, with fresh randomness each time.
"""

import io
import os
from importlib import import_module
from pathlib import Path

import pytest
import schemathesis
from django.apps import apps
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode, checks
from schemathesis.core.failures import FailureGroup

from quotes.models import Citation, Quote, Speaker
from sources.models import Source
from tests.browser.conftest import make_staff

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
LONG_RUN = "FUZZ_EXAMPLES" in os.environ

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
]

# Collected from the same generator that serves /api/v1/schema/, so that each operation is a test.
OPERATIONS = sorted(
    (method.upper(), path)
    for path, methods in SchemaGenerator().get_schema(request=None, public=True)["paths"].items()
    for method in methods
)
_schemas = {}
SUMMARY = Path(__file__).resolve().parents[1] / "test-artifacts" / "api-fuzz.txt"


def _live_schema(url):
    if url not in _schemas:
        _schemas[url] = schemathesis.openapi.from_url(f"{url}/api/v1/schema/?format=json")
    return _schemas[url]


@pytest.fixture
def identities(live_server, transactional_db, settings):
    # Generated traffic far exceeds the public rates; the throttles have tests of their own.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute", "user": "1000000/minute"},
    }
    import_module("quotes.migrations.0002_create_editor_and_reviewer_groups").create_groups(apps, None)
    call_command("load_demo", stdout=io.StringIO())
    # Rows with the empty values the schema must allow: no outlet, no publication time, no date.
    bare = Source.objects.create(title="A leaflet without outlet or date", kind="official_record")
    undated = Quote.objects.create(
        text="Words said on no known day", speaker=Speaker.objects.first(), language="en"
    )
    Citation.objects.create(quote=undated, source=bare)
    editor = make_staff("fuzz-editor", "Editor")
    return {"anonymous": {}, "editor": {"Authorization": f"Token {Token.objects.create(user=editor).key}"}}


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_answers_generated_requests_as_its_schema_says(live_server, identities, method, path):
    operation = _live_schema(live_server.url)[path][method]
    failures = []
    tried = []

    def run(mode):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=not LONG_RUN,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def examples(case):
            for identity, headers in identities.items():
                tried.append(identity)
                try:
                    case.call_and_validate(base_url=live_server.url, headers=headers, checks=CHECKS)
                except (AssertionError, FailureGroup) as error:  # every failed check, in one error
                    failures.append(f"[{mode}, {identity}] {error}")

        examples()

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        run(mode)

    line = f"{method} {path}: {len(tried)} requests, {len(failures)} failures"
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    with SUMMARY.open("a") as summary:  # the figures, per operation, for whoever runs it
        summary.write(line + "\n")
    assert tried
    assert not failures, "\n\n".join(failures[:5])
