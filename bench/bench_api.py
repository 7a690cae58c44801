"""Benchmark the public read paths at a given size, beside Datasette on the same data.

    QUOTES=100000 python bench/bench_api.py      # `make bench QUOTES=100000`

1. Starts a throwaway PostgreSQL server (as the ``postgres`` user when run as root),
   migrates it and generates QUOTES quotes with COPY (bench/generate.py).
2. Exports the same data to SQLite with an FTS5 index and serves it with Datasette.
3. Serves the app with gunicorn (DEBUG off, throttling off) and drives every scenario
   with wrk (or a threaded Python client when wrk is missing), bounded in time, at 1
   and 8 connections, the app and Datasette interleaved in the same window.
4. Measures, in process, the SQL queries and SQL time of one request of each scenario
   and the whole request's time (the app/SQL ratio).
5. Writes bench/runs/QUOTES.json; bench/report.py turns the runs into bench/RESULTS.md,
   the plot and bench/results.json.

Environment: QUOTES (default 1,000,000), BENCH_SECONDS per measurement (default 5),
BENCH_WORKERS / BENCH_THREADS for gunicorn (default 2 / 4), PG_BIN.
"""

import json
import os
import platform
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

N_QUOTES = int(os.environ.get("QUOTES", os.environ.get("BENCH_QUOTES", "1000000")))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
CONCURRENCY = (1, 8)
RUNS = ROOT / "bench" / "runs"
WORK = Path(tempfile.mkdtemp(prefix="quotes-bench-"))
os.chmod(WORK, 0o755)

# wal_level=minimal: index builds on the freshly loaded tables write no WAL (a throwaway server).
PG_SETTINGS = (
    "-c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=1GB -c max_wal_size=8GB "
    "-c checkpoint_timeout=30min -c effective_cache_size=8GB -c random_page_cost=1.1 "
    "-c max_connections=50 -c autovacuum=off -c wal_level=minimal -c max_wal_senders=0"
)


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


# PostgreSQL ------------------------------------------------------------------------------------------------


def start_postgres():
    from tests.pgserver import ThrowawayPostgres, _find_pg_bin

    bin_dir = _find_pg_bin()
    if bin_dir is None:
        sys.exit("make bench needs PostgreSQL server binaries (apt-get install postgresql).")
    server = ThrowawayPostgres(bin_dir, settings=PG_SETTINGS)
    url = server.start()
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE quotes")
    log(f"PostgreSQL {server.version()} on port {server.port}")
    return server, url


def setup_django(database_url, static_root):
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_hex(32),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "API_THROTTLING": "false",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback: production terminates TLS in front
            "STATIC_ROOT": str(static_root),
            "CONN_MAX_AGE": "600",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    import django

    django.setup()


# Datasette -------------------------------------------------------------------------------------------------

SQLITE_TABLES = {
    "outlets": ("sources_outlet", ["id", "name", "slug", "domain"]),
    "sources": ("sources_source", ["id", "kind", "title", "url", "outlet_id", "published_at", "language"]),
    "speakers": ("quotes_speaker", ["id", "name", "slug", "wikidata_id", "search_name"]),
    "aliases": ("quotes_speakeralias", ["id", "speaker_id", "name", "search_name"]),
    "quotes": (
        "quotes_quote",
        [
            "id",
            "text",
            "speaker_id",
            "language",
            "type",
            "said_on",
            "said_on_precision",
            "said_on_latest",
            "sort_date",
            "status",
            "created_at",
        ],
    ),
    "citations": ("quotes_citation", ["id", "quote_id", "source_id", "locator"]),
}
SQLITE_INDEXES = [
    "CREATE INDEX quotes_sort ON quotes (sort_date, id)",
    "CREATE INDEX quotes_speaker_sort ON quotes (speaker_id, sort_date, id)",
    "CREATE INDEX citations_quote ON citations (quote_id)",
    "CREATE UNIQUE INDEX speakers_wikidata ON speakers (wikidata_id)",
    "CREATE INDEX speakers_name ON speakers (name, id)",
    "CREATE INDEX aliases_speaker ON aliases (speaker_id)",
]


