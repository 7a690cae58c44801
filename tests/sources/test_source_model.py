from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.normalization import normalize_text, normalize_url
from sources.models import Outlet, Source

pytestmark = pytest.mark.django_db


def make_source(**fields):
    source = Source(**{"title": "Rusia dan Cina Perkuat Kerja Sama", **fields})
    source.full_clean()
    source.save()
    return source


def test_it_normalises_urls_to_a_canonical_form():
    assert (
        normalize_url("HTTPS://WWW.Example.com:443/News/Story/?utm_source=x&id=7#comments")
        == "https://www.example.com/News/Story?id=7"
    )


def test_it_stores_the_canonical_url():
    source = make_source(url="https://example.com/a/?utm_medium=social")

    source.refresh_from_db()
    assert source.url == "https://example.com/a"


def test_it_rejects_a_url_already_recorded_in_another_spelling():
    make_source(url="https://example.com/story")
    duplicate = Source(title="Copy", url="https://EXAMPLE.com/story/#top")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.message_dict["url"] == ["A source with this URL is already recorded."]


def test_several_sources_may_have_no_url():
    make_source(url="")
    make_source(title="Another", url="")

    assert Source.objects.filter(url__isnull=True).count() == 2


def test_it_rejects_an_unknown_time_zone():
    with pytest.raises(ValidationError) as error:
        make_source(timezone="Asia/Atlantis")

    assert "timezone" in error.value.message_dict


def test_it_keeps_the_publication_time_in_the_sources_own_time_zone():
    source = make_source(
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")), timezone="Asia/Jakarta"
    )

    source.refresh_from_db()
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    assert source.published_on.isoformat() == "2023-09-20"


def test_the_database_refuses_a_blank_title_even_past_validation():
    with pytest.raises(IntegrityError):
        Source.objects.create(title="   ")


def test_it_normalises_an_outlets_domain_country_and_slug():
    outlet = Outlet(name="Republika", domain="https://www.Republika.co.id/", country="id", language="ID")
    outlet.full_clean()
    outlet.save()

    outlet.refresh_from_db()
    assert (outlet.slug, outlet.domain, outlet.country, outlet.language) == (
        "republika",
        "republika.co.id",
        "ID",
        "id",
    )


def test_it_rejects_a_malformed_language_code():
    with pytest.raises(ValidationError) as error:
        make_source(language="Indonesian")

    assert "language" in error.value.message_dict


def test_text_normalisation_keeps_wording_and_punctuation_but_not_stray_spacing():
    decomposed = "Cafe\u0301 \u00a0 “quoted” ,\r\n\r\n\r\nnext  line "

    assert normalize_text(decomposed) == "Café “quoted” ,\n\nnext line"
