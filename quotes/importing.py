"""Article import: drafts proposed by the extractor, reviewed by an editor, then saved.

The extractor (``quotes.extraction``) reads text and knows nothing of the database;
these functions turn its result into an editable draft, match speakers, outlets and
sources already recorded, and save what the editor kept.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.history import recording
from core.normalization import domain_of, fold
from sources import selectors
from sources.models import Contributor, Outlet, Source
from sources.services import outlet_get_or_create, source_create

from .dates import PartialDate, timezone_name_for
from .models import Quote, QuoteType, Speaker
from .services import DuplicateQuote, citation_create, quote_create, role_get_or_create, speaker_get_or_create


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


article_content_hash = selectors.article_content_hash


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


outlet_for = selectors.outlet_for
existing_article = selectors.source_lookup


def existing_article_for(draft: ArticleDraft) -> Source | None:
    return existing_article(
        url=draft.url,
        text=draft.text,
        title=draft.title,
        outlet=draft.outlet,
        published_at=draft.published_at,
    )


def _source_for(draft: ArticleDraft, *, user) -> tuple[Source, bool]:
    source = existing_article_for(draft)
    if source is not None:
        return source, False
    outlet = draft.outlet
    if outlet is None and (draft.outlet_name or draft.outlet_domain):
        outlet, _ = outlet_get_or_create(
            name=draft.outlet_name, domain=draft.outlet_domain, language=draft.language, user=user
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


@transaction.atomic
def article_import(*, draft: ArticleDraft, user=None) -> ArticleImport:
    """Save a reviewed article draft: its source, speakers and unverified, machine-extracted quotes.

    Importing the same article again (same URL or same text) creates nothing new. A
    quote that fails validation is reported in ``rejected`` and the others are kept.
    Everything is written through the services, under the same rules as the admin.
    """
    with recording(via="article import", user=user):
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
            except (ValidationError, PermissionDenied) as error:
                message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                outcome.rejected.append((quote_draft, message))
    return outcome


def _import_quote(quote_draft, draft, source, outcome, *, user):
    speaker, created = speaker_get_or_create(name=quote_draft.speaker_name, user=user)
    if created:
        outcome.new_speakers.append(speaker)
    # Only a speaker created by this import gets a role from the article text; a recorded
    # speaker's roles are curated by editors.
    role = None
    if quote_draft.speaker_role.strip():
        if speaker in outcome.new_speakers:
            role = role_get_or_create(speaker=speaker, title=quote_draft.speaker_role, user=user)
        else:
            wanted = fold(quote_draft.speaker_role)
            role = next((r for r in speaker.roles.all() if fold(r.title) == wanted), None)
    locator = f"paragraph {quote_draft.paragraph}" if quote_draft.paragraph else ""
    try:
        quote = quote_create(
            user=user,
            machine_extracted=True,
            text=quote_draft.text,
            speaker=speaker,
            role=role,
            type=quote_draft.type,
            language=draft.language or "und",
            said_on=PartialDate(quote_draft.said_on, quote_draft.said_on_precision)
            if quote_draft.said_on
            else None,
            said_on_approximate=getattr(quote_draft, "said_on_approximate", False),
            place=draft.dateline if quote_draft.said_on else "",
            citations=[{"source": source, "locator": locator, "excerpt": quote_draft.excerpt}],
        )
    except DuplicateQuote as duplicate:
        quote = duplicate.existing
        outcome.existing.append(quote)
        if not quote.citations.filter(source=source).exists():
            citation_create(
                quote=quote, source=source, user=user, locator=locator, excerpt=quote_draft.excerpt
            )
    else:
        outcome.created.append(quote)
