"""Writes that carry business rules, shared by the admin, the API and commands."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from sources.normalization import fold, normalize_text

from .dates import PartialDate, Precision, truncate
from .models import Citation, Quote, Speaker, SpeakerAlias, Tag


def can_review(user) -> bool:
    """Only reviewers (and superusers) may set a verdict on an attribution."""
    return bool(user and user.is_active and user.has_perm(Quote.REVIEW_PERMISSION))


def ensure_can_change_status(*, user, old_status: str, new_status: str) -> None:
    if old_status != new_status and not can_review(user):
        raise PermissionDenied(
            "Only reviewers can change the verdict status of a quote; ask a reviewer to "
            f"mark it {Quote.Status(new_status).label.lower()}."
        )


def quote_record_review(*, quote: Quote, user) -> None:
    """Stamp who set the current verdict and when (does not save)."""
    quote.reviewed_by = user
    quote.reviewed_at = timezone.now()


@transaction.atomic
def quote_set_status(*, quote: Quote, status: str, user, note: str | None = None) -> Quote:
    """Set the verdict on one quote, enforcing the reviewer permission and the citation rule."""
    ensure_can_change_status(user=user, old_status=quote.status, new_status=status)
    quote.status = status
    if note is not None:
        quote.status_note = note
    quote.check_citations(source for source in quote.cited_sources())
    quote_record_review(quote=quote, user=user)
    quote.updated_by = user
    quote.machine_extracted = False
    quote.save()
    return quote


def quotes_set_status(*, quotes, status: str, user) -> tuple[list[Quote], list[tuple[Quote, str]]]:
    """Bulk verdict: returns the quotes changed and the (quote, reason) pairs refused."""
    changed, refused = [], []
    for quote in quotes:
        if quote.status == status:
            continue
        try:
            changed.append(quote_set_status(quote=quote, status=status, user=user))
        except (ValidationError, PermissionDenied) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            refused.append((quote, message))
    return changed, refused


# Writes used by the API (and available to commands): each validates with the model's own
# clean()/full_clean(), Quote.check_citations() and the reviewer rule above, so the rules
# are the ones the admin applies.

# Finest first: a date typed as a year cannot be claimed to the day.
_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}

QUOTE_WRITABLE_FIELDS = frozenset(
    {
        "text",
        "speaker",
        "role",
        "language",
        "original_language",
        "type",
        "said_on",
        "said_on_precision",
        "said_on_approximate",
        "place",
        "context",
        "status",
        "status_note",
    }
)


def said_on_from_input(*, said: PartialDate | None, precision: str = "") -> tuple[date | None, str]:
    """The stored ``(said_on, said_on_precision)`` for a date typed as YYYY, YYYY-MM or YYYY-MM-DD.

    The precision defaults to the one typed; a coarser one truncates the date, a finer
    one is refused because it would claim more than was given.
    """
    if said is None:
        if precision:
            raise ValidationError(
                {"said_on": "Enter the date that this precision applies to, or clear the precision."}
            )
        return None, ""
    if not precision:
        precision = said.precision
    elif _PRECISION_RANK[precision] < _PRECISION_RANK[said.precision]:
        raise ValidationError(
            {
                "said_on": f"{Precision(precision).label}-precision date needs "
                f"{'YYYY-MM-DD' if precision == Precision.DAY else 'YYYY-MM'}, but only "
                f"“{said}” was given. Enter the full date or choose a coarser precision."
            }
        )
    return truncate(said.start, precision), precision


def _quote_apply(quote: Quote, fields: dict) -> None:
    unknown = set(fields) - QUOTE_WRITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not writable on a quote: {', '.join(sorted(unknown))}")
    fields = dict(fields)
    if "said_on" in fields or "said_on_precision" in fields:
        # A new date without a precision takes the precision it was typed with.
        default_precision = "" if "said_on" in fields else quote.said_on_precision
        said = fields.pop("said_on", quote.said)
        precision = fields.pop("said_on_precision", default_precision)
        quote.said_on, quote.said_on_precision = said_on_from_input(said=said, precision=precision or "")
    for name, value in fields.items():
        setattr(quote, name, value)


def tags_from_names(*, names, user) -> list[Tag]:
    """The tags with these names (or slugs); missing ones are created when the user may add tags."""
    tags, missing = [], []
    for name in dict.fromkeys(normalize_text(name) for name in names if normalize_text(name)):
        slug = slugify(name, allow_unicode=True)[:100]
        tag = Tag.objects.filter(models.Q(slug=slug) | models.Q(name__iexact=name)).first()
        if tag is None:
            if not (user and user.has_perm("quotes.add_tag")):
                missing.append(name)
                continue
            tag = Tag(name=name)
            tag.full_clean()
            tag.save()
        tags.append(tag)
    if missing:
        raise ValidationError(
            {"tags": f"Unknown tag(s): {', '.join(missing)}; only editors can add new tags."}
        )
    return tags


def _new_citations(citations) -> list[Citation]:
    built, seen, errors = [], set(), []
    for item in citations:
        citation = Citation(
            source=item["source"], locator=item.get("locator", ""), excerpt=item.get("excerpt", "")
        )
        if citation.source_id in seen:
            errors.append(f"“{citation.source.title}” is cited twice; cite each source once.")
            continue
        seen.add(citation.source_id)
        try:
            citation.full_clean(exclude=["quote"], validate_constraints=False)
        except ValidationError as error:
            errors.extend(error.messages)
        built.append(citation)
    if errors:
        raise ValidationError({"citations": errors})
    return built


@transaction.atomic
def quote_create(*, user, tags=(), citations=(), **fields) -> Quote:
    """Record a quote with its tags and citations, as one change.

    ``fields`` are model fields; ``said_on`` is a PartialDate. ``citations`` are
    dicts with ``source`` (a Source), ``locator`` and ``excerpt``.
    """
    quote = Quote(created_by=user, updated_by=user)
    _quote_apply(quote, fields)
    ensure_can_change_status(user=user, old_status=Quote.Status.UNVERIFIED, new_status=quote.status)
    quote.full_clean()
    new_citations = _new_citations(citations)
    quote.check_citations(citation.source for citation in new_citations)
    if quote.status != Quote.Status.UNVERIFIED:
        quote_record_review(quote=quote, user=user)
    tag_list = tags_from_names(names=tags, user=user)
    quote.save()
    quote.tags.set(tag_list)
    for citation in new_citations:
        citation.quote = quote
        citation.save()
    return quote


@transaction.atomic
def quote_update(*, quote: Quote, user, tags=None, **fields) -> Quote:
    """Change a quote's fields (and, when given, replace its tags) under the same rules as the admin."""
    old_status = quote.status
    _quote_apply(quote, fields)
    ensure_can_change_status(user=user, old_status=old_status, new_status=quote.status)
    quote.full_clean()
    quote.check_citations(quote.cited_sources())
    if quote.status != old_status:
        quote_record_review(quote=quote, user=user)
    tag_list = tags_from_names(names=tags, user=user) if tags is not None else None
    quote.updated_by = user
    quote.machine_extracted = False
    quote.save()
    if tag_list is not None:
        quote.tags.set(tag_list)
    return quote


