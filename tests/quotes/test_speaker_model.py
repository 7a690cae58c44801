import pytest
from django.core.exceptions import ValidationError

from quotes.models import Speaker, SpeakerAlias

pytestmark = pytest.mark.django_db


def make_speaker(name, **fields):
    speaker = Speaker(name=name, **fields)
    speaker.full_clean()
    speaker.save()
    return speaker


@pytest.mark.parametrize("bad_id", ["12345", "Q", "Q0123", "P31", "Q12a", "wikidata:Q1"])
def test_it_rejects_a_malformed_wikidata_id(bad_id):
    with pytest.raises(ValidationError) as error:
        make_speaker("Someone", wikidata_id=bad_id)

    assert error.value.message_dict["wikidata_id"] == [
        "Enter a Wikidata item ID: the letter Q followed by digits, e.g. “Q123456”."
    ]


def test_it_accepts_a_lower_case_wikidata_id_and_stores_it_upper_case():
    speaker = make_speaker("Someone", wikidata_id=" q42 ")

    speaker.refresh_from_db()
    assert speaker.wikidata_id == "Q42"


def test_it_rejects_a_wikidata_id_already_used_by_another_speaker():
    make_speaker("First", wikidata_id="Q42")

    with pytest.raises(ValidationError) as error:
        make_speaker("Second", wikidata_id="Q42")

    assert error.value.message_dict["wikidata_id"] == ["Another speaker already has this Wikidata ID."]


def test_several_speakers_may_have_no_wikidata_id():
    make_speaker("First", wikidata_id="")
    make_speaker("Second", wikidata_id="")

    assert Speaker.objects.filter(wikidata_id__isnull=True).count() == 2


def test_it_makes_a_slug_from_the_name_when_none_is_given():
    assert make_speaker("Nikolai Patrushev").slug == "nikolai-patrushev"


def test_lookups_by_name_match_aliases_ignoring_case_and_accents():
    patrushev = make_speaker("Nikolai Patrushev")
    SpeakerAlias.objects.create(speaker=patrushev, name="Николай Патрушев")
    wang = make_speaker("Wáng Yì")
    SpeakerAlias.objects.create(speaker=wang, name="王毅")

    assert list(Speaker.objects.matching("PATRUSHEV")) == [patrushev]
    assert list(Speaker.objects.matching("патрушев")) == [patrushev]
    assert list(Speaker.objects.matching("wang yi")) == [wang]
    assert list(Speaker.objects.matching("王毅")) == [wang]
    assert list(Speaker.objects.matching("   ")) == []


def test_it_refuses_the_same_alias_twice_for_one_speaker():
    speaker = make_speaker("Wang Yi")
    SpeakerAlias.objects.create(speaker=speaker, name="Wang")

    with pytest.raises(ValidationError):
        SpeakerAlias(speaker=speaker, name="WANG").full_clean()
