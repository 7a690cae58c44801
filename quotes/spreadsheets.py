"""Reading a spreadsheet of quotes (CSV or XLSX) into rows for ``services.quotes_import_rows``.

One row per quote and citation; the first line names the columns (``IMPORT_COLUMNS``,
in any case and spacing). The import itself, its rules and its messages are the service's.
"""

import contextlib
import csv
import io
import re
import secrets
import tempfile
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from .services import IMPORT_COLUMNS

REQUIRED_COLUMNS = ("speaker", "text")
FORMATS = ("csv", "xlsx")


def size_label(size: int) -> str:
    """A size limit in words: "10 MB", "500 KB", "100 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{round(size / factor, 1):g} {unit}"
    return f"{size} bytes"


def header_name(name) -> str:
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year typed in a number cell: 2023, not 2023.0
    return str(value)


def _too_many_rows():
    limit = settings.QUOTE_IMPORT_MAX_ROWS
    return ValidationError(
        f"The spreadsheet has more than {limit:,} rows; at most {limit:,} can be imported at once "
        "(QUOTE_IMPORT_MAX_ROWS). Split it into smaller files."
    )


def _csv_lines(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"The file is not UTF-8 text (byte {error.start}); save the CSV as UTF-8 and upload it again."
        ) from None
    if "\0" in text:
        raise ValidationError("The file holds NUL characters: it is not a CSV file.")
    return csv.reader(io.StringIO(text, newline=""))


def _xlsx_lines(data: bytes):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError("The file is not an XLSX workbook; save it as .xlsx or .csv.") from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        return iter(())
    return sheet.iter_rows(values_only=True)


def read_rows(data: bytes, *, file_format: str) -> tuple[list[dict], list[int]]:
    """The data rows as dicts keyed by column name, and their line numbers (the header is line 1).

    Blank lines are left out. Refuses a file above the size limit, unknown formats,
    missing columns and more rows than the row limit, each with a message saying so.
    """
    if len(data) > settings.QUOTE_IMPORT_MAX_BYTES:
        raise ValidationError(
            f"The file is larger than {size_label(settings.QUOTE_IMPORT_MAX_BYTES)} "
            "(QUOTE_IMPORT_MAX_BYTES); split it into smaller files."
        )
    if file_format not in FORMATS:
        raise ValidationError(f"Upload a .csv or .xlsx file; “{file_format}” files cannot be read.")
    lines = _csv_lines(data) if file_format == "csv" else _xlsx_lines(data)
    header = [header_name(name) for name in next(lines, None) or ()]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            f"Missing column(s): {', '.join(missing)}. Expected columns: {', '.join(IMPORT_COLUMNS)}."
        )
    if "source_url" not in header and "source_title" not in header:
        raise ValidationError("Add a source_url or a source_title column: every quote needs its source.")
    limit = settings.QUOTE_IMPORT_MAX_ROWS
    rows, numbers = [], []
    try:
        for number, line in enumerate(lines, start=2):
            values = [_cell(value) for value in line]
            if not any(value.strip() for value in values):
                continue
            if len(rows) == limit:
                raise _too_many_rows()
            rows.append(dict(zip(header, values, strict=False)))
            numbers.append(number)
    except csv.Error as error:
        raise ValidationError(f"The CSV cannot be read after row {len(rows) + 1}: {error}.") from None
    return rows, numbers


# The file between preview and confirmation ------------------------------------------------------------------

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_KEEP = 24 * 3600


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "quote-spreadsheet-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def stash(data: bytes) -> str:
    """Keep an uploaded file until the editor confirms its preview; returns the token naming it."""
    folder = _folder()
    now = time.time()
    for old in folder.iterdir():
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > _KEEP:
                old.unlink()
    token = secrets.token_urlsafe(32)
    (folder / token).write_bytes(data)
    return token


def unstash(token: str) -> bytes | None:
    if not _TOKEN.match(token or ""):
        return None
    try:
        return (_folder() / token).read_bytes()
    except OSError:
        return None


def discard(token: str) -> None:
    if _TOKEN.match(token or ""):
        with contextlib.suppress(OSError):
            (_folder() / token).unlink()
