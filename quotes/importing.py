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
from .models import Quote, QuoteType, Speaker, paragraph_locator
from .selectors import speakers_for_mention
from .services import (
    DuplicateQuote,
    citation_create,
    quote_create,
    role_get_or_create,
    speaker_create,
)


@dataclass
class QuoteDraft:
    text: str
    # The speaker as the article names them; ``speaker`` is the recorded speaker it stands for.
    speaker_name: str
    type: str = QuoteType.DIRECT
    speaker: Speaker | None = None
    # Recorded speakers the name could stand for when it is not one of them alone: the editor picks.
    speaker_candidates: list[Speaker] = field(default_factory=list)
    speaker_role: str = ""
    said_on: date | None = None
    said_on_precision: str = ""
    # The date was inferred from context rather than written for these words.
    said_on_approximate: bool = False
    place: str = ""
    context: str = ""
    # Empty: the article's language.
    language: str = ""
    original_language: str = ""
    paragraph: int = 0
    # Empty: the paragraph's locator.
    locator: str = ""
    excerpt: str = ""
    include: bool = True
    # How sure the extractor is of the speaker (0-1), shown on the review page.
    confidence: float = 0.0

    @property
    def citation_locator(self) -> str:
        return self.locator.strip() or (paragraph_locator(self.paragraph) if self.paragraph else "")


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

    The draft holds only what the article says: the outlet is a recorded one (by name or
    domain) or a name the extractor read from the page or its known-outlet table, never one
    guessed from a domain; a role never keeps the dateline; a date the extractor inferred
    from context is marked approximate. Each speaker is linked to the recorded speaker the
    name stands for (``speakers_for_mention``), or offered as a choice when several could be
    meant. Paragraphs are numbered as editors number them by hand (``LOCATOR_HELP``).
    """
    found = result.source
    language = found.language
    domain = (found.outlet_domain or domain_of(url or found.url)).removeprefix("www.")
    dateline = found.dateline_place
    quotes = []
    for quote in result.quotes:
        recorded = (
            speakers_for_mention(quote.speaker, earlier_text=result.text[: quote.start])
            if quote.speaker
            else []
        )
        said_on = quote.said_on
        quotes.append(
            QuoteDraft(
                text=quote.text,
                speaker_name=quote.speaker,
                speaker=recorded[0] if len(recorded) == 1 else None,
                speaker_candidates=recorded if len(recorded) > 1 else [],
                type=quote.type if quote.type in QuoteType.values else QuoteType.DIRECT,
                speaker_role=role_without_dateline(quote.speaker_role, dateline=dateline),
                said_on=said_on,
                said_on_precision=quote.said_on_precision if said_on else "",
                said_on_approximate=bool(said_on and quote.said_on_inferred),
                place=dateline if said_on else "",
                language=language,
                paragraph=quote.paragraph,
                excerpt=quote.excerpt,
                include=bool(quote.speaker),
                confidence=quote.confidence,
            )
        )
    return ArticleDraft(
        text=result.text,
        title=found.title or "Untitled article",
        url=url or found.url,
        outlet=outlet or outlet_for(name=found.outlet_name, domain=domain),
        outlet_name=found.outlet_name,
        outlet_domain=domain,
        published_at=found.published_at,
        timezone=timezone_name_for(found.published_at, language=language),
        language=language,
        dateline=dateline,
        authors=list(found.authors),
        editors=list(found.editors),
        quotes=quotes,
    )


# A dateline opening a role: "PORTSMOUTH --", "REPUBLIKA.CO.ID, BOGOR --", "LEEDS, March 3 (Wire) -".
# The place is in capitals (four or more, so "CEO - Acme" stays a role).
_DASH = r"(?:\s*(?:--|—|–)\s*|\s+-\s+)"
_CAPS_DATELINE = re.compile(rf"^[A-Z.'’ ]*[A-Z]{{4}}[A-Z0-9.'’ ]*(?:,[\w.'’ ]+)*(?:\s*\([^)]*\))?{_DASH}")


def role_without_dateline(role: str, *, dateline: str = "") -> str:
    """A role with any dateline before it removed ("PORTSMOUTH -- The chairman of X" -> "chairman of X").

    A dateline is the filing place in capitals (or the article's own dateline place, however
    written), optionally with a date, outlet or agency, followed by a dash.
    """
    role = (role or "").strip()
    stripped = _CAPS_DATELINE.sub("", role, count=1)
    if dateline:
        own = rf"^{re.escape(dateline)}(?:,[\w.'’ ]+)*(?:\s*\([^)]*\))?{_DASH}"
        stripped = re.sub(own, "", stripped, count=1, flags=re.IGNORECASE)
    if stripped != role:
        stripped = re.sub(r"^(?:the|a|an)\s+", "", stripped, flags=re.IGNORECASE)
    return stripped.strip(" ,")


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
    if outlet is None and draft.outlet_name.strip():
        outlet, _ = outlet_get_or_create(
            name=draft.outlet_name, domain=draft.outlet_domain, language=draft.language, user=user
        )
    # With neither a recorded outlet nor a name the page gave, the source has no outlet: a name
    # made from the domain would be saved as fact. Editors pick the outlet later.
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
    quote that fails validation, or whose speaker could be either of several recorded
    speakers, is reported in ``rejected`` and the others are kept. Everything is written
    through the services, under the same rules as the admin.
    """
    with recording(via="article import", user=user):
        source, source_created = _source_for(draft, user=user)
        outcome = ArticleImport(source=source, source_created=source_created)
        for quote_draft in draft.quotes:
            if not quote_draft.include:
                continue
            try:
                with transaction.atomic():
                    _import_quote(quote_draft, draft, source, outcome, user=user)
            except (ValidationError, PermissionDenied) as error:
                message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                outcome.rejected.append((quote_draft, message))
    return outcome