@transaction.atomic
def quote_delete(*, quote: Quote, user) -> None:
    speaker_id = quote.speaker_id
    quote.delete()
    # A deletion leaves no row behind to date it; marking the speaker changed keeps the
    # API's ETag/Last-Modified (the newest updated_at) honest about it.
    Speaker.objects.filter(pk=speaker_id).update(updated_at=timezone.now(), updated_by=user)


def _quote_touch(quote: Quote, user) -> None:
    quote.updated_by = user
    quote.save(update_fields=["updated_at", "updated_by"])


@transaction.atomic
def citation_create(*, quote: Quote, source, user, locator: str = "", excerpt: str = "") -> Citation:
    """Cite a source for a quote; the quote must still pass check_citations() with it."""
    citation = Citation(quote=quote, source=source, locator=locator, excerpt=excerpt)
    citation.full_clean()
    quote.check_citations([*quote.cited_sources(), source])
    citation.save()
    _quote_touch(quote, user)
    return citation


@transaction.atomic
def citation_update(*, citation: Citation, user, **fields) -> Citation:
    unknown = set(fields) - {"source", "locator", "excerpt"}
    if unknown:
        raise TypeError(f"Not writable on a citation: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(citation, name, value)
    citation.full_clean()
    quote = citation.quote
    others = [c.source for c in quote.citations.select_related("source") if c.pk != citation.pk]
    quote.check_citations([*others, citation.source])
    citation.save()
    _quote_touch(quote, user)
    return citation


@transaction.atomic
def citation_delete(*, citation: Citation, user) -> None:
    """Remove a citation, unless the quote's verdict rests on it being the last one."""
    quote = citation.quote
    quote.check_citations(c.source for c in quote.citations.select_related("source") if c.pk != citation.pk)
    citation.delete()
    _quote_touch(quote, user)


SPEAKER_WRITABLE_FIELDS = frozenset({"name", "slug", "kind", "wikidata_id", "description"})


def _speaker_set_aliases(speaker: Speaker, names) -> None:
    wanted = {fold(name): normalize_text(name) for name in names if fold(name)}
    speaker.aliases.exclude(search_name__in=wanted).delete()
    existing = set(speaker.aliases.values_list("search_name", flat=True))
    for key, name in wanted.items():
        if key not in existing:
            alias = SpeakerAlias(speaker=speaker, name=name)
            alias.full_clean()
            alias.save()


@transaction.atomic
def speaker_create(*, user, aliases=(), **fields) -> Speaker:
    unknown = set(fields) - SPEAKER_WRITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not writable on a speaker: {', '.join(sorted(unknown))}")
    speaker = Speaker(**fields, created_by=user, updated_by=user)
    speaker.full_clean()
    speaker.save()
    _speaker_set_aliases(speaker, aliases)
    return speaker


@transaction.atomic
def speaker_update(*, speaker: Speaker, user, aliases=None, **fields) -> Speaker:
    unknown = set(fields) - SPEAKER_WRITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not writable on a speaker: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(speaker, name, value)
    speaker.updated_by = user
    speaker.full_clean()
    speaker.save()
    if aliases is not None:
        _speaker_set_aliases(speaker, aliases)
    return speaker
