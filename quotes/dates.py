"""Dates known to a precision: a day, a month or only a year.

Sources often say only "in September 2023" or "in 2023". A partial date is
stored as the first day of its period plus the precision, and compared by the
whole period so that nothing claims more than the source does.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    start: date
    precision: str

    @property
    def end(self) -> date:
        """The last day the date could stand for."""
        if self.precision == Precision.YEAR:
            return date(self.start.year, 12, 31)
        if self.precision == Precision.MONTH:
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return date(self.start.year, self.start.month, last)
        return self.start

    def __str__(self):
        if self.precision == Precision.YEAR:
            return f"{self.start.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


def parse_partial_date(value: str) -> PartialDate:
    """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; raise ValueError naming the problem."""
    text = (value or "").strip()
    match = _PARTIAL_DATE_RE.match(text)
    if not match:
        raise ValueError(f"“{text}” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = match.groups()
    try:
        if day is not None:
            return PartialDate(date(int(year), int(month), int(day)), Precision.DAY)
        if month is not None:
            return PartialDate(date(int(year), int(month), 1), Precision.MONTH)
        return PartialDate(date(int(year), 1, 1), Precision.YEAR)
    except ValueError:
        raise ValueError(f"“{text}” is not a valid calendar date.") from None


def truncate(day: date, precision: str) -> date:
    """The first day of the period of the given precision that contains ``day``."""
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return day.replace(day=1)
    return day


_INDONESIAN_ZONES = {7: "Asia/Jakarta", 8: "Asia/Makassar", 9: "Asia/Jayapura"}


def timezone_name_for(moment: datetime | None, *, language: str = "") -> str:
    """An IANA zone name for an aware datetime (WIB → Asia/Jakarta, +02:00 → Etc/GMT-2)."""
    if moment is None or moment.tzinfo is None:
        return "UTC"
    if isinstance(moment.tzinfo, ZoneInfo):
        return moment.tzinfo.key
    offset = moment.utcoffset()
    hours, remainder = divmod(int(offset.total_seconds()), 3600)
    if remainder:
        return "UTC"
    if language.startswith("id") and hours in _INDONESIAN_ZONES:
        return _INDONESIAN_ZONES[hours]
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"
