"""How the API writes dates and times: one definition in Python, and the same in SQL.

The serializers, the Python fast path (``quotes.serializers.quote_representation``) and
the PostgreSQL read path (``quotes.selectors.quotes_as_json``) all take their formats
from here; ``tests/quotes/test_quote_fast_path.py`` checks that the three agree.
"""

from datetime import date, datetime

from django.utils import timezone


def api_datetime(value: datetime | None) -> str | None:
    """A timestamp as DRF writes it: ISO 8601 in the current time zone, "Z" for UTC.

    Microseconds appear only when there are any, as ``datetime.isoformat()`` does.
    """
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def local_datetime(value: datetime | None) -> str | None:
    """A publication time in its own zone, with its offset: 2023-09-20T14:35:00+07:00."""
    return value.isoformat() if value else None


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


# The same formats as SQL expressions (PostgreSQL), for queries run with parameters (hence
# "%%" for the modulo operator). ``zone`` is SQL yielding a time zone name.


def _iso_local(local: str, offset: str, *, z_for_utc: bool) -> str:
    """SQL: a local timestamp and its offset from UTC (an interval) as datetime.isoformat() writes them."""
    utc = f"CASE WHEN {offset} = interval '0' THEN 'Z' ELSE NULL END" if z_for_utc else "NULL"
    return (
        f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN extract(microseconds FROM {local})::int %% 1000000 = 0 THEN ''"
        f" ELSE to_char({local}, '.US') END"
        f" || COALESCE({utc}, CASE WHEN {offset} < interval '0' THEN '-' ELSE '+' END"
        f" || to_char(abs(extract(epoch FROM {offset}))::int / 3600, 'FM00') || ':'"
        f" || to_char(abs(extract(epoch FROM {offset}))::int %% 3600 / 60, 'FM00')"
        f" || CASE WHEN abs(extract(epoch FROM {offset}))::int %% 60 = 0 THEN ''"
        f" ELSE ':' || to_char(abs(extract(epoch FROM {offset}))::int %% 60, 'FM00') END)"
    )


def sql_api_datetime(column: str, zone: str) -> str:
    """SQL for ``api_datetime``: ``column`` (timestamptz) in the zone named by ``zone``."""
    local = f"({column} AT TIME ZONE {zone})"
    offset = f"({local} - ({column} AT TIME ZONE 'UTC'))"
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE {_iso_local(local, offset, z_for_utc=True)} END"


def sql_local_datetime(column: str, zone: str) -> str:
    """SQL for ``local_datetime``: ``column`` in the row's own zone (``zone``), always with an offset."""
    local = f"({column} AT TIME ZONE {zone})"
    offset = f"({local} - ({column} AT TIME ZONE 'UTC'))"
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE {_iso_local(local, offset, z_for_utc=False)} END"


def sql_iso_date(column: str) -> str:
    return f"to_char({column}, 'YYYY-MM-DD')"


def sql_partial_date(column: str, precision: str) -> str:
    """SQL for ``str(PartialDate)``: "2023-09-19", "2023-09" or "2023" by precision."""
    return (
        f"CASE {precision} WHEN 'year' THEN to_char({column}, 'YYYY') "
        f"WHEN 'month' THEN to_char({column}, 'YYYY-MM') ELSE to_char({column}, 'YYYY-MM-DD') END"
    )
