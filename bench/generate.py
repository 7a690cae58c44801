"""Generate a realistic dataset of N quotes straight into PostgreSQL with COPY.

Shape (scaled from the 1,000,000-quote reference): 500 outlets, 200 sources per 1,000
quotes (at most 200,000), 50 speakers per 1,000 quotes (at most 50,000) with two
aliases and a role each, ~1.3 citations per quote, 200 tags (half of the quotes
tagged), Zipf-distributed speakers and Indonesian + English vocabulary, dates to
the day, month or year (and some undated), a few percent of verdicts, and 2% of
quotes repeating another speaker's words (shared fingerprints).

Columns come from each model's ``_meta.concrete_fields``: a field the generator does
not know (say a new ``version``) gets the field's default, so new columns do not
break it. Secondary indexes and unique constraints are dropped during the load and
built after it, and triggers (foreign-key checks) are off for the load sessions: the
data is generated consistent.

Where the time goes, and what keeps it short (figures per 100,000 quotes, CPU time):
- Quotes, citations and tags go in by binary COPY, their fixed-width columns laid out
  by numpy, so PostgreSQL parses no dates or numbers; quotes are built a block at a
  time in this thread while a second connection COPYs the previous block, after the
  citations and tags (built whole by numpy), all in one transaction that empties the
  tables first (COPY FREEZE: VACUUM has nothing left to do, and no WAL is written).
- The stored generated ``search_vector`` (``to_tsvector('simple', text)``) was most of
  PostgreSQL's work: about 25 µs a quote to parse the text again. Each quote's words
  are known here, so ``_search_vectors`` writes the vector in tsvector's binary form,
  with the column marked not generated in the catalog for the load only; the vectors
  are then checked against PostgreSQL's own (every word, and a sample of quotes).
- What remains is Python building rows (about 2 s: drawing the words, texts, SHA-256
  fingerprints, vectors) while PostgreSQL stores them (about 1.5 s), then the index
  builds (about 4 s, the GIN index on ``search_vector`` the longest; two at a time on
  two connections) and ANALYZE (about 1 s).

``rate_load`` counts the *load* (every row stored, from the first COPY to the commit);
``rate_total`` counts it *overall with indexes* (indexes, unique constraints, sequences,
VACUUM and ANALYZE too), the figure to compare with a database ready to serve.
"""

import collections
import contextlib
import functools
import hashlib
import itertools
import os
import queue
import threading
import time
from datetime import UTC, date, datetime, timedelta

import numpy as np
from django.db import connection
from django.db.models import NOT_PROVIDED

from core.models import ContentVersion
from quotes.dates import PartialDate, truncate
from quotes.models import NO_DATETIME, Citation, Quote, Role, Speaker, SpeakerAlias, Tag
from sources.models import Contributor, Outlet, Source

ID_WORDS = (
    "yang dan di itu dengan untuk tidak ini dari dalam akan pada juga kita kami saya ada bisa sudah harus "
    "karena oleh lebih masih seperti negara pemerintah rakyat presiden menteri kebijakan ekonomi harga beras "
    "banjir warga kota desa jalan sekolah rumah sakit pajak anggaran dana proyek pembangunan kerja sama "
    "koordinasi kampanye hegemoni budaya keamanan pertahanan hukum pengadilan korupsi pemilu partai suara "
    "daerah provinsi kabupaten bantuan sosial pangan energi listrik minyak gas tambang hutan laut nelayan "
    "petani buruh upah pekerja investasi pasar saham rupiah inflasi bunga bank utang ekspor impor pelabuhan"
).split()
EN_WORDS = (
    "the of and to in is that for it on we will not be this with are have they our as at by but from "
    "government people president minister policy economy price rice flood city village road school hospital "
    "tax budget fund project development cooperation campaign security defence law court corruption election "
    "party vote region province aid food energy power oil gas mine forest sea fishermen farmers workers wages "
    "investment market shares inflation interest bank debt export import port war peace talks crisis reform"
).split()
FIRST_NAMES = (
    "Joko Siti Budi Sri Agus Dewi Ahmad Rina Hendra Wati Bambang Nur Eko Yuni Rudi Maria John Anna Michael "
    "Sarah David Laura James Elena Peter Olga Ivan Wang Li Chen Nikolai Sergei Fatima Omar Aisha Kofi Amina"
).split()
LAST_NAMES = (
    "Widodo Mulyani Santoso Wahyuni Prabowo Lestari Hidayat Kusuma Saputra Rahman Nugroho Pratama Setiawan "
    "Hartono Gunawan Smith Jones Brown Garcia Müller Rossi Dubois Petrov Ivanova Yi Wei Patrushev Lavrov "
    "Mensah Okafor Haddad Nasser Tanaka Sato Kim Park Nguyen Tran Silva Santos"
).split()
ROLE_TITLES = [
    ("Minister of Finance", "Government of Indonesia"),
    ("Governor", "Province of Jakarta"),
    ("Spokesperson", "Ministry of Foreign Affairs"),
    ("Chair", "National Election Commission"),
    ("Member", "House of Representatives"),
    ("Chief executive", "State Electricity Company"),
    ("Mayor", "City of Surabaya"),
    ("Secretary", "Security Council"),
]
TIMEZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC", "Europe/London"]
EPOCH = date(2000, 1, 1)
DAYS = (date(2025, 12, 31) - EPOCH).days


