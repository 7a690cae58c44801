"""Scoring the extractor against an annotated set of articles.

Two gold formats are read:

* the team's committed sets (``tests/quotes/extraction_devset``): a predicted quote matches a
  gold quote when their character spans overlap with a Jaccard index of at least
  ``MATCH_THRESHOLD`` (greedy one-to-one matching, best overlap first). Speaker accuracy is
  measured on matched pairs after name normalisation; date accuracy on matched pairs whose
  gold annotation has ``said_on``.
* the real-news format (``../shared/extraction-realnews``, recognised by
  ``indirect_annotated``): gold items carry ``start``/``end`` offsets; a prediction matches
  when the shared tokens cover at least ``MATCH_THRESHOLD`` of the longer text; ``optional``
  items count neither for nor against; indirect items and predictions are ignored where
  ``indirect_annotated`` is false; speaker accuracy is counted over matched core items whose
  ``speaker_resolved`` is true, strictly (normalised full names equal) and leniently (same
  last token).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .dates import precision_value
from .extractor import extract_article
from .names import normalise_name
from .types import ExtractedQuote, ExtractionResult

MATCH_THRESHOLD = 0.5
DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "tests" / "quotes" / "extraction_devset"
METADATA_FIELDS = (
    "published_at",
    "outlet_name",
    "outlet_domain",
    "authors",
    "editors",
    "dateline_place",
    "title",
    "language",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, other: Ratio) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Group:
    """Figures for one language (or all articles)."""

    articles: int = 0
    direct: Score = field(default_factory=Score)
    indirect: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    speaker: Ratio = field(default_factory=Ratio)
    direct_speaker: Ratio = field(default_factory=Ratio)
    # Real-news format only: matched core direct items with a resolved gold speaker.
    strict_speaker: Ratio = field(default_factory=Ratio)
    lenient_speaker: Ratio = field(default_factory=Ratio)
    said_on: Ratio = field(default_factory=Ratio)
    metadata: Ratio = field(default_factory=Ratio)
    # Real-news format only: wrong speakers on direct quotes, by kind (see ``speaker_error``).
    speaker_errors: Counter = field(default_factory=Counter)

    def add(self, other: Group) -> None:
        self.articles += other.articles
        self.speaker_errors.update(other.speaker_errors)
        for name in (
            "direct",
            "indirect",
            "quotes",
            "speaker",
            "direct_speaker",
            "strict_speaker",
            "lenient_speaker",
            "said_on",
            "metadata",
        ):
            getattr(self, name).add(getattr(other, name))

    def to_dict(self) -> dict:
        return {
            "articles": self.articles,
            "direct": self.direct.to_dict(),
            "indirect": self.indirect.to_dict(),
            "all_quotes": self.quotes.to_dict(),
            "speaker_accuracy": self.speaker.to_dict(),
            "direct_speaker_accuracy": self.direct_speaker.to_dict(),
            "strict_speaker_accuracy": self.strict_speaker.to_dict(),
            "lenient_speaker_accuracy": self.lenient_speaker.to_dict(),
            "said_on_accuracy": self.said_on.to_dict(),
            "metadata_accuracy": self.metadata.to_dict(),
            "speaker_errors": dict(self.speaker_errors.most_common()),
        }


@dataclass
class ArticleReport:
    id: str
    language: str
    figures: Group
    problems: list[str]


@dataclass
class Report:
    by_language: dict[str, Group]
    overall: Group
    articles: list[ArticleReport]
    match: str = f"span Jaccard >= {MATCH_THRESHOLD}"

    def to_dict(self) -> dict:
        return {
            "match": self.match,
            "by_language": {lang: g.to_dict() for lang, g in sorted(self.by_language.items())},
            "overall": self.overall.to_dict(),
            "problems": {a.id: a.problems for a in self.articles if a.problems},
        }


def load_devset(*, directory: Path | str | None = None) -> list[dict]:
    folder = Path(directory) if directory else DEFAULT_DEVSET
    articles = []
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            article = json.load(handle)
        article.setdefault("id", path.stem)
        articles.append(article)
    return articles


def evaluate_devset(*, directory: Path | str | None = None) -> Report:
    by_language: dict[str, Group] = {}
    overall = Group()
    reports = []
    match = f"span Jaccard >= {MATCH_THRESHOLD}"
    for article in load_devset(directory=directory):
        if "indirect_annotated" in article:
            match = f"token overlap >= {MATCH_THRESHOLD}, optional items ignored"
        report = evaluate_article(article=article)
        reports.append(report)
        by_language.setdefault(report.language, Group()).add(report.figures)
        overall.add(report.figures)
    return Report(by_language, overall, reports, match)


def evaluate_article(*, article: dict) -> ArticleReport:
    result = extract_article(article["text"], url=article.get("url", ""), html=article.get("html"))
    if "indirect_annotated" in article:
        return _evaluate_realnews(article, result)
    gold = article.get("gold", [])
    problems: list[str] = []
    spans = []
    for item in gold:
        start = result.text.find(item["text"])
        if start < 0:
            problems.append(f"gold text not in extracted text: {item['text'][:60]!r}")
        spans.append((start, start + len(item["text"])) if start >= 0 else None)
    figures = Group(articles=1)
    for kind, score in (("direct", figures.direct), ("indirect", figures.indirect)):
        g_idx = [i for i, item in enumerate(gold) if item["type"] == kind]
        p_idx = [i for i, q in enumerate(result.quotes) if q.type == kind]
        pairs = _match(spans, result.quotes, g_idx, p_idx)
        score.tp, score.fn, score.fp = len(pairs), len(g_idx) - len(pairs), len(p_idx) - len(pairs)
        if kind == "direct":
            for g, p in pairs:
                figures.direct_speaker.total += 1
                figures.direct_speaker.correct += _same_speaker(gold[g], result.quotes[p])
    pairs = _match(spans, result.quotes, list(range(len(gold))), list(range(len(result.quotes))))
    figures.quotes = Score(len(pairs), len(result.quotes) - len(pairs), len(gold) - len(pairs))
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    for g, p in pairs:
        item, quote = gold[g], result.quotes[p]
        figures.speaker.total += 1
        if _same_speaker(item, quote):
            figures.speaker.correct += 1
        else:
            problems.append(f"speaker {quote.speaker!r} != {item['speaker']!r}: {item['text'][:50]!r}")
        if "said_on" in item:
            figures.said_on.total += 1
            expected = item["said_on"]
            got = precision_value(quote.said_on, quote.said_on_precision) if quote.said_on else None
            if got == expected:
                figures.said_on.correct += 1
            else:
                problems.append(f"said_on {got} != {expected}: {item['text'][:50]!r}")
    for g, item in enumerate(gold):
        if g not in matched_gold:
            problems.append(f"missed {item['type']}: {item['text'][:70]!r}")
    for p, quote in enumerate(result.quotes):
        if p not in matched_pred:
            problems.append(f"extra {quote.type} ({quote.speaker}): {quote.text[:70]!r}")
    figures.metadata = _metadata(article, result, problems)
    return ArticleReport(article["id"], article.get("language", ""), figures, problems)


def _evaluate_realnews(article: dict, result: ExtractionResult) -> ArticleReport:
    """Score one article in the real-news format (see the module docstring), type by type."""
    scored_types = ("direct", "indirect") if article["indirect_annotated"] else ("direct",)
    figures = Group(articles=1)
    speakers = {normalise_name(item["speaker"]) for item in article.get("gold", []) if item["speaker"]}
    problems: list[str] = []
    for kind, score in (("direct", figures.direct), ("indirect", figures.indirect)):
        if kind not in scored_types:
            continue
        gold = [item for item in article.get("gold", []) if item["type"] == kind]
        quotes = [q for q in result.quotes if q.type == kind]
        pairs = _match_tokens([item["text"] for item in gold], [q.text for q in quotes])
        matched_gold = {g for g, _ in pairs}
        matched_pred = {p for _, p in pairs}
        core_pairs = [(g, p) for g, p in pairs if not gold[g].get("optional")]
        score.tp = len(core_pairs)
        score.fn = sum(1 for item in gold if not item.get("optional")) - score.tp
        score.fp = len(quotes) - len(matched_pred)
        figures.quotes.add(Score(score.tp, score.fp, score.fn))
        for g, p in core_pairs:
            item, quote = gold[g], quotes[p]
            if not item.get("speaker_resolved"):
                continue
            want = normalise_name(item["speaker"])
            got = normalise_name(quote.speaker)
            strict = want == got
            lenient = bool(got) and want.split()[-1:] == got.split()[-1:]
            figures.speaker.total += 1
            figures.speaker.correct += strict
            if kind == "direct":
                for ratio, ok in (
                    (figures.direct_speaker, strict),
                    (figures.strict_speaker, strict),
                    (figures.lenient_speaker, lenient),
                ):
                    ratio.total += 1
                    ratio.correct += ok
            if not strict:
                category = speaker_error(item, got, speakers)
                if kind == "direct":
                    figures.speaker_errors[category] += 1
                problems.append(
                    f"speaker {quote.speaker!r} != {item['speaker']!r} ({kind}, {category}, "
                    f"mention {item.get('speaker_mention', '')!r}): {item['text'][:50]!r}"
                )
        for g, item in enumerate(gold):
            if g not in matched_gold and not item.get("optional"):
                problems.append(f"missed {kind}: {item['text'][:70]!r}")
        for p, quote in enumerate(quotes):
            if p not in matched_pred:
                problems.append(f"extra {kind} ({quote.speaker}): {quote.text[:70]!r}")
    return ArticleReport(article["id"], article.get("language", ""), figures, problems)


def speaker_error(item: dict, got: str, speakers: set[str]) -> str:
    """The kind of a wrong speaker: "empty" (none given), "extra words" (the right name with
    more words glued to it), "short name" (part of the right name), "pronoun" (the gold
    mention is a pronoun or a "-nya" cue and another person was credited), "other speaker"
    (someone the article quotes elsewhere), "not a speaker" (a name the article never
    credits: an organisation, a place, a bystander)."""
    want = normalise_name(item["speaker"])
    if not got:
        return "empty"
    want_tokens, got_tokens = set(want.split()), set(got.split())
    if want_tokens < got_tokens:
        return "extra words"
    if got_tokens < want_tokens:
        return "short name"
    mention = item.get("speaker_mention", "")
    if mention and mention == mention.lower():
        return "pronoun"
    if got in speakers:
        return "other speaker"
    return "not a speaker"


def _match_tokens(gold: list[str], predicted: list[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by shared tokens over the longer text, best first."""
    gold_tokens = [_tokens(text) for text in gold]
    predicted_tokens = [_tokens(text) for text in predicted]
    scored = []
    for g, g_tok in enumerate(gold_tokens):
        g_len = sum(g_tok.values())
        for p, p_tok in enumerate(predicted_tokens):
            longer = max(g_len, sum(p_tok.values()))
            if not longer:
                continue
            overlap = sum((g_tok & p_tok).values()) / longer
            if overlap >= MATCH_THRESHOLD:
                scored.append((-overlap, g, p))
    pairs, used_g, used_p = [], set(), set()
    for _, g, p in sorted(scored):
        if g not in used_g and p not in used_p:
            pairs.append((g, p))
            used_g.add(g)
            used_p.add(p)
    return pairs


_TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall(text.lower()))


def _match(spans, quotes: tuple[ExtractedQuote, ...], g_idx: list[int], p_idx: list[int]):
    scored = []
    for g in g_idx:
        if spans[g] is None:
            continue
        gs, ge = spans[g]
        for p in p_idx:
            q = quotes[p]
            overlap = min(ge, q.end) - max(gs, q.start)
            if overlap <= 0:
                continue
            jaccard = overlap / (max(ge, q.end) - min(gs, q.start))
            if jaccard >= MATCH_THRESHOLD:
                scored.append((jaccard, g, p))
    pairs, used_g, used_p = [], set(), set()
    for _, g, p in sorted(scored, reverse=True):
        if g not in used_g and p not in used_p:
            pairs.append((g, p))
            used_g.add(g)
            used_p.add(p)
    return pairs


def _same_speaker(item: dict, quote: ExtractedQuote) -> bool:
    return normalise_name(item.get("speaker", "")) == normalise_name(quote.speaker)


def _metadata(article: dict, result: ExtractionResult, problems: list[str]) -> Ratio:
    expected = dict(article.get("source", {}))
    expected["published_at"] = article.get("published")
    expected["language"] = article.get("language")
    ratio = Ratio()
    source = result.source
    for name in METADATA_FIELDS:
        if name not in expected or expected[name] is None:
            continue
        want = expected[name]
        got = getattr(source, name)
        if name == "published_at":
            ok = _same_timestamp(want, got)
        elif isinstance(want, list):
            ok = list(got) == want
        else:
            ok = got == want
        ratio.total += 1
        ratio.correct += ok
        if not ok:
            problems.append(f"metadata {name}: {got!r} != {want!r}")
    return ratio


