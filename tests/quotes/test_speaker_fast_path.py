"""The speaker read paths must produce exactly what the serializer produces.

On PostgreSQL the speaker list and detail are built as JSON by the database
(``selectors.speakers_as_json``); elsewhere, and in the browsable API, ``SpeakerSerializer``
writes them. These tests hold the two to the same output in several time zones and for
the awkward cases: no Wikidata ID, no aliases or roles, roles with and without dates or
organisation, no quotes, slugs that need percent-encoding.
"""

import json
from datetime import UTC, date, datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from core.api import CSVRenderer
from quotes.models import Quote, Role, Speaker, SpeakerAlias
from quotes.renderers import SpeakerJSONLDRenderer
from quotes.selectors import speakers_as_json, speakers_for_api
from quotes.serializers import SpeakerSerializer

from .test_quote_fast_path import TIME_ZONES

pytestmark = pytest.mark.django_db

SPEAKERS = "/api/v1/speakers/"


@pytest.fixture
def varied_speakers(demo):
    """The demo's two speakers plus an organisation with nothing attached and a much-travelled envoy."""
    ministry = Speaker.objects.create(
        name="Kementerian Luar Negeri",
        slug="kemlu.go~id",
        kind="organisation",
        description="Indonesia's foreign ministry.",
    )
    envoy = Speaker.objects.create(name="Orang Lain", slug="orang-lain-é", wikidata_id="Q42")
    for name in ("Оранг Лаин", "Lain, Orang", "O. Lain"):
        SpeakerAlias.objects.create(speaker=envoy, name=name)
    Role.objects.create(
        speaker=envoy, title="Envoy", organisation="United Nations", start_date=date(2019, 1, 1)
    )
    Role.objects.create(
        speaker=envoy, title="Ambassador", start_date=date(2009, 3, 1), end_date=date(2014, 12, 31)
    )
    Role.objects.create(speaker=envoy, title="Adviser")
    Role.objects.create(speaker=envoy, title="Adviser", organisation="Kementerian Luar Negeri")
    Quote.objects.create(speaker=envoy, text="Kata-kata sang utusan", language="id")
    Speaker.objects.filter(pk=ministry.pk).update(
        created_at=datetime(2024, 2, 29, 23, 30, 15, tzinfo=UTC),
        updated_at=datetime(2024, 12, 31, 18, 0, 0, 123456, tzinfo=UTC),
    )
    return Speaker.objects.order_by("pk")


def serialized(speakers, request):
    return [
        json.loads(json.dumps(SpeakerSerializer(speaker, context={"request": request}).data))
        for speaker in speakers
    ]


@pytest.mark.postgres
@pytest.mark.parametrize("zone", TIME_ZONES)
def test_the_json_postgresql_builds_matches_the_serializer_field_for_field(varied_speakers, settings, zone):
    settings.TIME_ZONE = zone
    request = RequestFactory().get(SPEAKERS)
    with timezone.override(zone):
        speakers = list(speakers_for_api().order_by("pk"))
        expected = serialized(speakers, request)
        built = speakers_as_json([speaker.pk for speaker in speakers], request=request)

    assert [json.loads(body) for body in built] == expected
    assert {s["wikidata_id"] is None for s in expected} == {True, False}
    assert {bool(s["aliases"]) for s in expected} == {True, False}
    assert {s["quote_count"] == 0 for s in expected} == {True, False}
    roles = [role for s in expected for role in s["roles"]]
    assert {(role["start_date"] is None, role["end_date"] is None) for role in roles} >= {
        (True, True),
        (False, True),
        (False, False),
    }
    assert {role["organisation"] == "" for role in roles} == {True, False}


@pytest.mark.postgres
def test_the_json_path_keeps_the_order_it_was_given(varied_speakers):
    ids = list(varied_speakers.values_list("pk", flat=True))[::-1]

    built = speakers_as_json([*ids, 2**62], request=RequestFactory().get(SPEAKERS))

    assert [json.loads(body)["id"] for body in built] == ids


@pytest.mark.postgres
def test_the_json_path_percent_encodes_slugs_as_reverse_does(varied_speakers):
    request = RequestFactory().get(SPEAKERS)
    envoy = speakers_for_api().get(slug="orang-lain-é")

    [body] = speakers_as_json([envoy.pk], request=request)

    assert json.loads(body) == serialized([envoy], request)[0]
    assert json.loads(body)["url"] == "http://testserver/api/v1/speakers/orang-lain-%C3%A9/"
    assert json.loads(body)["quotes_url"] == "http://testserver/api/v1/speakers/orang-lain-%C3%A9/quotes/"


@pytest.mark.parametrize("zone", TIME_ZONES)
def test_the_list_and_each_detail_give_what_the_serializer_gives(client, varied_speakers, settings, zone):
    settings.TIME_ZONE = zone
    request = RequestFactory().get(SPEAKERS)
    with timezone.override(zone):
        expected = serialized(speakers_for_api(), request)

    body = client.get(SPEAKERS, {"page_size": 2}).json()

    assert body["count"] == len(expected)
    assert body["next"] == "http://testserver/api/v1/speakers/?page=2&page_size=2"
    assert body["previous"] is None
    assert body["results"] == expected[:2]
    for speaker in expected:
        detail = client.get(speaker["url"])
        assert detail.status_code == 200, speaker["url"]
        assert detail.json() == speaker


def test_csv_and_json_ld_lists_match_what_the_serializer_gives(client, varied_speakers):
    expected = {"results": serialized(speakers_for_api(), RequestFactory().get(SPEAKERS))}

    csv = client.get(SPEAKERS, {"format": "csv"})
    jsonld = client.get(SPEAKERS, {"format": "jsonld"})

    assert csv.content == CSVRenderer().render(expected)
    assert jsonld.json() == json.loads(SpeakerJSONLDRenderer().render(expected))
