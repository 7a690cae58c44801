"""Benchmark the article quote extractor on a ~5 KB article built from the dev set.

Run: .venv/bin/python bench/bench_extraction.py [--size 5000] [--repeat 200]
Target: a typical 5 KB article in under 20 ms.
"""

import argparse
import os
import platform
import statistics
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.extraction import extract_article  # noqa: E402
from quotes.extraction.evaluation import load_devset  # noqa: E402

TARGET_MS = 20.0


def build_article(*, language: str, size: int) -> str:
    """The first plain-text dev article of the language, with bodies of others appended."""
    articles = [a for a in load_devset() if a["language"] == language and not a.get("html")]
    text = articles[0]["text"]
    extra = [a["text"].split("\n\n", 4)[-1] for a in articles[1:]]
    index = 0
    while len(text) < size and extra:
        text += "\n\n" + extra[index % len(extra)]
        index += 1
    return text[:size].rsplit("\n\n", 1)[0] if len(text) > size else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=5000, help="article size in characters")
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per article")
    args = parser.parse_args()

    print(
        f"python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {platform.processor() or 'unknown processor'}"
    )
    worst = 0.0
    for language in ("id", "en"):
        text = build_article(language=language, size=args.size)
        result = extract_article(text)
        extract_article(text)  # warm-up (regex compilation, imports)
        times = timeit.repeat(lambda t=text: extract_article(t), number=1, repeat=args.repeat)
        ms = [t * 1000 for t in times]
        mean, median = statistics.mean(ms), statistics.median(ms)
        worst = max(worst, median)
        print(
            f"{language}: {len(text)} chars, {len(result.quotes)} quotes: "
            f"mean {mean:.2f} ms, median {median:.2f} ms, p95 {sorted(ms)[int(len(ms) * 0.95) - 1]:.2f} ms "
            f"per article ({args.repeat} runs)"
        )
    verdict = "OK" if worst < TARGET_MS else "SLOWER THAN TARGET"
    print(f"target: median under {TARGET_MS:.0f} ms per 5 KB article -> {verdict}")


if __name__ == "__main__":
    main()
