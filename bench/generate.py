"""Generate a realistic dataset of N quotes straight into PostgreSQL with COPY.

Shape (scaled from the 1,000,000-quote reference): 500 outlets, 200 sources per 1,000
quotes (at most 200,000), 50 speakers per 1,000 quotes (at most 50,000) with two
aliases and a role each, ~1.3 citations per quote, 200 tags (half of the quotes
tagged), Zipf-distributed speakers and Indonesian + English vocabulary, dates to
the day, month or year (and some undated), a few percent of verdicts, and 2% of
quotes repeating another speaker's words (shared fingerprints).

Columns come from each model's ``_meta.concrete_fields``: a field the generator does
not know (say a new ``version``) gets the field's default, so new columns do not
break it. Secondary indexes are dropped during the load and rebuilt after it, and
triggers (foreign-key checks) are off for the load session: the data is generated
consistent.
"""

import hashlib
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
            if field.default is not NOT_PROVIDED:
                value = _copy_text(field.get_default())
            elif field.null:
                value = N
            else:
                raise RuntimeError(
                    f"{model.__name__}.{field.name} has no default; teach bench/generate.py it."
                )
            name = f"_default_{len(constants)}"
            constants[name] = value
            parts.append("{" + name + "}")
        # A formatter compiled once for this column order: about a microsecond a row.
        code = f"def row({', '.join(params)}):\n    return f'{TAB.join(parts)}{NEWLINE}'\n"
        namespace = dict(constants)
        exec(code, namespace)
        self.row = namespace["row"]


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
                      f"Q{1000 + i}" if i % 5 else N, "", _fold(f"{first} {last} {i}"), stamp, stamp)
                for i, (first, last) in enumerate(names[1:], start=1)
            ),
        )  # fmt: skip
        t = Table(SpeakerAlias, "id", "speaker", "name", "search_name")
        _copy(
            pg,
            t,
            (
                t.row(2 * i - 1 + k, i, alias, _fold(alias))
                for i, (first, last) in enumerate(names[1:], start=1)
                for k, alias in enumerate((f"{last} {i}", f"{first[0]}. {last} {i}"))
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
        ends = np.cumsum(lengths).tolist()
        words = nrng.choice(len(vocabulary), size=ends[-1], p=_zipf_weights(len(vocabulary), 1.05))
        speaker_of = (nrng.choice(n_speakers, size=n_quotes, p=_zipf_weights(n_speakers, 0.9)) + 1).tolist()
        said_days = nrng.integers(0, DAYS, size=n_quotes).tolist()
        draws = nrng.random(size=n_quotes).tolist()
        created = np.datetime64("2026-01-01T00:00:00") - (
            n_quotes - np.arange(1, n_quotes + 1)
        ) * np.timedelta64(60, "s")
        created = [f"{c}+00:00" for c in np.datetime_as_string(created).tolist()]
        word_list = [vocabulary[w] for w in words.tolist()]
        sample = min(n_quotes, 20_000)  # document frequencies, for the probe words
        word_df = np.bincount(
            np.unique(
                np.repeat(np.arange(sample), lengths[:sample]) * len(vocabulary) + words[: ends[sample - 1]]
            )
            % len(vocabulary),
            minlength=len(vocabulary),
        )
        quote_table = Table(
            Quote, "id", "text", "speaker", "role", "language", "original_language", "type", "said_on",
            "said_on_precision", "said_on_latest", "said_on_approximate", "place", "context", "status",
            "status_note", "reviewed_at", "machine_extracted", "fingerprint", "sort_date", "first_published_at",
            "created_at", "updated_at",
        )  # fmt: skip
        citation_table = Table(Citation, "id", "quote", "source", "locator", "excerpt", "created_at")
        tag_table = Table(Quote.tags.through, "id", "quote", "tag")
        quote_row, citation_row, tag_row = quote_table.row, citation_table.row, tag_table.row
        citation_lines, tag_lines = [], []
        statuses = ["verified", "disputed", "misattributed"]
        types = ["direct", "direct", "direct", "indirect", "indirect", "paraphrase"]
        no_datetime, sha256 = NO_DATETIME.isoformat(), hashlib.sha256
        # Every date a quote can carry, as text, by day index and precision: a list lookup per row.
        calendar = [EPOCH + timedelta(days=d) for d in range(DAYS)]
        said_text = {
            precision: [
                (start.isoformat(), PartialDate(start, precision).end.isoformat())
                for start in (truncate(day, precision) for day in calendar)
            ]
            for precision in ("day", "month", "year")
        }

        def quotes():
            texts, taken = [], set()
            begin = 0
            citation_id = 0
            for i in range(n_quotes):
                pk = i + 1
                speaker = speaker_of[i]
                r = draws[i]
                if i > 100 and r < 0.02:  # the same words as an earlier quote, another speaker
                    text = texts[int(r * 50 * len(texts))]
                else:
                    text = " ".join(word_list[begin : ends[i]])
                begin = ends[i]
                while (speaker, text) in taken:  # one speaker never has the same words twice
                    speaker = speaker % n_speakers + 1
                taken.add((speaker, text))
                if i < 100_000:
                    texts.append(text)
                if r < 0.07:
                    said_on, precision, latest, sort_date = N, "", N, "0001-01-01"
                else:
                    precision = "day" if r < 0.77 else "month" if r < 0.92 else "year"
                    said_on, latest = said_text[precision][said_days[i]]
                    sort_date = said_on
                language = "id" if (pk * 7) % 10 < 6 else "en"
                verdict = statuses[pk % 3] if (pk * 13) % 100 < 3 else "unverified"
                first_source = 1 + (pk * 2654435761) % n_sources
                first_published = source_published[first_source]
                citation_id += 1
                stamp = created[i]
                citation_lines.append(
                    citation_row(citation_id, pk, first_source, f"paragraph {1 + pk % 9}", "", stamp)
                )
                if (pk * 31) % 10 < 3:
                    second = 1 + (first_source + pk) % n_sources
                    if second != first_source:
                        citation_id += 1
                        citation_lines.append(citation_row(citation_id, pk, second, "paragraph 1", "", stamp))
                        other = source_published[second]
                        if other and (not first_published or other < first_published):
                            first_published = other
                if pk % 2:
                    tag_lines.append(tag_row(pk, pk, 1 + pk % 200))
                yield quote_row(
                    pk, text, speaker, speaker if pk % 2 else N, language,
                    "" if pk % 5 else ("en" if language == "id" else "id"), types[pk % 6], said_on, precision,
                    latest, "t" if pk % 20 == 0 and said_on is not N else "f", "Jakarta" if pk % 3 == 0 else "", "",
                    verdict, "Checked against the recording." if verdict != "unverified" else "",
                    stamp if verdict != "unverified" else N, "t" if pk % 4 == 0 else "f",
                    sha256(text.encode()).hexdigest(), sort_date, first_published or no_datetime, stamp, stamp,
                )  # fmt: skip

        n_written = _copy(pg, quote_table, quotes())
        n_citations = _copy(pg, citation_table, citation_lines)
        n_tags = _copy(pg, tag_table, tag_lines)
        ContentVersion.objects.update_or_create(pk=1, defaults={"version": 1, "changed_at": now})
        cursor.execute("SET session_replication_role = DEFAULT")
        loaded = time.perf_counter()

        for _name, definition in indexes:
            cursor.execute(definition)
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        indexed = time.perf_counter()
    cursor = connection.cursor()
    connection.connection.autocommit = True
    cursor.execute("VACUUM ANALYZE")
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
    }
    log(
        f"generated {n_written:,} quotes, {n_citations:,} citations, {n_speakers:,} speakers, "
        f"{n_sources:,} sources: load {result['load_s']:.1f} s ({result['rate_load']:,.0f} quotes/s), "
        f"indexes {result['index_s']:.1f} s, analyse {result['analyse_s']:.1f} s "
        f"({result['rate_total']:,.0f} quotes/s overall)"
    )
    return result


def _fold(name):
    from core.normalization import fold

    return fold(name)
