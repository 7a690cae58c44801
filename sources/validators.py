import re
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# BCP 47 as used here: an ISO 639 language, optionally a script and a region ("id", "zh-Hans", "pt-BR").
LANGUAGE_TAG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")

validate_language_tag = RegexValidator(
    LANGUAGE_TAG_RE,
    message="Enter a language code such as “id”, “en”, “zh-Hans” or “pt-BR” (ISO 639-1 / BCP 47).",
    code="invalid_language",
)

validate_country_code = RegexValidator(
    r"^[A-Z]{2}$",
    message="Enter a two-letter ISO 3166-1 country code such as “ID” or “RU”.",
    code="invalid_country",
)


def normalize_language_tag(value: str) -> str:
    """Canonical casing of a language tag: "ZH-hans" -> "zh-Hans", "PT-br" -> "pt-BR"."""
    value = (value or "").strip().replace("_", "-")
    if not value:
        return ""
    parts = value.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.upper())
    return "-".join(out)


@cache
def timezone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


@cache
def language_choices() -> tuple[tuple[str, str], ...]:
    """BCP 47 tags with their English names, for pickers (Django's list of languages it knows)."""
    from django.conf.locale import LANG_INFO

    tags = {}
    for code, info in LANG_INFO.items():
        tag = normalize_language_tag(code)
        if "name" in info and LANGUAGE_TAG_RE.match(tag):
            tags.setdefault(tag, info["name"])
    return tuple(sorted(tags.items(), key=lambda item: item[1]))


def validate_timezone_name(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(
            "“%(value)s” is not a known time zone; use an IANA name such as “Asia/Jakarta”.",
            code="invalid_timezone",
            params={"value": value},
        )


def validate_publication_year(value) -> None:
    """Publication times are of documents from 1900 to 2100; anything else is a typing error."""
    if not 1900 <= value.year <= 2100:
        raise ValidationError(
            "A publication time must fall between 1900 and 2100; %(year)d was given.",
            code="invalid_year",
            params={"year": value.year},
        )
