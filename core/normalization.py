"""Text and URL normalisation shared by every app.

Stored text keeps its published wording and punctuation; only Unicode form and
whitespace are made uniform so that the same words always compare equal.
"""

import re
import unicodedata
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$", re.I)


def _invisible(ch: str) -> bool:
    # Format characters (zero-width spaces and joiners, bidi controls, BOM, soft hyphen) and
    # control characters other than line breaks and tabs are never part of published words.
    return ch not in "\n\r\t" and unicodedata.category(ch) in {"Cf", "Cc", "Cs", "Co", "Cn"}


# The ASCII characters _invisible() drops: control characters other than tab and line breaks.
_ASCII_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_invisible(value: str) -> str:
    if value.isascii():  # most text: one regular expression instead of a lookup per character
        return _ASCII_INVISIBLE.sub("", value)
    return "".join(ch for ch in value if not _invisible(ch))


def normalize_text(value: str) -> str:
    """NFC-normalise, drop invisible characters, collapse runs of spaces, keep at most one blank line."""
    value = strip_invisible(unicodedata.normalize("NFC", value or ""))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _HORIZONTAL_SPACE.sub(" ", value)
    value = _SPACE_AROUND_NEWLINE.sub("\n", value)
    value = _MANY_NEWLINES.sub("\n\n", value)
    return value.strip()


def fold(value: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups ("Wáng Yì" -> "wang yi")."""
    decomposed = unicodedata.normalize("NFKD", strip_invisible(value or ""))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


@cache
def _skeleton_table() -> dict[int, str]:
    """Map each non-ASCII character that looks like an ASCII letter or digit to that character.

    Built from the Unicode confusables data (TR39) shipped by ``confusable_homoglyphs``:
    Cyrillic "о", Greek "ο" and fullwidth "ｏ" all become "o".
    """
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_lookalikes = [
            h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()
        ]
        if ascii_lookalikes:
            table[ord(char)] = ascii_lookalikes[0]
    return table


def skeleton(value: str) -> str:
    """The folded form with look-alike letters unified, for comparing words ("Pаtrushev" -> "patrushev")."""
    return fold(unicodedata.normalize("NFC", value or "").translate(_skeleton_table()))


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