class Table:
    """One model's table as COPY text, in the order of the model's concrete columns.

    ``row = Table(Model, "id", "name", ...).row`` is a function of those fields' values,
    already in COPY text form (``N`` for NULL); every other column gets its default.
    """

    def __init__(self, model, *known):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
        self.columns = [f.column for f in self.fields]
        by_name = {}
        for field in self.fields:
            by_name[field.name] = by_name[field.attname] = field
        unknown = set(known) - set(by_name)
        if unknown:
            raise RuntimeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
        params = [by_name[name].attname for name in known]
        constants, parts = {}, []
        for field in self.fields:
            if field.attname in params:
                parts.append("{" + field.attname + "}")
                continue
            name = f"_default_{len(constants)}"
            constants[name] = _copy_text(_default(model, field))
            parts.append("{" + name + "}")
        # A formatter compiled once for this column order: about a microsecond a row.
        code = f"def row({', '.join(params)}):\n    return f'{TAB.join(parts)}{NEWLINE}'\n"
        namespace = dict(constants)
        exec(code, namespace)
        self.row = namespace["row"]


def _default(model, field):
    """The value a column gets when the generator does not name it."""
    if field.default is not NOT_PROVIDED:
        return field.get_default()
    if field.null:
        return None
    if field.blank and field.empty_strings_allowed:
        return ""
    raise RuntimeError(f"{model.__name__}.{field.name} has no default; teach bench/generate.py it.")


N = "\\N"
TAB, NEWLINE = "\\t", "\\n"  # as written inside the formatter's source


def _copy_text(value) -> str:
    if value is None:
        return N
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _copy(cursor, table: Table, lines) -> int:
    """COPY the lines into the table in 1 MB chunks; returns the number of rows."""
    sql = f"COPY {table.model._meta.db_table} ({', '.join(table.columns)}) FROM STDIN"
    rows = 0
    with cursor.copy(sql) as copy:
        chunk = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == 5000:
                copy.write("".join(chunk))
                rows += len(chunk)
                chunk = []
        copy.write("".join(chunk))
        rows += len(chunk)
    return rows


# Binary COPY -------------------------------------------------------------------------------------------------
# Text COPY makes PostgreSQL parse every date and number; binary COPY takes them as they are stored.

SIGNATURE, TRAILER = b"PGCOPY\n\xff\r\n\x00" + bytes(8), b"\xff\xff"
NULL = b"\xff\xff\xff\xff"
FINGERPRINT = (64).to_bytes(4, "big")  # a SHA-256 in hex
PG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SEARCH_VECTOR = "to_tsvector('simple'::regconfig, COALESCE(text, ''::text))"