def _speaker_for(quote_draft: QuoteDraft, *, user) -> tuple[Speaker, bool]:
    """The recorded speaker the draft names, or a new one; never a silent pick among several."""
    if quote_draft.speaker is not None:
        return quote_draft.speaker, False
    name = quote_draft.speaker_name.strip()
    recorded = quote_draft.speaker_candidates or (speakers_for_mention(name) if name else [])
    if len(recorded) > 1:
        names = ", ".join(speaker.name for speaker in recorded)
        raise ValidationError(
            f"“{name}” could be any of the recorded speakers {names}: choose one in the admin's import review."
        )
    if recorded:
        return recorded[0], False
    if not name:
        raise ValidationError("No speaker: name who said it or untick the quote.")
    return speaker_create(name=name, user=user), True


def _import_quote(quote_draft, draft, source, outcome, *, user):
    speaker, speaker_created = _speaker_for(quote_draft, user=user)
    # Only a speaker created by this import gets a role from the article text; a recorded
    # speaker's roles are curated by editors. The dateline is never part of a role.
    role = None
    role_title = role_without_dateline(quote_draft.speaker_role, dateline=draft.dateline)
    if role_title:
        if speaker_created or speaker in outcome.new_speakers:
            role = role_get_or_create(speaker=speaker, title=role_title, user=user)
        else:
            wanted = fold(role_title)
            role = next((r for r in speaker.roles.all() if fold(r.title) == wanted), None)
    locator = quote_draft.citation_locator
    said = PartialDate(quote_draft.said_on, quote_draft.said_on_precision) if quote_draft.said_on else None
    try:
        quote = quote_create(
            user=user,
            machine_extracted=True,
            text=quote_draft.text,
            speaker=speaker,
            role=role,
            type=quote_draft.type,
            language=quote_draft.language or draft.language or "und",
            original_language=quote_draft.original_language,
            said_on=said,
            said_on_approximate=bool(said and quote_draft.said_on_approximate),
            place=quote_draft.place,
            context=quote_draft.context,
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
    if speaker_created:
        outcome.new_speakers.append(speaker)
