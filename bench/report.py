"""Turn the runs in bench/runs/ into bench/results.json, bench/RESULTS.md and bench/latency.png.

The figures reported are those of the largest run; the plot and the growth column
use every size measured (10k, 100k, 1M).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = HERE / "runs"
SCENARIOS = [
    "speaker_list",
    "speaker_date_range",
    "fts_common_relevance",
    "fts_common_by_date",
    "fts_rare",
    "quote_detail",
    "speaker_by_wikidata",
    "deep_cursor",
    "csv_100",
    "plain_list",
    "speaker_name",
    "speakers",
    "reader_list",
]
LIST_SCENARIOS = {name for name in SCENARIOS if name not in {"quote_detail", "speaker_by_wikidata"}}


def load_runs():
    runs = {}
    for path in RUNS.glob("*.json"):
        run = json.loads(path.read_text())
        runs[run["quotes"]] = run
    return dict(sorted(runs.items()))


def figures(side):
    if side is None:
        return None
    finished = side["c1"].get("requests", 1) > 0  # none finished within the window: no latency to report
    return {
        "c1_rps": round(side["c1"]["rps"], 1),
        "c8_rps": round(side["c8"]["rps"], 1),
        "p50_ms": round(side["c1"]["p50_ms"], 2) if finished else None,
        "p95_ms": round(side["c1"]["p95_ms"], 2) if finished else None,
        "p99_ms": round(side["c1"]["p99_ms"], 2) if finished else None,
        "queries": side["queries"],
        "sql_ms": round(side["sql_ms"], 2),
    }


def cached_figures(side):
    """The app behind the shared response cache (Redis): throughput and latency only, no SQL per request."""
    if not side:
        return None
    return {
        "c1_rps": round(side["c1"]["rps"], 1),
        "c8_rps": round(side["c8"]["rps"], 1),
        "p50_ms": round(side["c1"]["p50_ms"], 2),
        "p95_ms": round(side["c1"]["p95_ms"], 2),
        "p99_ms": round(side["c1"]["p99_ms"], 2),
    }


def growth(runs, name, size):
    small = runs.get(10_000)
    if small is None or size == 10_000:
        return None
    return round(
        runs[size]["scenarios"][name]["project"]["c1"]["p50_ms"]
        / small["scenarios"][name]["project"]["c1"]["p50_ms"],
        2,
    )


def results_json(runs):
    size = max(runs)
    run = runs[size]
    return {
        "date": run["date"],
        "machine": run["machine"],
        "quotes": size,
        "scenarios": {
            name: {
                "project": figures(run["scenarios"][name]["project"]),
                "datasette": figures(run["scenarios"][name]["datasette"]),
                "project_cached": cached_figures(run["scenarios"][name].get("project_cached")),
                "growth_10k_to_1m": growth(runs, name, size),
            }
            for name in SCENARIOS
            if name in run["scenarios"]
        },
    }


def plot(runs, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = list(runs)
    fig, ax = plt.subplots(figsize=(9, 5.5))
    for name in SCENARIOS:
        values = [
            runs[s]["scenarios"][name]["project"]["c1"]["p50_ms"]
            for s in sizes
            if name in runs[s]["scenarios"]
        ]
        if len(values) == len(sizes):
            ax.plot(sizes, values, marker="o", label=name)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("quotes in the database")
    ax.set_ylabel("median latency at 1 connection (ms)")
    ax.set_title("Latency against dataset size (gunicorn + PostgreSQL, loopback)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _load(run):
    loads = [entry["load_average"] for entry in run["scenarios"].values() if "load_average" in entry]
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else "not recorded"


def markdown(runs, summary):
    size = max(runs)
    run = runs[size]
    gen = run["generation"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench QUOTES={size}` on {run['date']}.",
        "",
        f"- Machine: {run['machine']}; the 1-minute load average during the scenarios was {_load(run)} on "
        f"{run['machine'].split(', ')[1]} (wrk, the servers and the databases of the benchmark itself included: "
        "above about 3, other work shared the machine and absolute figures are lower); the app and Datasette "
        "were measured in the same windows, so compare them, and ratios, within one run.",
        f"- PostgreSQL {run['postgresql']}, Python {run['python']}, gunicorn {run['gunicorn']}, DEBUG off, "
        f"throttling off; load from {run['load_generator']} on loopback, {run['seconds']:g} s per measurement, "
        "the app and Datasette taking turns in the same window.",
        f"- Data: {gen['quotes']:,} quotes, {gen['citations']:,} citations, {gen['speakers']:,} speakers (2 aliases "
        f"and a role each), {gen['sources']:,} sources over 500 outlets; common word “{gen['common_word']}” "
        f"in {gen['common_word_share']:.0%} of quotes, rare word “{gen['rare_word']}”.",
        f"- Generation: {gen['rate_load']:,.0f} quotes/s for the load (every row stored by COPY, "
        f"{gen['load_s']:.1f} s), then {gen['index_s']:.1f} s to build indexes and unique constraints and "
        f"{gen['analyse_s']:.1f} s for VACUUM ANALYZE ({gen['rate_total']:,.0f} quotes/s overall with indexes"
        + (f"; load average {gen['load_average']:.1f}" if "load_average" in gen else "")
        + ")"
        + (
            f"; the quote table with its indexes takes {gen['quote_table_mb']:,} MB, the database "
            f"{gen['database_mb']:,} MB."
            if "quote_table_mb" in gen
            else "."
        ),
        "",
        "Latencies are at 1 connection. *queries* and *SQL ms* are per request, measured in process; "
        "*app/SQL* is the whole request's time in process over its SQL time. Datasette runs the same "
        "lookup as one SQL query on the same data in SQLite (FTS5 for text); its *SQL ms* is its own "
        "`query_ms`.",
        "",
        "| scenario | req/s c1 | req/s c8 | p50 ms | p95 ms | p99 ms | queries | SQL ms | app/SQL | "
        "Datasette c1 | Datasette c8 | Datasette p50 | growth 10k→N |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in SCENARIOS:
        if name not in run["scenarios"]:
            continue
        p = run["scenarios"][name]["project"]
        d = run["scenarios"][name]["datasette"]
        ratio = p["app_ms"] / max(p["sql_ms"], 1e-6)
        g = summary["scenarios"][name]["growth_10k_to_1m"]
        lines.append(
            f"| {name} | {p['c1']['rps']:.0f} | {p['c8']['rps']:.0f} | {p['c1']['p50_ms']:.1f} | "
            f"{p['c1']['p95_ms']:.1f} | {p['c1']['p99_ms']:.1f} | {p['queries']} | {p['sql_ms']:.2f} | "
            f"{ratio:.1f} | "
            + (
                f"{d['c1']['rps']:.0f} | {d['c8']['rps']:.0f} | {d['c1']['p50_ms']:.1f} | "
                if d
                else "– | – | – | "
            )
            + (f"{g:.2f}×" if g else "–")
            + " |"
        )
    lines += [
        "",
        "At 8 connections (p50 / p95 ms), and the same app deployed with the shared response cache (Redis, "
        "`REDIS_URL`): anonymous answers repeated until the next edit come from Redis. wrk cycles through each "
        "scenario's few URLs, so after the first request of each every answer is a cache hit: these columns "
        "are the hot-lookup figures, the uncached columns the cost of a miss.",
        "",
        "| scenario | app | Datasette | app + Redis req/s c1 | app + Redis req/s c8 | app + Redis p50 / p95 ms c8 |",
        "|---|---|---|---:|---:|---|",
    ]
    for name in SCENARIOS:
        if name not in run["scenarios"]:
            continue
        p = run["scenarios"][name]["project"]["c8"]
        d = (run["scenarios"][name]["datasette"] or {}).get("c8")
        c = run["scenarios"][name].get("project_cached")
        lines.append(
            f"| {name} | {p['p50_ms']:.1f} / {p['p95_ms']:.1f} | "
            + (f"{d['p50_ms']:.1f} / {d['p95_ms']:.1f}" if d else "–")
            + (
                f" | {c['c1']['rps']:.0f} | {c['c8']['rps']:.0f} | {c['c8']['p50_ms']:.1f} / {c['c8']['p95_ms']:.1f}"
                if c
                else " | – | – | –"
            )
            + " |"
        )
    lines += [
        "",
        "## Latency against size",
        "",
        "![median latency at 1 connection against the number of quotes](latency.png)",
        "",
        "| scenario | " + " | ".join(f"{s:,}" for s in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for name in SCENARIOS:
        cells = [
            f"{runs[s]['scenarios'][name]['project']['c1']['p50_ms']:.1f}"
            if name in runs[s]["scenarios"]
            else "–"
            for s in runs
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main():
    runs = load_runs()
    if not runs:
        print("No runs in bench/runs/ yet.")
        return
    summary = results_json(runs)
    (HERE / "results.json").write_text(json.dumps(summary, indent=2) + "\n")
    plot(runs, HERE / "latency.png")
    notes = HERE / "NOTES.md"
    text = markdown(runs, summary)
    if notes.exists():
        text += "\n" + notes.read_text()
    (HERE / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