def export_sqlite(database_url, path):
    """The same data as a SQLite file with an FTS5 index on quote text, for Datasette."""
    import psycopg

    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    with psycopg.connect(database_url) as conn:
        for name, (table, columns) in SQLITE_TABLES.items():
            db.execute(f"CREATE TABLE {name} ({', '.join(columns)}, PRIMARY KEY (id))")
            with conn.cursor(name=f"export_{name}") as cursor:
                cursor.itersize = 20000
                cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
                placeholders = ", ".join("?" * len(columns))
                while rows := cursor.fetchmany(20000):
                    db.executemany(
                        f"INSERT INTO {name} VALUES ({placeholders})",
                        [tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in row) for row in rows],
                    )
    for statement in SQLITE_INDEXES:
        db.execute(statement)
    db.execute("CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id')")
    db.execute("INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes")
    db.commit()
    db.execute("ANALYZE")
    db.close()
    log(
        f"exported to SQLite with FTS5 in {time.perf_counter() - started:.1f} s ({path.stat().st_size >> 20} MB)"
    )


# Servers ---------------------------------------------------------------------------------------------------


def wait_for(url, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def start_gunicorn(port, **environment):
    command = [
        str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
        "--worker-class", "gthread", "--threads", str(THREADS), "--keep-alive", "30", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **environment}, start_new_session=True)
    wait_for(f"http://127.0.0.1:{port}/api/v1/quotes/?page_size=1", process)
    log(
        f"gunicorn: {WORKERS} workers x {THREADS} threads on port {port}"
        + (" with Redis" if environment else "")
    )
    return process


def start_datasette(port, path):
    command = [
        str(BIN / "datasette"), "serve", "-i", str(path), "--host", "127.0.0.1", "--port", str(port),
        "--setting", "sql_time_limit_ms", "60000", "--setting", "num_sql_threads", "3",
        "--setting", "default_cache_ttl", "0",
    ]  # fmt: skip
    with open(WORK / "datasette.log", "wb") as output:
        process = subprocess.Popen(command, cwd=WORK, start_new_session=True, stdout=output, stderr=output)
    wait_for(f"http://127.0.0.1:{port}/bench.json?sql=select+1", process)
    log(f"Datasette on port {port}")
    return process


def wait_until_idle(port, limit=120):
    """Wait for Datasette to finish the queries wrk left running (its SQL threads answer ``select 1`` at
    once again), so that they do not take the CPU from the next measurement."""
    deadline = time.time() + limit
    while time.time() < deadline:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/bench.json?sql=select+1", timeout=limit
            ) as answer:
                answer.read()
        except OSError:
            pass
        if time.perf_counter() - started < 0.1:
            return
    log(f"Datasette still busy after {limit} s")


def stop(process):
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# Scenarios -------------------------------------------------------------------------------------------------


def datasette_sql(sql, fmt="json", **params):
    query = urllib.parse.urlencode({"sql": " ".join(sql.split()), **params})
    suffix = {"json": ".json", "csv": ".csv", "html": ""}[fmt]
    return f"/bench{suffix}?{query}"


QUOTE_COLUMNS = "q.id, q.text, q.language, q.type, q.said_on, q.said_on_precision, q.status, s.name, s.slug"


