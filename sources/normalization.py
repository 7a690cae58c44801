"""Text and URL normalisation shared by every app.

Stored text keeps its published wording and punctuation; only Unicode form and
whitespace are made uniform so that the same words always compare equal.
"""

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$", re.I)


def normalize_text(value: str) -> str:
    """NFC-normalise, collapse runs of spaces and keep at most one blank line."""
    value = unicodedata.normalize("NFC", value or "")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _HORIZONTAL_SPACE.sub(" ", value)
    value = _SPACE_AROUND_NEWLINE.sub("\n", value)
    value = _MANY_NEWLINES.sub("\n\n", value)
    return value.strip()


def fold(value: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups ("Wáng Yì" -> "wang yi")."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


def normalize_url(value: str) -> str:
    """Canonical form of a URL so that trivially different spellings compare equal.

    Lower-cases the scheme and host, drops default ports, fragments, tracking
    parameters and a trailing slash on non-root paths; keeps the path's case. A URL that
    cannot be taken apart (a port out of range, an unclosed IPv6 bracket) is a ValidationError.
    """
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        raise ValidationError(
            "“%(value)s” is not a valid URL (%(reason)s).",
            code="invalid_url",
            params={"value": value, "reason": str(error).rstrip(".")},
        ) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    )
    return urlunsplit((scheme, host, path, query, ""))


def domain_of(url: str) -> str:
    """The host of a URL without a leading "www." ("" when it has none that can be read)."""
    try:
        host = (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")
