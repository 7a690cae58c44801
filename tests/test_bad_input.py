"""Every malformed input is a 4xx in the API's error shape (a plain 400 on the pages), never a 500."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError

from core.normalization import normalize_url
from quotes.models import Quote
from quotes.renderers import script_safe_json

QUOTES = "/api/v1/quotes/"
SOURCES = "/api/v1/sources/"


def errors(response):
    return response.json()["errors"]


def cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "query",
    ["speaker=wang%00yi", "outlet=republika%00", "q=%00", "source_url=http://a/%00", "cursor=%00", "x%00=1"],
)
def test_a_nul_byte_in_a_query_parameter_is_a_400(client, demo, query):
    response = client.get(f"{QUOTES}?{query}")

    assert response.status_code == 400
    assert errors(response)[0]["code"] == "invalid_characters"


@pytest.mark.parametrize(
    "path", ["/api/v1/speakers/wang%00yi/", "/api/v1/outlets/a%01b/", "/speakers/wang%00yi/"]
)
def test_a_control_character_in_a_path_is_a_400(client, demo, path):
    assert client.get(path).status_code == 400


@pytest.mark.parametrize(("parameter", "value"), [("speaker", "wang\tyi"), ("outlet", "a\nb")])
def test_references_with_control_characters_are_refused_by_the_filter_too(client, demo, parameter, value):
    response = client.get(QUOTES, {parameter: value})

    assert response.status_code == 400
    assert errors(response)[0] == {
        "parameter": parameter,
        "code": "invalid_characters",
        "message": "References cannot contain control characters.",
    }


def test_a_reader_page_refuses_a_control_character_in_a_filter(client, demo):
    assert client.get("/", {"outlet": "a\tb"}).status_code == 400


@pytest.mark.parametrize("value", [None, 3, 2.5, True, {}, [], "not a date", "2023-02-30"])
def test_a_cursor_with_a_sort_key_of_the_wrong_kind_is_a_400(client, demo, value):
    first = client.get(QUOTES, {"page_size": 1}).json()["next"]
    token = first.split("cursor=")[1].split("&")[0]
    payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))

    response = client.get(QUOTES, {"cursor": cursor({**payload, "v": value})})

    assert response.status_code == 400
    assert errors(response)[0]["parameter"] == "cursor"


@pytest.mark.parametrize(
    "payload",
    [
        {"o": "x", "v": "2023-01-01", "i": "1", "p": False},
        {"o": "x", "v": "2023-01-01", "i": 2**70, "p": False},
        {"o": "x", "v": "2023-01-01", "i": True, "p": False},
        {"o": "x", "v": "2023-01-01", "i": 1, "p": "yes"},
        {"o": None, "v": "2023-01-01", "i": 1, "p": False},
        {"o": "x", "v": "2023-01-01", "i": 1},
        [1, 2, 3],
        "cursor",
    ],
)
def test_a_tampered_cursor_is_a_400(client, demo, payload):
    response = client.get(QUOTES, {"cursor": cursor(payload)})

    assert response.status_code == 400
    assert errors(response)[0]["parameter"] == "cursor"


@pytest.mark.parametrize("url", ["http://a:99999/", "http://[::1/", "http://a:port/"])
def test_normalize_url_refuses_what_cannot_be_taken_apart(url):
    with pytest.raises(ValidationError) as raised:
        normalize_url(url)

    assert raised.value.code == "invalid_url"


def test_an_ipv6_host_keeps_its_brackets():
    assert normalize_url("HTTP://[::1]:8080/a/") == "http://[::1]:8080/a"


@pytest.mark.parametrize("url", ["http://a:99999/", "http://[::1/"])
def test_a_bad_url_in_a_filter_or_a_body_is_a_400_naming_it(client, editor, demo, url):
    assert errors(client.get(QUOTES, {"source_url": url}))[0]["parameter"] == "source_url"
    assert errors(client.get(SOURCES, {"url": url}))[0]["parameter"] == "url"
    client.force_authenticate(editor)

    response = client.post(SOURCES, {"title": "T", "url": url}, format="json")

    assert response.status_code == 400
    assert errors(response)[0]["field"] == "url"


@pytest.mark.parametrize(
    "published_at", ["2023-02-30T10:00", "2023-09-20T10:00+25:00", "1850-01-01T00:00Z", "2150-01-01T00:00Z"]
)
def test_impossible_publication_times_are_a_400_naming_the_field(client, editor, demo, published_at):
    client.force_authenticate(editor)

    response = client.post(SOURCES, {"title": "T", "published_at": published_at}, format="json")

    assert response.status_code == 400
    assert errors(response)[0]["field"] == "published_at"


@pytest.mark.parametrize(
    "speaker", ["wang\x00yi", "\ud800", "9" * 30, ["wang-yi"], {"slug": "wang-yi"}, True]
)
def test_an_unusable_speaker_reference_in_a_body_is_a_400_naming_the_field(client, editor, demo, speaker):
    client.force_authenticate(editor)

    body = json.dumps({"text": "Words", "speaker": speaker, "language": "id"})  # escapes the surrogate

    response = client.generic("POST", QUOTES, body, content_type="application/json")

    assert response.status_code == 400
    assert errors(response)[0]["field"] == "speaker"


def test_an_outlet_reference_with_a_nul_byte_is_a_400(client, editor, demo):
    client.force_authenticate(editor)

    response = client.post(SOURCES, {"title": "T", "outlet": "repub\x00lika"}, format="json")

    assert response.status_code == 400
    assert errors(response)[0]["field"] == "outlet"


def test_a_body_over_the_size_limit_is_a_413(client, editor, demo, settings):
    settings.API_MAX_BODY_SIZE = 1000
    client.force_authenticate(editor)

    response = client.post(QUOTES, {"text": "x" * 2000, "speaker": "wang-yi"}, format="json")

    assert response.status_code == 413
    assert errors(response)[0]["code"] == "too_large"


@pytest.mark.parametrize("depth", [17, 100_000])
def test_json_nested_too_deep_is_a_400(client, editor, demo, depth):
    client.force_authenticate(editor)
    body = '{"text": ' + "[" * depth + "]" * depth + "}"

    response = client.generic("POST", QUOTES, body, content_type="application/json")

    assert response.status_code == 400
    assert errors(response)[0]["code"] == "parse_error"


def test_json_that_is_not_json_is_a_400(client, editor, demo):
    client.force_authenticate(editor)

    response = client.generic("POST", QUOTES, '{"text": NaN}', content_type="application/json")

    assert response.status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "jsonld", "xml"])
@pytest.mark.parametrize(
    "path", [QUOTES, "/api/v1/speakers/", "/api/v1/sources/", "/api/v1/speakers/wang-yi/quotes/"]
)
def test_options_with_any_format_is_not_a_server_error(client, demo, path, fmt):
    response = client.options(path, {"format": fmt})

    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("method", ["post", "patch", "delete", "put"])
def test_writes_with_a_format_parameter_answer_in_json_when_refused(client, demo, method):
    response = getattr(client, method)(f"{QUOTES}?format=csv", {}, format="json")

    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_json_ld_cannot_end_its_script_element_or_open_a_comment():
    text = script_safe_json({"text": "<!--<script> </script> & more"})

    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"text": "<!--<script> </script> & more"}


def test_the_quote_page_keeps_markup_in_a_quote_inside_its_json_ld(client, demo):
    quote = Quote.objects.first()
    Quote.objects.filter(pk=quote.pk).update(text="<!--<script>alert(1)</script>")

    html = client.get(f"/quotes/{quote.pk}/").content.decode()

    head = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in head
    assert json.loads(head)


@pytest.mark.parametrize("source", [2**70, -1, None, "x"])
def test_an_out_of_range_or_mistyped_id_in_a_body_is_a_400(client, editor, demo, source):
    client.force_authenticate(editor)
    quote = Quote.objects.first()

    response = client.post("/api/v1/citations/", {"quote": quote.pk, "source": source}, format="json")

    assert response.status_code == 400
    assert errors(response)[0]["field"] == "source"


def test_a_speaker_whose_name_makes_no_slug_needs_one(client, editor, demo):
    client.force_authenticate(editor)

    response = client.post("/api/v1/speakers/", {"name": "\U0010fff3 !!"}, format="json")

    assert response.status_code == 400
    assert errors(response)[0]["field"] == "slug"