def scenarios(probe):
    """(name, project paths, Datasette paths or None): each path list is cycled through."""
    from core.normalization import fold
    from quotes.models import Quote, Speaker

    speaker = Speaker.objects.get(pk=probe["top_speaker"])
    import random

    rng = random.Random(3)
    top_quotes = max(Quote.objects.order_by("-pk").values_list("pk", flat=True)[:1])
    quote_ids = [rng.randrange(1, top_quotes + 1) for _ in range(200)]
    qids = list(
        Speaker.objects.filter(wikidata_id__isnull=False)
        .order_by("?")
        .values_list("wikidata_id", flat=True)[:200]
    )
    name_part = fold(speaker.aliases.order_by("pk").first().name)
    common, rare = probe["common_word"], probe["rare_word"]
    deep = probe["deep_cursor"]
    newest = f"select {QUOTE_COLUMNS} from quotes q join speakers s on s.id = q.speaker_id"
    order = "order by q.sort_date desc, q.id desc limit 20"
    fts = f"select {QUOTE_COLUMNS} from quotes_fts f join quotes q on q.id = f.rowid join speakers s on s.id = q.speaker_id where quotes_fts match :w"
    return [
        (
            "speaker_list",
            [f"/api/v1/speakers/{speaker.slug}/quotes/"],
            [datasette_sql(f"{newest} where q.speaker_id = :s {order}", s=speaker.pk)],
        ),
        (
            "speaker_date_range",
            [f"/api/v1/quotes/?speaker={speaker.slug}&said_after=2010&said_before=2015-06"],
            [
                datasette_sql(
                    f"{newest} where q.speaker_id = :s and q.said_on >= '2010-01-01' and q.said_on_latest <= '2015-06-30' {order}",
                    s=speaker.pk,
                )
            ],
        ),
        (
            "fts_common_relevance",
            [f"/api/v1/quotes/?q={common}"],
            [datasette_sql(f"{fts} order by f.rank limit 20", w=common)],
        ),
        (
            "fts_common_by_date",
            [f"/api/v1/quotes/?q={common}&ordering=-said_on"],
            [datasette_sql(f"{fts} {order}", w=common)],
        ),
        (
            "fts_rare",
            [f"/api/v1/quotes/?q={rare}"],
            [datasette_sql(f"{fts} order by f.rank limit 20", w=rare)],
        ),
        (
            "quote_detail",
            [f"/api/v1/quotes/{pk}/" for pk in quote_ids],
            [
                datasette_sql(
                    f"select {QUOTE_COLUMNS}, c.locator, so.title, so.url, so.published_at, o.name as outlet "
                    "from quotes q join speakers s on s.id = q.speaker_id left join citations c on c.quote_id = q.id "
                    "left join sources so on so.id = c.source_id left join outlets o on o.id = so.outlet_id "
                    "where q.id = :id",
                    id=pk,
                )
                for pk in quote_ids
            ],
        ),
        (
            "speaker_by_wikidata",
            [f"/api/v1/speakers/{qid}/" for qid in qids],
            [
                datasette_sql(
                    "select s.*, (select count(*) from quotes q where q.speaker_id = s.id) as quote_count "
                    "from speakers s where s.wikidata_id = :q",
                    q=qid,
                )
                for qid in qids
            ],
        ),
        (
            "deep_cursor",
            [deep["path"]],
            [
                datasette_sql(
                    f"{newest} where (q.sort_date, q.id) < (:d, :i) {order}",
                    d=deep["sort_date"],
                    i=deep["id"],
                )
            ],
        ),
        (
            "csv_100",
            ["/api/v1/quotes/?format=csv&page_size=100"],
            [datasette_sql(f"{newest} order by q.sort_date desc, q.id desc limit 100", fmt="csv")],
        ),
        ("plain_list", ["/api/v1/quotes/"], [datasette_sql(f"{newest} {order}")]),
        (
            "speaker_name",
            [f"/api/v1/quotes/?speaker_name={urllib.parse.quote(name_part)}"],
            [
                datasette_sql(
                    f"{newest} where q.speaker_id in (select id from speakers where search_name like :n "
                    f"union select speaker_id from aliases where search_name like :n) {order}",
                    n=f"%{name_part}%",
                )
            ],
        ),
        (
            "speakers",
            ["/api/v1/speakers/"],
            [
                datasette_sql(
                    "select s.*, (select count(*) from quotes q where q.speaker_id = s.id) as quote_count "
                    "from speakers s order by s.name, s.id limit 20"
                )
            ],
        ),
        ("reader_list", ["/"], [datasette_sql(f"{newest} {order}", fmt="html")]),
    ]


def deep_cursor(client, pages=50):
    """The 50th page of the plain list, by following ``next``, and the row before it."""
    from quotes.models import Quote

    path = "/api/v1/quotes/"
    for _ in range(pages):
        body = client.get(path, HTTP_HOST="127.0.0.1").json()
        last = body["results"][-1]["id"]
        path = body["next"].replace("http://127.0.0.1", "")
    quote = Quote.objects.get(pk=last)
    return {"path": path, "sort_date": quote.sort_date.isoformat(), "id": quote.pk}


