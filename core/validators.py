"""Checks on references that clients type (ids, slugs, URLs), shared by every app's filters and bodies."""

import unicodedata

from django.core.exceptions import ValidationError

from .normalization import normalize_url

# Values a client uses to name a row (an id, slug, Wikidata ID, domain) or a document (a URL) are
# checked here before they reach a query: a NUL byte makes PostgreSQL refuse the statement, a lone
# surrogate cannot be encoded, and neither can name anything stored.
REFERENCE_MAX_LENGTH = 255
URL_MAX_LENGTH = 2000


def _has_unprintable(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value)


def validate_reference(value: str, *, max_length: int = REFERENCE_MAX_LENGTH) -> str:
    """A reference typed by a client, stripped; control characters or an overlong value are refused."""
    value = str(value).strip()
    if _has_unprintable(value):
        raise ValidationError(
            "References cannot contain control characters.",
            code="invalid_characters",
            params={"value": value},
        )
    if len(value) > max_length:
        raise ValidationError(
            "A reference is at most %(limit)d characters long.",
            code="max_length",
            params={"limit": max_length},
        )
    return value


def validate_url_reference(value: str) -> str:
    """A URL in canonical form (see ``normalize_url``), or a ValidationError saying what is wrong."""
    value = validate_reference(value, max_length=URL_MAX_LENGTH)
    return normalize_url(value)