def _field(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _int8(value: int) -> bytes:
    return b"\x00\x00\x00\x08" + value.to_bytes(8, "big", signed=True)


def _bool(value) -> bytes:
    return b"\x00\x00\x00\x01\x01" if value else b"\x00\x00\x00\x01\x00"


def _date(day: date) -> bytes:
    return b"\x00\x00\x00\x04" + (day - PG_EPOCH.date()).days.to_bytes(4, "big", signed=True)


def _since_2000(moment: datetime) -> int:
    """A timestamptz as PostgreSQL stores it: microseconds since 2000-01-01 UTC."""
    return (moment - PG_EPOCH) // timedelta(microseconds=1)


class BinaryTable:
    """One model's table for binary COPY: the named columns first, in that order (values encoded by
    the caller), then every other column with its default, encoded once by PostgreSQL's send function.
    """

    def __init__(self, cursor, model, *known):
        self.name = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields}
        cursor.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typsend::regproc::text, a.attgenerated <> '' "
            "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            [self.name],
        )
        columns = cursor.fetchall()
        unknown = set(known) - {name for name, *_ in columns}
        if unknown:
            raise RuntimeError(f"{self.name} has no column {', '.join(sorted(unknown))}")
        self.types = {name: type_name for name, type_name, *_ in columns}
        rest, tail = [], []
        for name, type_name, send, generated in columns:
            if name in known or generated:
                continue
            if name not in fields:
                raise RuntimeError(f"{self.name}.{name} is not a model field; teach bench/generate.py it.")
            value = _default(model, fields[name])
            if value is None:
                tail.append(NULL)
            else:
                cursor.execute(f"SELECT {send}(%s::{type_name})", [value])
                tail.append(_field(bytes(cursor.fetchone()[0])))
            rest.append(name)
        self.columns = [*known, *rest]
        self.head = len(self.columns).to_bytes(2, "big")
        self.tail = b"".join(tail)

    def rows(self, *columns, tail=True) -> bytes:
        """Rows of the first ``len(columns)`` columns, built by numpy from one array per column:
        integers for bigint and timestamptz (microseconds since 2000), fixed-length bytes for text.
        Without ``tail`` the rows stop there, for the caller to complete."""
        layout = [("head", ">i2")]
        for k, values in enumerate(columns):
            values = np.asarray(values)
            if values.dtype.kind in "iu":
                if self.types[self.columns[k]] not in ("bigint", "timestamp with time zone"):
                    raise RuntimeError(f"{self.name}.{self.columns[k]} is not 8 bytes wide")
                layout += [(f"n{k}", ">i4"), (f"v{k}", ">i8")]
            else:
                layout += [(f"n{k}", ">i4"), (f"v{k}", values.dtype.str)]
        if tail and self.tail:
            layout.append(("tail", f"V{len(self.tail)}"))
        out = np.zeros(len(columns[0]), dtype=layout)
        out["head"] = len(self.columns)
        for k, values in enumerate(columns):
            out[f"n{k}"] = out.dtype[f"v{k}"].itemsize
            out[f"v{k}"] = values
        if tail and self.tail:
            out["tail"] = np.void(self.tail)
        return out.tobytes()


def _load_frozen(cursor, loads, tables) -> list[int]:
    """COPY each (table, rows) pair, rows as bytes or an iterable of bytes, in one transaction that
    empties the tables first: the rows are written frozen and marked all-visible, so VACUUM has
    nothing left to do, and (wal_level=minimal) without WAL. Returns the row counts."""
    cursor.execute("BEGIN")
    cursor.execute(f"TRUNCATE {', '.join(tables)}")
    counts = []
    for table, data in loads:
        columns = ", ".join(table.columns)
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN (FORMAT BINARY, FREEZE)") as copy:
            copy.write(SIGNATURE)
            for chunk in [data] if isinstance(data, bytes) else data:
                view = memoryview(chunk)
                for at in range(0, len(view), 1 << 20):
                    copy.write(view[at : at + (1 << 20)])
            copy.write(TRAILER)
        counts.append(cursor.rowcount)
    cursor.execute("COMMIT")
    return counts


class _Side(threading.Thread):
    """``function(cursor, *args)`` on a second connection, beside the main one (the machine has cores
    for PostgreSQL to parse two streams while Python builds rows); ``join()`` returns its result."""

    def __init__(self, function, *args):
        super().__init__(daemon=True)
        self.function, self.args, self.result, self.error = function, args, None, None
        self.start()

    def run(self):
        from django.db import connections

        side = connections.create_connection("default")
        try:
            with side.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
                self.result = self.function(cursor.cursor, *self.args)
        except BaseException as error:  # re-raised by join()
            self.error = error
        finally:
            side.close()

    def join(self, timeout=None):
        super().join(timeout)
        if self.error is not None:
            raise self.error
        return self.result


def _run_on_two_connections(cursor, statements):
    """Run the statements on this connection and a second one, each taking the next in turn."""
    queue = collections.deque(statements)

    def work(cur):
        while queue:
            try:
                statement = queue.popleft()
            except IndexError:
                return
            cur.execute(statement)

    side = _Side(work)
    work(cursor)
    side.join()


def _unique_constraints(cursor, tables):
    """(table, name, definition) of the unique constraints (other than primary keys) on these tables."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'u' AND conrelid::regclass::text = ANY(%s)",
        [tables],
    )
    return cursor.fetchall()


# Quote text and search vectors -------------------------------------------------------------------------------


def _texts(words, ends, vocabulary) -> list[bytes]:
    """Each quote's text, its words joined by spaces, as UTF-8: one join and one split, both in C."""
    encoded = [w.encode() for w in vocabulary]
    tokens = np.array(encoded, dtype=object)[words]
    last = ends - 1
    tokens[last] = np.array([w + b"\0" for w in encoded], dtype=object)[words[last]]
    texts = b" ".join(tokens.tolist()).split(b"\0 ")
    texts[-1] = texts[-1][:-1]
    return texts


