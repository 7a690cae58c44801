"""Article import: drafts proposed by the extractor, reviewed by an editor, then saved.

The extractor (``quotes.extraction``) reads text and knows nothing of the database;
these functions turn its result into an editable draft, match speakers, outlets and
sources already recorded, and save what the editor kept.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from sources.models import Contributor, Outlet, Source
from sources.normalization import domain_of, fold, normalize_text, normalize_url
from sources.services import source_create

from .models import Citation, Quote, QuoteType, Role, Speaker, text_fingerprint


@dataclass
class QuoteDraft:
    text: str
    speaker_name: str
    type: str = QuoteType.DIRECT
    speaker_role: str = ""
    said_on: date | None = None
    said_on_precision: str = ""
    paragraph: int = 0
    excerpt: str = ""
    include: bool = True
    # The date was inferred from context rather than written for these words.
    said_on_approximate: bool = False
    # How sure the extractor is of the speaker (0-1), shown on the review page.
    confidence: float = 0.0


@dataclass
class ArticleDraft:
    text: str
    title: str
    url: str = ""
    outlet: Outlet | None = None
    outlet_name: str = ""
    outlet_domain: str = ""
    published_at: datetime | None = None
    timezone: str = "UTC"
    language: str = ""
    dateline: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    quotes: list[QuoteDraft] = field(default_factory=list)


@dataclass
class ArticleImport:
    source: Source
    source_created: bool
    created: list[Quote] = field(default_factory=list)
    existing: list[Quote] = field(default_factory=list)
    new_speakers: list[Speaker] = field(default_factory=list)
    rejected: list[tuple[QuoteDraft, str]] = field(default_factory=list)


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


def article_content_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def article_draft_from_extraction(result, *, url: str = "", outlet: Outlet | None = None) -> ArticleDraft:
    """Turn an extractor result (quotes.extraction.ExtractionResult) into an editable draft.

    The draft holds only what the article says: the outlet name comes from the extractor's
    known-outlet table or the page itself (never guessed from a domain); a role never keeps
    the dateline; a date the extractor inferred from context is marked approximate.
    Paragraphs are numbered as editors number them by hand: body paragraphs only, from 1 at
    the first paragraph after the header (the dateline paragraph).
    """
    found = result.source
    language = found.language
    return ArticleDraft(
        text=result.text,
        title=found.title or "Untitled article",
        url=url or found.url,
        outlet=outlet or outlet_for(name=found.outlet_name, domain=found.outlet_domain or domain_of(url)),
        outlet_name=found.outlet_name,
        outlet_domain=found.outlet_domain or domain_of(url),
        published_at=found.published_at,
        timezone=timezone_name_for(found.published_at, language=language),
        language=language,
        dateline=found.dateline_place,
        authors=list(found.authors),
        editors=list(found.editors),
        quotes=[
            QuoteDraft(
                text=quote.text,
                speaker_name=quote.speaker,
                type=quote.type if quote.type in QuoteType.values else QuoteType.DIRECT,
                speaker_role=_without_dateline(quote.speaker_role),
                said_on=quote.said_on,
                said_on_precision=quote.said_on_precision if quote.said_on else "",
                said_on_approximate=bool(quote.said_on and quote.said_on_inferred),
                paragraph=quote.paragraph,
                excerpt=quote.excerpt,
                include=bool(quote.speaker),
                confidence=quote.confidence,
            )
            for quote in result.quotes
        ],
    )


def _without_dateline(role: str) -> str:
    """A role with any leading dateline removed ("PORTSMOUTH -- The chairman" -> "chairman")."""
    role = re.split(r"\s(?:--|—|–)\s|\s-\s", role)[-1].strip()
    return re.sub(r"^(?:the|The|a|an)\s+", "", role)


def outlet_for(*, name: str = "", domain: str = "") -> Outlet | None:
    """The recorded outlet with this domain, or else with this name (ignoring case)."""
    if domain:
        outlet = Outlet.objects.filter(domain=domain.removeprefix("www.").lower()).first()
        if outlet:
            return outlet
    if name:
        return Outlet.objects.filter(name__iexact=name.strip()).first()
    return None


def existing_article(
    *, url: str = "", text: str = "", title: str = "", outlet: Outlet | None = None, published_at=None
) -> Source | None:
    """The source already recorded for this article, if any.

    The same article is the same URL, the same text, or (for sources entered by hand,
    which have no text) the same title from the same outlet at the same time.
    """
    canonical = normalize_url(url)
    if canonical:
        source = Source.objects.filter(url=canonical).first()
        if source:
            return source
    if text.strip():
        source = Source.objects.filter(content_hash=article_content_hash(text)).first()
        if source:
            return source
    if title.strip() and outlet is not None and published_at is not None:
        return Source.objects.filter(
            title__iexact=normalize_text(title), outlet=outlet, published_at=published_at
        ).first()
    return None


def existing_article_for(draft: ArticleDraft) -> Source | None:
    return existing_article(
        url=draft.url,
        text=draft.text,
        title=draft.title,
        outlet=draft.outlet,
        published_at=draft.published_at,
    )


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _source_for(draft: ArticleDraft, *, user) -> tuple[Source, bool]:
    source = existing_article_for(draft)
    if source is not None:
        return source, False
    outlet = draft.outlet
    if outlet is None and (draft.outlet_name or draft.outlet_domain):
        outlet = _save(
            Outlet(
                name=draft.outlet_name or draft.outlet_domain,
                domain=draft.outlet_domain or None,
                language=draft.language,
                created_by=user,
                updated_by=user,
            )
        )
    byline = [{"name": name, "role": Contributor.Role.AUTHOR} for name in draft.authors]
    byline += [{"name": name, "role": Contributor.Role.EDITOR} for name in draft.editors]
    source = source_create(
        user=user,
        contributors=byline,
        kind=Source.Kind.NEWS_ARTICLE,
        title=draft.title,
        url=draft.url or None,
        outlet=outlet,
        published_at=draft.published_at,
        timezone=draft.timezone,
        language=draft.language,
        dateline=draft.dateline,
        content_hash=article_content_hash(draft.text),
    )
    return source, True


def _speaker_for(draft: QuoteDraft, outcome: ArticleImport, *, user) -> Speaker:
    speaker = Speaker.objects.named(draft.speaker_name).first()
    if speaker is None:
        base = slugify(draft.speaker_name, allow_unicode=True)[:190] or "speaker"
        slug, n = base, 1
        while Speaker.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        speaker = _save(Speaker(name=draft.speaker_name, slug=slug, created_by=user, updated_by=user))
        outcome.new_speakers.append(speaker)
    return speaker


def _role_for(speaker: Speaker, title: str, *, is_new: bool) -> Role | None:
    if not title.strip():
        return None
    wanted = fold(title)
    for role in speaker.roles.all():
        if fold(role.title) == wanted:
            return role
    # Only a speaker created by this import gets a role from the article text; a recorded
    # speaker's roles are curated by editors.
    return _save(Role(speaker=speaker, title=title)) if is_new else None


@transaction.atomic
def article_import(*, draft: ArticleDraft, user=None) -> ArticleImport:
    """Save a reviewed article draft: its source, speakers and unverified, machine-extracted quotes.

    Importing the same article again (same URL or same text) creates nothing new. A
    quote that fails validation is reported in ``rejected`` and the others are kept.
    """
    source, source_created = _source_for(draft, user=user)
    outcome = ArticleImport(source=source, source_created=source_created)
    for quote_draft in draft.quotes:
        if not quote_draft.include:
            continue
        if not quote_draft.speaker_name.strip():
            outcome.rejected.append((quote_draft, "No speaker: name who said it or untick the quote."))
            continue
        try:
            with transaction.atomic():
                _import_quote(quote_draft, draft, source, outcome, user=user)
        except ValidationError as error:
            outcome.rejected.append((quote_draft, " ".join(error.messages)))
    return outcome


def _import_quote(quote_draft, draft, source, outcome, *, user):
    speaker = _speaker_for(quote_draft, outcome, user=user)
    is_new = speaker in outcome.new_speakers
    quote = Quote.objects.filter(speaker=speaker, fingerprint=text_fingerprint(quote_draft.text)).first()
    if quote is None:
        quote = Quote(
            text=quote_draft.text,
            speaker=speaker,
            role=_role_for(speaker, quote_draft.speaker_role, is_new=is_new),
            type=quote_draft.type,
            language=draft.language or "und",
            said_on=quote_draft.said_on,
            said_on_precision=quote_draft.said_on_precision if quote_draft.said_on else "",
            place=draft.dateline if quote_draft.said_on else "",
            machine_extracted=True,
            created_by=user,
            updated_by=user,
        )
        quote.full_clean()
        quote.check_citations([source])
        quote.save()
        outcome.created.append(quote)
    else:
        outcome.existing.append(quote)
    if not quote.citations.filter(source=source).exists():
        locator = f"paragraph {quote_draft.paragraph}" if quote_draft.paragraph else ""
        _save(Citation(quote=quote, source=source, locator=locator, excerpt=quote_draft.excerpt))