def _same_timestamp(want: str, got: datetime | None) -> bool:
    if got is None:
        return False
    if len(want) == 10:
        return got.date() == date.fromisoformat(want)
    return got == datetime.fromisoformat(want) and got.utcoffset() == datetime.fromisoformat(want).utcoffset()


def format_report(report: Report, *, verbose: bool = False) -> str:
    lines = [f"Quote extraction on the dev set (match: {report.match})", ""]
    header = f"{'':9}{'articles':>9}{'type':>10}{'P':>8}{'R':>8}{'F1':>8}{'tp/fp/fn':>13}"
    lines.append(header)
    groups = [*sorted(report.by_language.items()), ("overall", report.overall)]
    for name, group in groups:
        for kind, score in (
            ("direct", group.direct),
            ("indirect", group.indirect),
            ("all", group.quotes),
        ):
            counts = f"{score.tp}/{score.fp}/{score.fn}"
            lines.append(
                f"{name if kind == 'direct' else '':9}{group.articles if kind == 'direct' else '':>9}"
                f"{kind:>10}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}{counts:>13}"
            )
        lines.append(
            f"{'':9}{'':>9}{'speaker':>10}  accuracy {group.speaker.value:.3f} "
            f"({group.speaker.correct}/{group.speaker.total}); direct only "
            f"{group.direct_speaker.value:.3f}"
        )
        if group.strict_speaker.total:
            lines.append(
                f"{'':9}{'':>9}{'speaker':>10}  direct, resolved gold: strict "
                f"{group.strict_speaker.value:.3f} ({group.strict_speaker.correct}/"
                f"{group.strict_speaker.total}); lenient {group.lenient_speaker.value:.3f}"
            )
        if group.speaker_errors:
            errors = ", ".join(f"{name} {count}" for name, count in group.speaker_errors.most_common())
            lines.append(f"{'':9}{'':>9}{'errors':>10}  wrong direct speakers: {errors}")
        lines.append(
            f"{'':9}{'':>9}{'said_on':>10}  accuracy {group.said_on.value:.3f} "
            f"({group.said_on.correct}/{group.said_on.total})"
        )
        lines.append(
            f"{'':9}{'':>9}{'metadata':>10}  accuracy {group.metadata.value:.3f} "
            f"({group.metadata.correct}/{group.metadata.total})"
        )
    if verbose:
        for article in report.articles:
            if article.problems:
                lines.append("")
                lines.append(f"{article.id}:")
                lines.extend(f"  - {problem}" for problem in article.problems)
    return "\n".join(lines)