def _search_vectors(words, lengths, vocabulary):
    """Binary COPY fields of every quote's ``to_tsvector('simple', text)``, built from its words.

    The simple configuration makes each of these words (lower-case letters and digits) one lexeme at
    its position, so a quote's vector is its distinct words in byte order, each with the positions
    where it occurs; in binary: the lexeme count, then per lexeme its bytes, a NUL, the number of
    positions and the positions (uint16). Returns one buffer and the offsets: quote i's field is
    ``buffer[at[i]:at[i + 1]]``. ``_check_search_vectors`` compares a sample with PostgreSQL's own.
    """
    encoded = sorted({w.encode() for w in vocabulary})  # a lexeme can be an Indonesian and an English word
    index = {w: k for k, w in enumerate(encoded)}
    rank = np.array([index[w.encode()] for w in vocabulary], dtype=np.int64)
    n, v = len(lengths), len(encoded)
    starts = np.cumsum(lengths) - lengths
    quote = np.repeat(np.arange(n, dtype=np.int64), lengths)
    position = np.arange(len(words), dtype=np.int64) - np.repeat(starts, lengths) + 1
    key = np.sort((quote * v + rank[words]) * 64 + position)  # by quote, lexeme, position (< 64)
    position, lexeme = key % 64, key // 64
    first = np.ones(len(key), dtype=bool)  # a lexeme's first occurrence in its quote
    first[1:] = lexeme[1:] != lexeme[:-1]
    word = lexeme[first] % v
    count = np.diff(np.append(np.flatnonzero(first), len(key)))
    word_length = np.array([len(w) + 1 for w in encoded])[word]  # with the NUL
    size = np.full(len(key), 2, dtype=np.int64)
    size[first] += word_length + 2
    data_size = 4 + np.add.reduceat(size, starts)
    lexemes = np.add.reduceat(first.astype(np.int64), starts)
    at = np.zeros(n + 1, dtype=np.int64)
    at[1:] = np.cumsum(4 + data_size)
    offset = np.cumsum(size) - size + 8 * (quote + 1)  # after the field length and lexeme count
    buffer = np.zeros(at[-1], dtype=np.uint8)
    for k in range(4):
        buffer[at[:-1] + k] = data_size >> (24 - 8 * k) & 255
        buffer[at[:-1] + 4 + k] = lexemes >> (24 - 8 * k) & 255
    letters = np.zeros((v, max(map(len, encoded))), dtype=np.uint8)
    for k, w in enumerate(encoded):
        letters[k, : len(w)] = np.frombuffer(w, dtype=np.uint8)
    start = offset[first]
    for k in range(letters.shape[1]):
        longer = word_length - 1 > k
        buffer[start[longer] + k] = letters[word[longer], k]
    buffer[start + word_length] = count >> 8
    buffer[start + word_length + 1] = count & 255
    end = offset + size
    buffer[end - 2] = position >> 8
    buffer[end - 1] = position & 255
    return buffer.tobytes(), at.tolist()


def _search_vector_is_known(cursor) -> bool:
    """Whether quotes_quote.search_vector is the generated column _search_vectors computes, and we
    may write it (a superuser: the benchmark's own server). Otherwise PostgreSQL computes it."""
    cursor.execute(
        "SELECT pg_get_expr(d.adbin, d.adrelid), current_setting('is_superuser') FROM pg_attribute a "
        "JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = 'quotes_quote'::regclass AND a.attname = 'search_vector' AND a.attgenerated = 's'"
    )
    row = cursor.fetchone()
    return row == (SEARCH_VECTOR, "on")


@contextlib.contextmanager
def _search_vector_as_column(cursor, enabled):
    """Let COPY write the generated search_vector (computed by _search_vectors) instead of having
    PostgreSQL parse every text again, the largest part of the load. PostgreSQL has no command to
    supply a stored generated column's values, so the catalog marks it not generated for the load
    and generated again after it: the table's definition ends as it was."""
    if not enabled:
        yield
        return
    sql = (
        "UPDATE pg_attribute SET attgenerated = %s "
        "WHERE attrelid = 'quotes_quote'::regclass AND attname = 'search_vector'"
    )
    cursor.execute(sql, [""])
    try:
        yield
    finally:
        cursor.execute(sql, ["s"])