# Load ------------------------------------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
-- anything but 200 (a redirect or 304 included) is an error: the figures must be of real answers
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) not_ok = 0 end
response = function(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
done = function(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_ok") end
  io.write(string.format("RESULT {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"errors\\": %%d, \\"status\\": %%d, \\"p50\\": %%d, \\"p95\\": %%d, \\"p99\\": %%d}\\n",
    summary.requests, summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    not_ok, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def drive(port, paths, connections, seconds):
    """requests/s and latency percentiles (ms) of ``paths`` at ``connections`` for ``seconds``."""
    wrk = shutil.which("wrk")
    if wrk:
        script = WORK / f"wrk-{port}.lua"
        script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
        threads = min(connections, 2)
        out = subprocess.run(
            [wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s", "-s", str(script),
             f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        result = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
        return {
            "rps": result["requests"] / (result["duration_us"] / 1e6),
            "p50_ms": result["p50"] / 1000,
            "p95_ms": result["p95"] / 1000,
            "p99_ms": result["p99"] / 1000,
            "errors": result["errors"] + result["status"],
            "requests": result["requests"],
        }
    return drive_threads(port, paths, connections, seconds)


def drive_threads(port, paths, connections, seconds):
    """Fallback without wrk: one keep-alive connection per thread."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset):
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        mine = []
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                conn = HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else None

    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "errors": errors[0],
        "requests": len(latencies),
    }


# SQL per request -------------------------------------------------------------------------------------------


def sql_profile(client, paths, repeat=20):
    """Queries and SQL ms per request, and the whole request's ms, through Django's test client."""
    from django.db import connection

    stats = {"queries": 0, "sql": 0.0}

    def wrapper(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            stats["queries"] += 1
            stats["sql"] += time.perf_counter() - start

    for path in paths[:3]:
        client.get(path, HTTP_HOST="127.0.0.1")  # warm up
    queries, sql, total = [], [], []
    with connection.execute_wrapper(wrapper):
        for k in range(repeat):
            path = paths[k % len(paths)]
            stats.update(queries=0, sql=0.0)
            start = time.perf_counter()
            response = client.get(path, HTTP_HOST="127.0.0.1")
            total.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code, response.content[:300])
            queries.append(stats["queries"])
            sql.append(stats["sql"] * 1000)
    return {
        "queries": int(statistics.median(queries)),
        "sql_ms": statistics.median(sql),
        "app_ms": statistics.median(total),
    }


def explain(client, path):
    """EXPLAIN ANALYZE of every query one request of ``path`` runs, as text."""
    from django.db import connection

    captured = []

    def wrapper(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        client.get(path, HTTP_HOST="127.0.0.1")
    out = [f"## {path}"]
    with connection.cursor() as cursor:
        for sql, params in captured:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.append(f"\n{' '.join(sql.split())[:300]}\n\n{plan}")
    return "\n".join(out)


def datasette_profile(port, paths, repeat=10):
    """Datasette's own query time for the same lookups (its JSON reports ``query_ms``)."""
    times = []
    for k in range(repeat):
        path = paths[k % len(paths)]
        path = path.replace("/bench.csv?", "/bench.json?").replace("/bench?", "/bench.json?")
        start = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as response:
            body = json.loads(response.read())
        elapsed = (time.perf_counter() - start) * 1000
        times.append((body.get("query_ms", elapsed), elapsed))
    return {
        "queries": 1,
        "sql_ms": statistics.median(t[0] for t in times),
        "app_ms": statistics.median(t[1] for t in times),
    }


# Main ------------------------------------------------------------------------------------------------------


def main():
    log(f"Machine: {machine()}; Python {platform.python_version()}")
    log(f"Dataset: {N_QUOTES:,} quotes; {SECONDS:g} s per measurement")
    server, url = start_postgres()
    gunicorn = gunicorn_cached = datasette = redis_server = None
    try:
        setup_django(url, WORK / "static")
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        from bench.generate import generate

        generation = generate(N_QUOTES, log=log)
        sqlite_path = WORK / "bench.db"
        export_sqlite(url, sqlite_path)
        from django.db import connection

        connection.close()

        client = Client()
        generation["deep_cursor"] = deep_cursor(client)
        cases = scenarios(generation)
        app_port, datasette_port = free_port(), free_port()
        gunicorn = start_gunicorn(app_port)
        # The same app with the shared response cache (Redis), as the README's topology deploys it:
        # anonymous answers come from Redis until the next edit. Measured beside the uncached app.
        from tests.redisserver import ThrowawayRedis, find_redis_server

        if find_redis_server():
            redis_server = ThrowawayRedis(find_redis_server())
            cached_port = free_port()
            gunicorn_cached = start_gunicorn(
                cached_port, REDIS_URL=redis_server.start(), RESPONSE_CACHE_SECONDS="300"
            )
        else:
            log(
                "redis-server is not installed: the cached app is not measured (apt-get install redis-server)"
            )
        datasette = start_datasette(datasette_port, sqlite_path)

        plans = [explain(client, paths[0]) for _, paths, _ in cases]
        RUNS.mkdir(exist_ok=True)
        (RUNS / f"plans-{N_QUOTES}.txt").write_text("\n\n".join(plans) + "\n")
        results = {}
        for name, project_paths, datasette_paths in cases:
            entry = {
                "project": sql_profile(client, project_paths),
                "datasette": None,
                "load_average": os.getloadavg()[0],
            }
            if datasette_paths:
                entry["datasette"] = datasette_profile(datasette_port, datasette_paths)
            for connections in CONCURRENCY:
                # The two servers take turns within the same minute, so both see the same machine load.
                entry["project"][f"c{connections}"] = drive(app_port, project_paths, connections, SECONDS)
                if gunicorn_cached:
                    entry.setdefault("project_cached", {})[f"c{connections}"] = drive(
                        cached_port, project_paths, connections, SECONDS
                    )
                if datasette_paths:
                    entry["datasette"][f"c{connections}"] = drive(
                        datasette_port, datasette_paths, connections, SECONDS
                    )
                    wait_until_idle(datasette_port)
            results[name] = entry
            failed = [f"{side} c{c}" for side in ("project", "project_cached", "datasette") if entry.get(side) for c in CONCURRENCY
                      if entry[side][f"c{c}"]["errors"]]  # fmt: skip
            if failed:
                log(f"{name}: errors or non-2xx answers in {', '.join(failed)}")
            p, d = entry["project"], entry["datasette"]
            entry["load_average"] = round((entry["load_average"] + os.getloadavg()[0]) / 2, 2)
            log(
                f"{name:22} load {entry['load_average']:4.1f} app c1 {p['c1']['rps']:8.1f}/s c8 {p['c8']['rps']:8.1f}/s p50 {p['c1']['p50_ms']:7.2f} "
                f"p95 {p['c1']['p95_ms']:7.2f} ms, {p['queries']} queries {p['sql_ms']:6.2f} ms SQL, "
                f"app/SQL {p['app_ms'] / max(p['sql_ms'], 1e-6):5.2f}"
                + (
                    f" | datasette c1 {d['c1']['rps']:8.1f}/s c8 {d['c8']['rps']:8.1f}/s p50 {d['c1']['p50_ms']:7.2f} ms"
                    if d
                    else ""
                )
            )
        RUNS.mkdir(exist_ok=True)
        run = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "python": platform.python_version(),
            "postgresql": server.version(),
            "gunicorn": f"{WORKERS} workers x {THREADS} threads (gthread)",
            "load_generator": "wrk" if shutil.which("wrk") else "python threads",
            "seconds": SECONDS,
            "quotes": N_QUOTES,
            "generation": {k: v for k, v in generation.items() if k != "deep_cursor"},
            "scenarios": results,
        }
        out = RUNS / f"{N_QUOTES}.json"
        out.write_text(json.dumps(run, indent=1) + "\n")
        log(f"wrote {out.relative_to(ROOT)}")
    finally:
        stop(gunicorn)
        stop(gunicorn_cached)
        stop(datasette)
        if redis_server:
            redis_server.stop()
        server.stop()
        shutil.rmtree(WORK, ignore_errors=True)
    from bench import report

    report.main()


if __name__ == "__main__":
    main()
