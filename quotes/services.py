"""The one write path for speakers, aliases, roles, tags, quotes and citations.

The admin, the API, both importers and the management commands call these functions;
nothing else saves or deletes these models (a test reads the code to make sure). Each
function validates with the model's own ``full_clean()`` and the rules below, checks the
version the writer loaded (``loaded_version``; see ``core.versioning``), and leaves a
history entry with the writer and, where a rule acted on their behalf, the reason.

The verdict rule: a verdict (verified, disputed, misattributed) is a ruling on particular
words from a particular speaker, on a date, backed by particular citations. When any of
those change by someone who may not rule (the ``quotes.review_quote`` permission), the
verdict is withdrawn to *unverified* in the same transaction and the history says why.
A reviewer's own change keeps the verdict: they are ruling on the new state.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from core.models import unique_slug
from core.normalization import fold, normalize_text
from core.versioning import current_version, delete_versioned, save_versioned

from .dates import PartialDate, Precision, truncate
from .models import Citation, Quote, Role, Speaker, SpeakerAlias, Tag, text_fingerprint

# Permissions ------------------------------------------------------------------------------------------------


def can_review(user) -> bool:
    """Only reviewers (and superusers) may set a verdict on an attribution."""
    return bool(user and user.is_active and user.has_perm(Quote.REVIEW_PERMISSION))


def ensure_can_change_status(*, user, old_status: str, new_status: str) -> None:
    if old_status != new_status and not can_review(user):
        raise PermissionDenied(
            "Only reviewers can change the verdict status of a quote; ask a reviewer to "
            f"mark it {Quote.Status(new_status).label.lower()}."
        )


# Tags -------------------------------------------------------------------------------------------------------


def tag_get_or_create(*, name: str, user) -> Tag:
    """The tag with this name or slug; a missing one is created when the user may add tags."""
    name = normalize_text(name)
    slug = slugify(name, allow_unicode=True)[:100]
    tag = Tag.objects.filter(models.Q(name__iexact=name) | models.Q(slug=slug)).first() if slug else None
    if tag is not None:
        return tag
    if not (user is None or user.has_perm("quotes.add_tag")):
        raise ValidationError({"tags": f"Unknown tag “{name}”; only editors can add new tags."})
    tag = Tag(name=name)
    tag.full_clean()
    return save_versioned(tag, user=user)


MAX_TAGS_PER_QUOTE = 50


def tags_from_names(*, names, user) -> list[Tag]:
    names = list(dict.fromkeys(normalize_text(str(name)) for name in names if normalize_text(str(name))))
    if len(names) > MAX_TAGS_PER_QUOTE:
        raise ValidationError({"tags": f"At most {MAX_TAGS_PER_QUOTE} tags per quote; {len(names)} given."})
    tags, errors = [], []
    for name in names:
        try:
            tags.append(tag_get_or_create(name=name, user=user))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"tags": errors})
    return tags


@transaction.atomic
def tag_save(*, tag: Tag, user, loaded_version=None) -> Tag:
    tag.full_clean()
    return save_versioned(tag, loaded_version=loaded_version, user=user)


@transaction.atomic
def tag_delete(*, tag: Tag, user, loaded_version=None) -> None:
    delete_versioned(tag, loaded_version=loaded_version, user=user)


# Speakers, aliases, roles -----------------------------------------------------------------------------------

SPEAKER_WRITABLE_FIELDS = frozenset({"name", "slug", "kind", "wikidata_id", "description"})


def _check_fields(fields, allowed, what):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not writable on a {what}: {', '.join(sorted(unknown))}")


def _alias_add(speaker: Speaker, name: str, *, user) -> SpeakerAlias | None:
    name = normalize_text(name)
    key = fold(name)
    if not key or key == speaker.search_name or speaker.aliases.filter(search_name=key).exists():
        return None
    alias = SpeakerAlias(speaker=speaker, name=name)
    alias.full_clean()
    alias._history_user = user
    alias.save()
    return alias


def _speaker_set_aliases(speaker: Speaker, names, *, user) -> None:
    wanted = {fold(name): normalize_text(name) for name in names if fold(name)}
    for alias in speaker.aliases.exclude(search_name__in=wanted):
        alias_delete(alias=alias, user=user)
    for name in wanted.values():
        _alias_add(speaker, name, user=user)


def _speaker_prepare(speaker: Speaker) -> None:
    speaker.normalize()
    if not speaker.slug or (speaker._state.adding and getattr(speaker, "_slug_from_name", False)):
        speaker.slug = unique_slug(Speaker, speaker.name, max_length=200, exclude_pk=speaker.pk)


@transaction.atomic
def speaker_create(*, user, aliases=(), speaker: Speaker | None = None, **fields) -> Speaker:
    """Record a speaker; a slug made from the name gets -2, -3… when taken, a typed slug must be free.

    ``speaker`` is an unsaved instance a form filled in; ``fields`` apply on top.
    """
    _check_fields(fields, SPEAKER_WRITABLE_FIELDS, "speaker")
    speaker = speaker or Speaker()
    for name, value in fields.items():
        setattr(speaker, name, value)
    speaker.created_by = speaker.updated_by = user
    speaker._slug_from_name = not speaker.slug
    _speaker_prepare(speaker)
    speaker.full_clean()
    save_versioned(speaker, user=user)
    _speaker_set_aliases(speaker, aliases, user=user)
    return speaker


def speaker_get_or_create(*, name: str, user) -> tuple[Speaker, bool]:
    """The speaker with this name or alias (ignoring case and accents), else a new one."""
    speaker = Speaker.objects.named(name).first()
    if speaker is not None:
        return speaker, False
    return speaker_create(user=user, name=name), True


@transaction.atomic
def speaker_update(*, speaker: Speaker, user, aliases=None, loaded_version=None, **fields) -> Speaker:
    """Change a speaker. A new name keeps the old one as an alias, and the history records the rename."""
    _check_fields(fields, SPEAKER_WRITABLE_FIELDS, "speaker")
    old_name = Speaker.objects.filter(pk=speaker.pk).values_list("name", flat=True).first()
    for name, value in fields.items():
        setattr(speaker, name, value)
    speaker.updated_by = user
    _speaker_prepare(speaker)
    speaker.full_clean()
    renamed = old_name is not None and fold(old_name) != fold(speaker.name)
    reason = f"Renamed from “{old_name}”; the old name is kept as an alias." if renamed else ""
    save_versioned(speaker, loaded_version=loaded_version, user=user, reason=reason)
    if aliases is not None:
        _speaker_set_aliases(speaker, [*aliases, *([old_name] if renamed else [])], user=user)
    elif renamed:
        _alias_add(speaker, old_name, user=user)
    return speaker


@transaction.atomic
def speaker_delete(*, speaker: Speaker, user, loaded_version=None) -> None:
    """Delete a speaker who has no quotes (``ProtectedError`` otherwise)."""
    delete_versioned(speaker, loaded_version=loaded_version, user=user)


@transaction.atomic
def alias_save(*, alias: SpeakerAlias, user) -> SpeakerAlias:
    alias.full_clean()
    alias._history_user = user
    alias.save()
    return alias


@transaction.atomic
def alias_delete(*, alias: SpeakerAlias, user) -> None:
    alias._history_user = user
    alias.delete()


@transaction.atomic
def role_save(*, role: Role, user) -> Role:
    role.full_clean()
    role._history_user = user
    role.save()
    return role


def role_get_or_create(*, speaker: Speaker, title: str, user) -> Role:
    wanted = fold(title)
    for role in speaker.roles.all():
        if fold(role.title) == wanted:
            return role
    return role_save(role=Role(speaker=speaker, title=title), user=user)


@transaction.atomic
def role_delete(*, role: Role, user) -> None:
    role._history_user = user
    role.delete()


# Quotes -----------------------------------------------------------------------------------------------------

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

# What a verdict rules on: changing any of these withdraws it (see the module docstring).
RULED_FIELDS = {
    "text": "words",
    "speaker_id": "speaker",
    "role_id": "role",
    "said_on": "date",
    "said_on_precision": "date",
    "said_on_approximate": "date",
}

# Fields a person edits; changing any clears the machine-extracted flag.
PERSON_FIELDS = (
    "text",
    "speaker_id",
    "role_id",
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
)


class DuplicateQuote(ValidationError):
    """The speaker already has a quote with these words."""

    def __init__(self, existing: Quote):
        self.existing = existing
        super().__init__(
            {
                "text": ValidationError(
                    "%(speaker)s already has a quote with these words (quote #%(pk)s); add a "
                    "citation to it instead.",
                    code="duplicate_quote",
                    params={"speaker": existing.speaker, "pk": existing.pk},
                )
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
    _check_fields(fields, QUOTE_WRITABLE_FIELDS, "quote")
    fields = dict(fields)
    if "said_on" in fields or "said_on_precision" in fields:
        # A new date without a precision takes the precision it was typed with.
        default_precision = "" if "said_on" in fields else quote.said_on_precision
        said = fields.pop("said_on", quote.said)
        precision = fields.pop("said_on_precision", default_precision)
        quote.said_on, quote.said_on_precision = said_on_from_input(said=said, precision=precision or "")
    for name, value in fields.items():
        setattr(quote, name, value)


def find_duplicate(quote: Quote) -> Quote | None:
    """The other quote of the same speaker with the same words, if any."""
    if not quote.speaker_id or not quote.text:
        return None
    return (
        Quote.objects.filter(speaker_id=quote.speaker_id, fingerprint=text_fingerprint(quote.text))
        .exclude(pk=quote.pk)
        .select_related("speaker")
        .first()
    )


def _validate_quote(quote: Quote, *, sources) -> None:
    """Every single-row and cross-row rule, all errors at once."""
    errors = {}
    try:
        quote.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    duplicate = find_duplicate(quote) if "text" not in errors and "speaker" not in errors else None
    if duplicate is not None:
        raise DuplicateQuote(duplicate)
    try:
        quote.check_citations(sources)
    except ValidationError as error:
        errors.setdefault("citations", []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def _stamp_review(quote: Quote, user) -> None:
    quote.reviewed_by = user
    quote.reviewed_at = timezone.now()


def _withdraw_verdict(quote: Quote, *, what: list[str]) -> str:
    """Withdraw the verdict after a change by a non-reviewer; returns the history reason."""
    ruled = quote.get_status_display().lower()
    quote.status = Quote.Status.UNVERIFIED
    quote.status_note = ""
    quote.reviewed_by = None
    quote.reviewed_at = None
    changed = ", ".join(dict.fromkeys(what))
    return f"Verdict “{ruled}” withdrawn: the {changed} changed after review."


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


def _fill_role(quote: Quote) -> None:
    if quote.role_id is None and quote.speaker_id and quote.said is not None:
        quote.role = quote.speaker.role_on(quote.said.start, quote.said.end)


@transaction.atomic
def quote_create(
    *, user, tags=(), citations=(), machine_extracted: bool = False, quote: Quote | None = None, **fields
) -> Quote:
    """Record a quote with its tags and citations, as one change.

    ``fields`` are model fields; ``said_on`` is a PartialDate. ``citations`` are dicts with
    ``source`` (a Source), ``locator`` and ``excerpt``. A quote of the same words by the
    same speaker is a ``DuplicateQuote`` naming the recorded one. ``quote`` is an unsaved
    instance a form filled in.
    """
    quote = quote or Quote()
    quote.created_by = quote.updated_by = user
    quote.machine_extracted = machine_extracted
    _quote_apply(quote, fields)
    ensure_can_change_status(user=user, old_status=Quote.Status.UNVERIFIED, new_status=quote.status)
    new_citations = _new_citations(citations)
    _fill_role(quote)
    _validate_quote(quote, sources=[citation.source for citation in new_citations])
    if quote.status != Quote.Status.UNVERIFIED:
        _stamp_review(quote, user)
    tag_list = tags_from_names(names=tags, user=user)
    save_versioned(quote, user=user)
    if tag_list:
        quote.tags.set(tag_list)
    for citation in new_citations:
        citation.quote = quote
        citation._history_user = user
        citation.save()
    return quote


@transaction.atomic
def quote_update(*, quote: Quote, user, tags=None, loaded_version=None, **fields) -> Quote:
    """Change a quote under every rule: reviewer-only verdicts, the verdict rule, duplicates, versions.

    ``quote`` may already carry changed attributes (the admin's form applies them); the
    comparison is always with the row as stored.
    """
    stored = Quote.objects.select_for_update().filter(pk=quote.pk).first()
    if stored is None:
        raise ValidationError("This quote was deleted after you opened it.", code="deleted")
    if loaded_version is None:
        loaded_version = quote.version
    _quote_apply(quote, fields)
    quote.normalize()
    ensure_can_change_status(user=user, old_status=stored.status, new_status=quote.status)
    _fill_role(quote)
    _validate_quote(quote, sources=quote.cited_sources())
    changed = [name for name in PERSON_FIELDS if getattr(stored, name) != getattr(quote, name)]
    ruled_changes = [RULED_FIELDS[name] for name in RULED_FIELDS if name in changed]
    reason = ""
    if stored.status != Quote.Status.UNVERIFIED and ruled_changes and not can_review(user):
        reason = _withdraw_verdict(quote, what=ruled_changes)
    elif quote.status != stored.status or quote.status_note != stored.status_note:
        if not can_review(user):
            raise PermissionDenied("Only reviewers can change the verdict or its note.")
        _stamp_review(quote, user)
        reason = f"Verdict: {quote.get_status_display().lower()}."
    tag_list = tags_from_names(names=tags, user=user) if tags is not None else None
    if changed or tag_list is not None:
        quote.machine_extracted = False
    quote.updated_by = user
    save_versioned(quote, loaded_version=loaded_version, user=user, reason=reason)
    if tag_list is not None and {t.pk for t in tag_list} != set(quote.tags.values_list("pk", flat=True)):
        quote.tags.set(tag_list)
    return quote


@transaction.atomic
def quote_set_status(
    *, quote: Quote, status: str, user, note: str | None = None, loaded_version=None
) -> Quote:
    """Set the verdict on one quote (reviewers only; a verdict needs a citation, some need a note)."""
    fields = {"status": status} if note is None else {"status": status, "status_note": note}
    return quote_update(quote=quote, user=user, loaded_version=loaded_version, **fields)


def quotes_set_status(*, quotes, status: str, user, note: str | None = None):
    """Bulk verdict: returns the quotes changed and the (quote, reason) pairs refused."""
    changed, refused = [], []
    for quote in quotes:
        if quote.status == status:
            continue
        try:
            with transaction.atomic():
                changed.append(quote_set_status(quote=quote, status=status, user=user, note=note))
        except (ValidationError, PermissionDenied) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            refused.append((quote, message))
    return changed, refused


@transaction.atomic
def quote_delete(*, quote: Quote, user, loaded_version=None) -> None:
    """Delete a quote and its citations; the history keeps both, and a reviewer can restore them."""
    for citation in quote.citations.all():
        citation._history_user = user
        citation._change_reason = f"Deleted with quote #{quote.pk}."
        citation.delete()
    delete_versioned(quote, loaded_version=loaded_version, user=user)


@transaction.atomic
def quote_restore(*, quote_id: int, user) -> Quote:
    """Bring back a deleted quote as it last was, with the citations deleted along with it."""
    if not can_review(user):
        raise PermissionDenied("Only reviewers can restore a deleted quote.")
    if Quote.objects.filter(pk=quote_id).exists():
        raise ValidationError("This quote is not deleted.", code="not_deleted")
    last = Quote.history.filter(id=quote_id).order_by("-history_id").first()
    if last is None:
        raise ValidationError("No history is recorded for this quote.", code="no_history")
    quote = Quote(**{field.attname: getattr(last, field.attname) for field in Quote._meta.concrete_fields})
    # The deletion's own record has no tags left (the links go first); take the one before it.
    before = Quote.history.filter(id=quote_id).exclude(history_type="-").order_by("-history_id").first()
    tag_ids = [row.tag_id for row in before.tags.all()] if before is not None else []
    duplicate = find_duplicate(quote)
    if duplicate is not None:
        raise DuplicateQuote(duplicate)
    quote.updated_by = user
    quote.version = (last.version or 0) + 1
    quote._history_user = user
    quote._change_reason = "Restored after deletion."
    quote.save(force_insert=True)
    if tag_ids:
        quote.tags.set(Tag.objects.filter(pk__in=tag_ids))
    deleted_citations = Citation.history.filter(quote_id=quote_id, history_type="-")
    for record in deleted_citations.order_by("id", "-history_id").distinct():
        if Citation.objects.filter(pk=record.id).exists() or not record.source_id:
            continue
        citation = Citation(**{f.attname: getattr(record, f.attname) for f in Citation._meta.concrete_fields})
        citation._history_user = user
        citation._change_reason = f"Restored with quote #{quote_id}."
        citation.save(force_insert=True)
    return quote


# Citations --------------------------------------------------------------------------------------------------


def _quote_after_citation_change(quote: Quote, user, what: str) -> None:
    """A citation of a ruled quote changed: apply the verdict rule and bump the quote's version."""
    quote.refresh_from_db()
    reason = ""
    if quote.status != Quote.Status.UNVERIFIED and not can_review(user):
        reason = _withdraw_verdict(quote, what=["citations"])
    quote.check_citations(quote.cited_sources())
    quote.updated_by = user
    save_versioned(quote, user=user, reason=reason or what)


@transaction.atomic
def citation_create(*, quote: Quote, source, user, locator: str = "", excerpt: str = "") -> Citation:
    """Cite a source for a quote; the quote must still pass check_citations() with it."""
    citation = Citation(quote=quote, source=source, locator=locator, excerpt=excerpt)
    citation.full_clean()
    quote.check_citations([*quote.cited_sources(), source])
    citation._history_user = user
    citation.save()
    _quote_after_citation_change(quote, user, f"Citation added: {source}.")
    return citation


@transaction.atomic
def citation_update(*, citation: Citation, user, **fields) -> Citation:
    _check_fields(fields, {"source", "locator", "excerpt"}, "citation")
    for name, value in fields.items():
        setattr(citation, name, value)
    citation.full_clean()
    stored = Citation.objects.filter(pk=citation.pk).values("source_id", "locator", "excerpt").first()
    quote = citation.quote
    others = [c.source for c in quote.citations.select_related("source") if c.pk != citation.pk]
    quote.check_citations([*others, citation.source])
    citation._history_user = user
    citation.save()
    now = {"source_id": citation.source_id, "locator": citation.locator, "excerpt": citation.excerpt}
    if stored != now:
        _quote_after_citation_change(quote, user, f"Citation changed: {citation.source}.")
    return citation


@transaction.atomic
def citation_delete(*, citation: Citation, user) -> None:
    """Remove a citation, unless the quote's verdict rests on it being the last one."""
    quote = citation.quote
    if quote.status != Quote.Status.UNVERIFIED and can_review(user):
        quote.check_citations(
            c.source for c in quote.citations.select_related("source") if c.pk != citation.pk
        )
    citation._history_user = user
    source = citation.source
    citation.delete()
    _quote_after_citation_change(quote, user, f"Citation removed: {source}.")


@dataclass
class CitationChange:
    """One row of an edited citation list (the admin's inline): new, changed or removed."""

    citation: Citation
    delete: bool = False


@transaction.atomic
def quote_citations_save(*, quote: Quote, user, changes: list[CitationChange]) -> None:
    """Apply an edited citation list at once: additions first, so a verdict never rests on none."""
    final = [c.citation.source for c in changes if not c.delete]
    kept = [
        c.source
        for c in quote.citations.select_related("source")
        if c.pk not in {change.citation.pk for change in changes}
    ]
    quote.check_citations([*kept, *final])
    touched = False
    for change in sorted(changes, key=lambda c: c.delete):
        citation = change.citation
        citation._history_user = user
        if change.delete:
            if citation.pk:
                citation.delete()
                touched = True
            continue
        citation.quote = quote
        citation.full_clean()
        citation.save()
        touched = True
    if touched:
        _quote_after_citation_change(quote, user, "Citations edited.")


def quote_version(quote_id) -> int | None:
    return current_version(Quote, quote_id)