def _check_search_vectors(cursor, n_quotes, vocabulary):
    """Check _search_vectors against PostgreSQL: every word is a lexeme of its own, and about 2,000
    loaded vectors (found by primary key) equal what PostgreSQL computes from their text."""
    cursor.execute(
        "SELECT count(*) FROM unnest(%s::text[]) AS word "
        "WHERE to_tsvector('simple'::regconfig, word)::text <> quote_literal(word) || ':1'",
        [vocabulary],
    )
    (words,) = cursor.fetchone()
    cursor.execute(
        f"SELECT count(*), count(*) FILTER (WHERE search_vector IS DISTINCT FROM {SEARCH_VECTOR}) "
        "FROM quotes_quote WHERE id IN (SELECT generate_series(1, %s, %s))",
        [n_quotes, max(1, n_quotes // 2000)],
    )
    checked, wrong = cursor.fetchone()
    if words or wrong or not checked:
        raise RuntimeError(
            f"Search vectors differ from PostgreSQL's: {words} words are not one lexeme each, "
            f"{wrong} of {checked} quotes' vectors differ."
        )


def _zipf_weights(n, s):
    weights = 1.0 / np.arange(1, n + 1) ** s
    return weights / weights.sum()


def _secondary_indexes(cursor, tables):
    """(name, definition) of every index that backs no constraint, on these tables."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    )
    return cursor.fetchall()


def generate(n_quotes: int, *, seed: int = 7, log=print) -> dict:
    """Load ``n_quotes`` quotes and everything around them; return counts, timings and probe values."""
    nrng = np.random.default_rng(seed)
    n_outlets = 500
    n_sources = max(200, min(200_000, n_quotes // 5))
    n_speakers = max(50, min(50_000, n_quotes // 20))
    now = datetime(2026, 1, 1, tzinfo=UTC)

    models = [
        Outlet,
        Source,
        Contributor,
        Speaker,
        SpeakerAlias,
        Role,
        Tag,
        Quote,
        Citation,
        Quote.tags.through,
    ]
    table_names = [m._meta.db_table for m in models]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        pg = cursor.cursor  # psycopg cursor, for COPY
        indexes = _secondary_indexes(cursor, table_names)
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        uniques = _unique_constraints(cursor, table_names)  # checked once at the end, by sorting, not per row
        for table, name, _ in uniques:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        cursor.execute("SET session_replication_role = replica")  # no FK triggers during the load

        stamp = now.isoformat()
        t = Table(Outlet, "id", "name", "slug", "domain", "country", "language", "created_at", "updated_at")
        _copy(
            pg,
            t,
            (
                t.row(i, f"Outlet {i}", f"outlet-{i}", f"outlet{i}.example", "ID" if i % 3 else "GB",
                      "id" if i % 3 else "en", stamp, stamp)
                for i in range(1, n_outlets + 1)
            ),
        )  # fmt: skip

        # Sources (a few without an outlet, URL or publication time) and their bylines
        seconds = nrng.integers(0, 26 * 365 * 86400, size=n_sources + 1)
        published = np.datetime_as_string(
            np.datetime64("2000-01-01T00:00:00") + seconds.astype("timedelta64[s]")
        )
        source_published = [f"{p}+00:00" for p in published.tolist()]
        for i in range(0, n_sources + 1, 50):
            source_published[i] = None
        t = Table(
            Source, "id", "kind", "title", "url", "outlet", "published_at", "timezone", "language", "dateline",
            "archive_url", "created_at", "updated_at",
        )  # fmt: skip
        kinds = ["news_article"] * 8 + ["transcript", "press_release"]
        vocab_id, vocab_en = ID_WORDS, EN_WORDS
        _copy(
            pg,
            t,
            (
                t.row(i, kinds[i % 10], f"{vocab_id[i % len(vocab_id)].capitalize()} {vocab_id[(i // 7) % len(vocab_id)]} {vocab_en[(i // 3) % len(vocab_en)]} {i}",
                      f"https://outlet{1 + i % n_outlets}.example/article/{i}" if i % 10 else N,
                      1 + i % n_outlets if i % 20 else N, source_published[i] or N, TIMEZONES[i % 5],
                      "id" if i % 3 else "en", "Jakarta" if i % 4 else "", "", stamp, stamp)
                for i in range(1, n_sources + 1)
            ),
        )  # fmt: skip
        t = Table(Contributor, "id", "source", "name", "role", "position")
        _copy(
            pg,
            t,
            (
                t.row(i, i, f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i // 7) % len(LAST_NAMES)]}", "author", 0)
                for i in range(1, n_sources + 1)
                if i % 4
            ),
        )  # fmt: skip

        # Speakers, with two aliases and a role each
        names = [None] + [
            (FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)])
            for i in range(1, n_speakers + 1)
        ]
        t = Table(
            Speaker,
            "id",
            "name",
            "slug",
            "kind",
            "wikidata_id",
            "description",
            "search_name",
            "created_at",
            "updated_at",
        )
        _copy(
            pg,
            t,
            (
                t.row(i, f"{first} {last} {i}", f"{first}-{last}-{i}".lower(), "person" if i % 10 else "organisation",
                      f"Q{1000 + i}" if i % 5 else N, "", _fold(f"{first} {last}") + f" {i}", stamp, stamp)
                for i, (first, last) in enumerate(names[1:], start=1)
            ),
        )  # fmt: skip
        t = Table(SpeakerAlias, "id", "speaker", "name", "search_name")
        _copy(
            pg,
            t,
            (
                t.row(2 * i - 1 + k, i, f"{alias} {i}", _fold(alias) + f" {i}")
                for i, (first, last) in enumerate(names[1:], start=1)
                for k, alias in enumerate((last, f"{first[0]}. {last}"))
            ),
        )  # fmt: skip
        t = Table(Role, "id", "speaker", "title", "organisation")
        _copy(pg, t, (t.row(i, i, *ROLE_TITLES[i % len(ROLE_TITLES)]) for i in range(1, n_speakers + 1)))
        t = Table(Tag, "id", "name", "slug")
        _copy(pg, t, (t.row(i, f"Topic {i}", f"topic-{i}") for i in range(1, 201)))
        support_done = time.perf_counter()

        # Quotes: words and speakers drawn from Zipf distributions, everything else vectorised
        vocabulary = [w for pair in zip(ID_WORDS, EN_WORDS, strict=False) for w in pair]
        vocabulary += [f"{w}{k}" for k in range(1, 30) for w in ID_WORDS + EN_WORDS]  # a long tail
        lengths = nrng.integers(6, 30, size=n_quotes)
        ends = np.cumsum(lengths)
        words = nrng.choice(len(vocabulary), size=ends[-1], p=_zipf_weights(len(vocabulary), 1.05))
        speaker_of = (nrng.choice(n_speakers, size=n_quotes, p=_zipf_weights(n_speakers, 0.9)) + 1).tolist()
        said_days = nrng.integers(0, DAYS, size=n_quotes)
        draws = nrng.random(size=n_quotes)
        sample = min(n_quotes, 20_000)  # document frequencies, for the probe words
        word_df = np.bincount(
            np.unique(
                np.repeat(np.arange(sample), lengths[:sample]) * len(vocabulary) + words[: ends[sample - 1]]
            )
            % len(vocabulary),
            minlength=len(vocabulary),
        )
        pk = np.arange(1, n_quotes + 1, dtype=np.int64)
        created = _since_2000(now) - (n_quotes - pk) * 60_000_000  # a minute apart, the newest last

        # Each quote's first source, and a second one for about 30%, as citations
        first_source = 1 + (pk * 2654435761) % n_sources
        second_source = 1 + (first_source + pk) % n_sources
        has_second = ((pk * 31) % 10 < 3) & (second_source != first_source)
        per_quote = 1 + has_second
        first_row = np.cumsum(per_quote) - per_quote
        citation_source = np.repeat(first_source, per_quote)
        citation_source[first_row[has_second] + 1] = second_source[has_second]
        locator = np.full(len(citation_source), b"paragraph 1", dtype="S11")
        locator[first_row] = np.char.add(b"paragraph ", (1 + pk % 9).astype("S1"))
        citation_table = BinaryTable(cursor, Citation, "id", "quote_id", "source_id", "locator", "created_at")
        citations = citation_table.rows(
            np.arange(1, len(citation_source) + 1), np.repeat(pk, per_quote), citation_source, locator,
            np.repeat(created, per_quote),
        )  # fmt: skip
        tagged = pk[pk % 2 == 1]
        tag_table = BinaryTable(cursor, Quote.tags.through, "id", "quote_id", "tag_id")
        tags = tag_table.rows(tagged, tagged, 1 + tagged % 200)
        vectors = _search_vector_is_known(cursor)
        quote_table = BinaryTable(
            cursor, Quote, "id", "created_at", "updated_at", "first_published_at", "text", "speaker_id", "role_id",
            "said_on", "said_on_precision", "said_on_latest", "sort_date", "language", "original_language", "type",
            "said_on_approximate", "place", "status", "status_note", "machine_extracted", "reviewed_at",
            "fingerprint", *(["search_vector"] if vectors else []),
        )  # fmt: skip
        # A second connection loads citations and tags now, then the quotes as this thread builds them.
        during_load = contextlib.ExitStack()
        during_load.enter_context(_search_vector_as_column(cursor, vectors))
        blocks = queue.Queue(maxsize=4)
        side_load = _Side(
            _load_frozen,
            [(citation_table, citations), (tag_table, tags), (quote_table, iter(blocks.get, None))],
            [quote_table.name, citation_table.name, tag_table.name],
        )

        # A quote's first publication: the earlier of its sources' (0001-01-01 when neither has one)
        never = np.iinfo(np.int64).max
        published = np.where(np.arange(n_sources + 1) % 50 == 0, never, seconds * 1_000_000)
        first_published = np.minimum(
            published[first_source], np.where(has_second, published[second_source], never)
        )
        first_published[first_published == never] = _since_2000(NO_DATETIME)

        fixed = quote_table.rows(pk, created, created, first_published, tail=False)
        width = len(fixed) // n_quotes
        # said_on, said_on_precision, said_on_latest and sort_date, for every day and precision
        date_field = functools.cache(_date)
        said = [NULL + _field(b"") + NULL + date_field(date(1, 1, 1))]
        for precision in ("day", "month", "year"):
            for day in range(DAYS):
                start = truncate(EPOCH + timedelta(days=day), precision)
                end = PartialDate(start, precision).end
                said.append(
                    date_field(start) + _field(precision.encode()) + date_field(end) + date_field(start)
                )
        precision = np.searchsorted([0.07, 0.77, 0.92], draws, side="right")  # 0: undated
        said = np.array(said, dtype=object)[
            np.where(precision == 0, 0, 1 + (precision - 1) * DAYS + said_days)
        ]
        # language, original_language, type, said_on_approximate, place, status, status_note, machine_extracted
        statuses = ["unverified", "verified", "disputed", "misattributed"]
        types = ["direct", "direct", "direct", "indirect", "indirect", "paraphrase"]
        verdict = (pk * 13) % 100 < 3
        parts = [
            ((pk * 7) % 10 >= 6, 2), (pk % 5 == 0, 2), (pk % 6, 6), ((pk % 20 == 0) & (precision > 0), 2),
            (pk % 3 == 0, 2), (np.where(verdict, 1 + pk % 3, 0), 4), (pk % 4 == 0, 2),
        ]  # fmt: skip
        code = np.zeros(n_quotes, dtype=np.int64)
        for values, size in parts:
            code = code * size + values
        misc = []
        for english, translated, kind, approximate, jakarta, state, machine in itertools.product(
            *(range(size) for _, size in parts)
        ):
            language, other = ("en", "id") if english else ("id", "en")
            note = "Checked against the recording." if state else ""
            misc.append(
                b"".join(_field(v.encode()) for v in (language, other if translated else "", types[kind]))
                + _bool(approximate)
                + b"".join(_field(v.encode()) for v in ("Jakarta" if jakarta else "", statuses[state], note))
                + _bool(machine)
            )
        reviewed = np.full(n_quotes, NULL, dtype=object)  # reviewed_at: when created, for a verdict
        reviewed[verdict] = [_int8(moment) for moment in created[verdict].tolist()]
        middle = (said + np.array(misc, dtype=object)[code] + reviewed).tolist()

        # 2% repeat the words of an earlier quote (one of the first 100,000), said by another speaker
        index = np.arange(n_quotes)
        origin = np.where(
            (index > 100) & (draws < 0.02), (draws * 50 * np.minimum(index, 100_000)).astype(np.int64), index
        )
        while not ((deeper := origin[origin]) == origin).all():  # a repeat of a repeat
            origin = deeper
        origin = origin.tolist()
        speaker_fields = [b""] + [_int8(s) for s in range(1, n_speakers + 1)]
        starts = (ends - lengths).tolist()

        def quotes(size=25_000):
            """Binary rows, a block at a time, so PostgreSQL parses one block while the next is built.
            Texts, fingerprints and vectors are kept for later repeats; rows are joined in C."""
            texts, text_fields, fingerprints, vector_fields, taken = [], [], [], [], set()
            tail = itertools.repeat(quote_table.tail)
            for begin in range(0, n_quotes, size):
                end = min(begin + size, n_quotes)
                block = words[starts[begin] : starts[end - 1] + lengths[end - 1]]
                new = _texts(block, ends[begin:end] - starts[begin], vocabulary)
                texts += new
                text_fields += [len(text).to_bytes(4, "big") + text for text in new]
                fingerprints += [FINGERPRINT + hashlib.sha256(text).hexdigest().encode() for text in new]
                if vectors:
                    data, at = _search_vectors(block, lengths[begin:end], vocabulary)
                    vector_fields += [data[a:b] for a, b in itertools.pairwise(at)]
                these = origin[begin:end]
                speaker = []
                for s, at in zip(speaker_of[begin:end], these, strict=True):
                    text = texts[at]
                    while (s, text) in taken:  # one speaker never has the same words twice
                        s = s % n_speakers + 1
                    taken.add((s, text))
                    speaker.append(speaker_fields[s])
                role = speaker.copy()  # the speaker's own role, on odd ids (begin is even)
                role[1::2] = [NULL] * len(role[1::2])
                columns = [
                    [fixed[at : at + width] for at in range(begin * width, end * width, width)],
                    [text_fields[at] for at in these], speaker, role, middle[begin:end],
                    [fingerprints[at] for at in these],
                ]  # fmt: skip
                if vectors:
                    columns.append([vector_fields[at] for at in these])
                yield b"".join(itertools.chain.from_iterable(zip(*columns, tail, strict=False)))

        try:
            for block in itertools.chain(quotes(), [None]):
                while side_load.is_alive():
                    with contextlib.suppress(queue.Full):
                        blocks.put(block, timeout=1)
                        break
        except BaseException:
            if side_load.is_alive():
                blocks.put(None)  # the side ends its COPY; this error goes on
            raise
        finally:
            try:
                n_citations, n_tags, n_written = side_load.join()
            finally:
                during_load.close()
        ContentVersion.objects.update_or_create(pk=1, defaults={"version": 1, "changed_at": now})
        cursor.execute("SET session_replication_role = DEFAULT")
        loaded = time.perf_counter()
        if vectors:
            _check_search_vectors(cursor, n_quotes, vocabulary)

        work = [definition for _, definition in indexes] + [
            f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}" for table, name, definition in uniques
        ]
        _run_on_two_connections(cursor, sorted(work, key=lambda sql: "USING gin" not in sql))
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        indexed = time.perf_counter()
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'm') AND n.nspname <> 'information_schema' ORDER BY c.relpages DESC"
        )
        # VACUUM ANALYZE of the whole database, two tables at a time
        tables = [table for (table,) in cursor.fetchall()]
        _run_on_two_connections(cursor, [f"VACUUM {t}" for t in tables] + [f"ANALYZE {t}" for t in tables])
        analysed = time.perf_counter()
        cursor.execute("SELECT pg_total_relation_size('quotes_quote'), pg_database_size(current_database())")
        quote_table_bytes, database_bytes = cursor.fetchone()

    # Probe values for the scenarios: the busiest speaker, a word in about a third of all quotes, a rare word.
    top_speaker = int(np.bincount(speaker_of).argmax())
    ratio = word_df / sample
    common = vocabulary[int(np.abs(ratio - 1 / 3).argmin())]
    rare_candidates = [vocabulary[k] for k in np.nonzero((word_df >= 2) & (word_df <= 20))[0]]
    rare = rare_candidates[0] if rare_candidates else vocabulary[-1]
    result = {
        "quotes": n_quotes,
        "speakers": n_speakers,
        "sources": n_sources,
        "citations": n_citations,
        "tags": n_tags,
        "support_s": support_done - started,
        "quotes_s": loaded - support_done,
        "load_s": loaded - started,
        "index_s": indexed - loaded,
        "analyse_s": analysed - indexed,
        "rate_load": n_quotes / (loaded - started),
        "rate_total": n_quotes / (analysed - started),
        "quote_table_mb": quote_table_bytes >> 20,
        "database_mb": database_bytes >> 20,
        "top_speaker": top_speaker,
        "common_word": common,
        "common_word_share": float(ratio[vocabulary.index(common)]),
        "rare_word": rare,
        "load_average": os.getloadavg()[0],
    }
    log(
        f"generated {n_written:,} quotes, {n_citations:,} citations, {n_speakers:,} speakers, "
        f"{n_sources:,} sources: load {result['load_s']:.1f} s ({result['rate_load']:,.0f} quotes/s), "
        f"indexes {result['index_s']:.1f} s, analyse {result['analyse_s']:.1f} s "
        f"({result['rate_total']:,.0f} quotes/s overall with indexes; load average {result['load_average']:.1f})"
    )
    return result


@functools.cache
def _fold(name):
    """Folded names, by the app's own rule (a name is folded once; the numbered copies add digits)."""
    from core.normalization import fold

    return fold(name)
