"""Text and URL normalisation shared by every app.

Stored text keeps its published wording and punctuation; only Unicode form and
whitespace are made uniform so that the same words always compare equal.
"""

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
    parameters and a trailing slash on non-root paths; keeps the path's case.
    """
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
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
    """The host of a URL without a leading "www."."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")
