"""Result types of the article quote extractor."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ExtractedSource:
    title: str = ""
    published_at: datetime | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    dateline_place: str = ""
    outlet_name: str = ""
    outlet_domain: str = ""
    language: str = ""
    # "minute" when a time of day was given, "day" for a bare date, "" when unknown.
    published_precision: str = ""
    # True when the timezone was not written and was assumed (WIB for Indonesian, else UTC).
    published_timezone_assumed: bool = False
    url: str = ""

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "published_precision": self.published_precision,
            "published_timezone_assumed": self.published_timezone_assumed,
            "authors": list(self.authors),
            "editors": list(self.editors),
            "dateline_place": self.dateline_place,
            "outlet_name": self.outlet_name,
            "outlet_domain": self.outlet_domain,
            "language": self.language,
            "url": self.url,
        }


@dataclass(frozen=True)
class ExtractedQuote:
    text: str
    start: int
    end: int
    # Body paragraphs, counted from 1 at the first paragraph after the header (the dateline
    # paragraph): the numbering an editor uses when citing by hand.
    paragraph: int
    excerpt: str
    type: str
    speaker: str
    speaker_role: str = ""
    cue: str = ""
    said_on: date | None = None
    said_on_precision: str = ""
    # True when the date was not written in the attribution but taken from context (the lead's
    # event day, an earlier date for the same speaker): an approximate date.
    said_on_inferred: bool = False
    # How sure the extractor is of the speaker (0-1); the speaker is "" when it is not sure.
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "excerpt": self.excerpt,
            "type": self.type,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "cue": self.cue,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "said_on_precision": self.said_on_precision,
            "said_on_inferred": self.said_on_inferred,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class ExtractionResult:
    text: str
    source: ExtractedSource
    quotes: tuple[ExtractedQuote, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "source": self.source.to_dict(),
            "quotes": [quote.to_dict() for quote in self.quotes],
        }
