"""Date expressions: publication timestamps and the dates on which words were said.

Relative expressions ("Selasa", "on Tuesday", "kemarin", "yesterday", "Desember lalu") are
resolved against the publication date; without one they are dropped rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from .languages import alternation, pack_for
from .lexicon import MONTHS, TZ_NAMES, TZ_OFFSETS, WEEKDAYS

# Tries, not flat lists: case-insensitive alternatives are tried one by one at every word.
_MONTH = alternation(MONTHS)
_WEEKDAY_FULL = alternation(w for w in WEEKDAYS if len(w) > 4 or w in {"rabu", "ahad"})
_WEEKDAY_ANY = alternation(WEEKDAYS)
_TZ = alternation([*TZ_OFFSETS, *TZ_NAMES])
_AMPM = r"(?P<ampm>am|pm|a\.m\.|p\.m\.)"
_TZ_PART = rf"(?P<tz>(?:{_TZ})\b(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?|[+-]\d{{2}}:?\d{{2}}\b)"
_TIME = rf"(?P<hh>\d{{1,2}})[:.](?P<mi>\d{{2}})(?::\d{{2}})?\s*{_AMPM}?\s*{_TZ_PART}?"
_SEP = r"(?:\s*[,|\-–—]\s*|\s+)(?:pukul\s+|at\s+|jam\s+)?"
_I = re.IGNORECASE

_PUBLISHED_PATTERNS = [
    re.compile(
        r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::\d{2})?"
        r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
        _I,
    ),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})(?:{_SEP}{_TIME})?", _I),
    re.compile(rf"(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?:{_SEP}{_TIME})?", _I),
    re.compile(
        rf"{_TIME},?\s+(?:(?:{_WEEKDAY_ANY})\.?,?\s+)?(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?"
        rf"\s+(?P<y>\d{{4}})",
        _I,
    ),
    re.compile(rf"(?P<d>\d{{1,2}})[/.](?P<m>\d{{1,2}})[/.](?P<y>\d{{4}})(?:{_SEP}{_TIME})?", _I),
]

_DAY_PAREN = re.compile(
    rf"\b(?:(?:pada|on)\s+)?(?:hari\s+)?(?P<wd>{_WEEKDAY_FULL})\s*,?\s*\((?P<d>\d{{1,2}})/"
    rf"(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\)",
    _I,
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?\s+(?P<y>\d{{4}})\b"
    rf"|\b(?P<mon2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b",
    _I,
)
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\b\.?"
    rf"|\b(?P<mon2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]?\d)",
    _I,
)
_NUMERIC = re.compile(
    r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b|\b(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})\b"
)
_WEEKDAY = re.compile(rf"\b(?:(?:on|pada|hari)\s+)?(?P<wd>{_WEEKDAY_FULL})\b(?!\s*\()", _I)
_MONTH_YEAR = re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<y>\d{{4}})\b", _I)
_MONTH_ALONE = re.compile(
    rf"\b(?:(?P<pre>{alternation('pada in bulan sejak since last this awal akhir early late'.split())})\s+)?"
    rf"(?P<mon>{_MONTH})\b(?:\s+(?P<post>{alternation('lalu kemarin mendatang depan nanti ini'.split())}))?",
    _I,
)
_YEAR = re.compile(r"\b(?:pada|in|tahun|sejak|since|during|selama)\s+(?P<y>(?:19|20)\d{2})\b(?!-)", _I)
_RELATIVE_OFFSETS = {
    "kemarin lusa": ("day", -2), "kemarin": ("day", -1), "yesterday": ("day", -1),
    "semalam": ("day", -1), "last night": ("day", -1), "hari ini": ("day", 0),
    "today": ("day", 0), "tonight": ("day", 0), "this morning": ("day", 0),
    "this afternoon": ("day", 0), "this evening": ("day", 0), "tadi pagi": ("day", 0),
    "tadi siang": ("day", 0), "tadi malam": ("day", 0), "bulan lalu": ("month", -1),
    "last month": ("month", -1), "tahun lalu": ("year", -1), "last year": ("year", -1),
}  # fmt: skip
_RELATIVE = re.compile(rf"\b(?P<rel>{alternation(_RELATIVE_OFFSETS)})\b", _I)
# Cheap pre-check: a date expression needs a digit, a month or weekday name or a relative word.
_ANY_DATE_WORD = re.compile(
    rf"\d|\b(?:{_MONTH}|{_WEEKDAY_FULL}|kemarin|yesterday|today|tonight|hari ini|semalam|"
    r"this (?:morning|afternoon|evening)|tadi|last (?:night|month|year)|bulan lalu|tahun lalu)\b",
    _I,
)
_DATE_WORDS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset("kemarin yesterday today tonight hari tadi semalam morning afternoon evening last".split())
)
_DIGIT = re.compile(r"\d")
# A month name, which four patterns need: they are tried only on text that has one.
_MONTH_WORD = re.compile(rf"\b(?:{_MONTH})", _I)
_LOWER_WORDS = re.compile(r"[a-z']+")


def _may_hold_date(chunk: str) -> bool:
    """Cheap pre-check (a set lookup per word) before the date patterns run."""
    if _DIGIT.search(chunk):
        return True
    words = set(_LOWER_WORDS.findall(chunk.lower()))
    return not words.isdisjoint(_DATE_WORDS) and _ANY_DATE_WORD.search(chunk) is not None


_FUTURE_AFTER = re.compile(r"^\W{0,3}(?:\w+\s+){0,1}(?:mendatang|depan|nanti|next|ahead)\b", _I)
_FUTURE_BEFORE = re.compile(
    r"\b(?:akan|will|would|dijadwalkan|scheduled|next|coming|upcoming|rencananya|"
    r"direncanakan|planned|due)\s+(?:[\w.:-]+\s+){0,5}$",
    _I,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: date
    precision: str  # "day" | "month" | "year"
    future: bool = False


@dataclass(frozen=True)
class Published:
    value: datetime
    precision: str  # "minute" | "day"
    timezone_assumed: bool
    start: int
    end: int


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _tzinfo(tz: str | None, language: str) -> tuple[timezone | ZoneInfo | None, bool]:
    if not tz:
        offset = pack_for(language).assumed_utc_offset
        return (timezone(timedelta(minutes=offset)) if offset else UTC), True
    tz = tz.strip()
    match = re.fullmatch(r"([A-Za-z]+)?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?", tz)
    if not match:
        return None, True
    name, sign, hours, minutes = match.groups()
    if sign:
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta >= timedelta(hours=15):
            return None, True
        return timezone(delta if sign == "+" else -delta), False
    key = (name or "").lower()
    if key in TZ_OFFSETS:
        return timezone(timedelta(minutes=TZ_OFFSETS[key])), False
    if key in TZ_NAMES:
        return ZoneInfo(TZ_NAMES[key]), False
    return None, True


def parse_published(text: str, *, language: str) -> Published | None:
    """The first publication timestamp written in ``text`` (a header), or None."""
    candidates: list[Published] = []
    for pattern in _PUBLISHED_PATTERNS:
        for match in pattern.finditer(text):
            found = _published_from_match(match, language)
            if found is not None:
                candidates.append(found)
                break
    if not candidates:
        return None
    return min(candidates, key=lambda p: (p.precision != "minute", p.start))


def parse_timestamp(value: str, *, language: str) -> Published | None:
    """A timestamp from HTML metadata ("2024-03-05T08:30:00+00:00", "2024-03-05")."""
    return parse_published(value, language=language)


def _published_from_match(match: re.Match, language: str) -> Published | None:
    groups = match.groupdict()
    try:
        year = int(groups["y"])
        month = int(groups["m"]) if groups.get("m") else _month_number(groups["mon"])
        day = int(groups["d"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 1900 <= year <= 2200:
        return None
    value = _safe_date(year, month, day)
    if value is None:
        return None
    if groups.get("hh") is None:
        tzinfo, assumed = _tzinfo(None, language)
        return Published(
            datetime(year, month, day, tzinfo=tzinfo), "day", assumed, match.start(), match.end()
        )
    hour, minute = int(groups["hh"]), int(groups["mi"])
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    tzinfo, assumed = _tzinfo(groups.get("tz"), language)
    if tzinfo is None:
        return None
    stamp = datetime(year, month, day, hour, minute, tzinfo=tzinfo)
    return Published(stamp, "minute", assumed, match.start(), match.end())


def find_dates(text: str, start: int, end: int, *, reference: date | None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``reference`` when relative."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    chunk = text[start:end]
    if not _may_hold_date(chunk):
        return found
    digits = _DIGIT.search(chunk) is not None
    months = (digits or reference is not None) and _MONTH_WORD.search(text, start, end) is not None

    def add(m_start: int, m_end: int, value: date | None, precision: str) -> None:
        if value is None or any(s < m_end and m_start < e for s, e in taken):
            return
        future = _looks_future(text, m_start, m_end, start, end)
        if reference is not None and value > reference:
            future = True
        taken.append((m_start, m_end))
        found.append(DateMention(m_start, m_end, value, precision, future))

    if digits:
        for m in _DAY_PAREN.finditer(text, start, end):
            year = _expand_year(m.group("y"), reference, int(m.group("m")), int(m.group("d")))
            if year is not None:
                add(m.start(), m.end(), _safe_date(year, int(m.group("m")), int(m.group("d"))), "day")
    if digits and months:
        for m in _DAY_MONTH_YEAR.finditer(text, start, end):
            mon = m.group("mon") or m.group("mon2")
            day = int(m.group("d") or m.group("d2"))
            add(
                m.start(),
                m.end(),
                _safe_date(int(m.group("y") or m.group("y2")), _month_number(mon), day),
                "day",
            )
    if digits:
        for m in _NUMERIC.finditer(text, start, end):
            if m.group("y"):
                value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            else:
                value = _safe_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
            add(m.start(), m.end(), value, "day")
    if digits and months:
        for m in _DAY_MONTH.finditer(text, start, end):
            mon = m.group("mon") or m.group("mon2")
            if not mon[0].isupper():
                continue
            day = int(m.group("d") or m.group("d2"))
            year = _expand_year(None, reference, _month_number(mon), day)
            if year is not None:
                add(m.start(), m.end(), _safe_date(year, _month_number(mon), day), "day")
    if reference is not None:
        for m in _WEEKDAY.finditer(text, start, end):
            word = m.group("wd")
            if not word[0].isupper() or text.startswith(("'s", "’s"), m.end()):
                continue  # "Sunday's final" dates an event, not when words were said
            if word.lower() == "minggu" and re.match(
                r"\s+(?:lalu|depan|ini|ke)", text[m.end() : m.end() + 8]
            ):
                continue
            delta = (reference.weekday() - WEEKDAYS[word.lower()]) % 7
            add(m.start(), m.end(), reference - timedelta(days=delta), "day")
        for m in _RELATIVE.finditer(text, start, end):
            precision, offset = _RELATIVE_OFFSETS[m.group("rel").lower()]
            add(m.start(), m.end(), _shift(reference, precision, offset), precision)
    if digits and months:
        for m in _MONTH_YEAR.finditer(text, start, end):
            if m.group("mon")[0].isupper():
                add(
                    m.start(),
                    m.end(),
                    _safe_date(int(m.group("y")), _month_number(m.group("mon")), 1),
                    "month",
                )
    if reference is not None and months:
        for m in _MONTH_ALONE.finditer(text, start, end):
            if not m.group("mon")[0].isupper() or not (m.group("pre") or m.group("post")):
                continue
            month = _month_number(m.group("mon"))
            year = reference.year if month <= reference.month else reference.year - 1
            post = (m.group("post") or "").lower()
            if post in {"mendatang", "depan", "nanti"}:
                year = reference.year if month >= reference.month else reference.year + 1
            elif (
                post in {"lalu", "kemarin"} or (m.group("pre") or "").lower() == "last"
            ) and month >= reference.month:
                year = reference.year - 1
            add(m.start(), m.end(), _safe_date(year, month, 1), "month")
    if digits:
        for m in _YEAR.finditer(text, start, end):
            add(m.start(), m.end(), _safe_date(int(m.group("y")), 1, 1), "year")
    found.sort(key=lambda d: d.start)
    return found


def _expand_year(raw: str | None, reference: date | None, month: int, day: int) -> int | None:
    if raw:
        year = int(raw)
        return year + 2000 if year < 100 else year
    if reference is None:
        return None
    candidate = _safe_date(reference.year, month, day)
    if candidate is not None and candidate > reference + timedelta(days=31):
        return reference.year - 1
    return reference.year


def _shift(reference: date, precision: str, offset: int) -> date:
    if precision == "day":
        return reference + timedelta(days=offset)
    if precision == "month":
        month_index = reference.year * 12 + reference.month - 1 + offset
        return date(month_index // 12, month_index % 12 + 1, 1)
    return date(reference.year + offset, 1, 1)


def _looks_future(text: str, m_start: int, m_end: int, start: int, end: int) -> bool:
    after = text[m_end : min(end, m_end + 20)]
    before = text[max(start, m_start - 40) : m_start]
    return bool(_FUTURE_AFTER.match(after) or _FUTURE_BEFORE.search(before))


def precision_value(value: date, precision: str) -> str:
    """ISO-like rendering at the given precision ("2023-12", "2023")."""
    if precision == "month":
        return value.isoformat()[:7]
    if precision == "year":
        return value.isoformat()[:4]
    return value.isoformat()
