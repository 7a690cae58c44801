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

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from core.bulk import insert_history, insert_objects, insert_values
from core.history import current as history_context
from core.models import ContentVersion, slug_base, unique_slug
from core.normalization import fold, normalize_text
from core.validators import validate_url_reference
from core.versioning import current_version, delete_versioned, save_versioned
from sources.models import Outlet, Source
from sources.selectors import outlet_for, source_title_key, sources_by_title, sources_by_url
from sources.services import BULK_BATCH, outlet_get_or_create, sources_bulk_create

from .dates import PartialDate, Precision, parse_partial_date, timezone_name_for, truncate
from .models import Citation, Quote, Role, Speaker, SpeakerAlias, Tag, first_published_from, text_fingerprint
from .selectors import speakers_by_name, tag_slug, tags_by_name

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


def can_add_tags(user) -> bool:
    return user is None or user.has_perm("quotes.add_tag")


def tag_get_or_create(*, name: str, user) -> Tag:
    """The tag with this name or slug; a missing one is created when the user may add tags."""
    name = normalize_text(name)
    tag = tags_by_name([name]).get(name) if tag_slug(name) else None
    if tag is not None:
        return tag
    if not can_add_tags(user):
        raise ValidationError({"tags": f"Unknown tag “{name}”; only editors can add new tags."})
    tag = Tag(name=name)
    tag.full_clean()
    return save_versioned(tag, user=user)


MAX_TAGS_PER_QUOTE = 50


def tag_names(names) -> list[str]:
    """The tag names of one quote, normalised and without repeats; at most ``MAX_TAGS_PER_QUOTE``."""
    names = list(dict.fromkeys(normalize_text(str(name)) for name in names if normalize_text(str(name))))
    if len(names) > MAX_TAGS_PER_QUOTE:
        raise ValidationError({"tags": f"At most {MAX_TAGS_PER_QUOTE} tags per quote; {len(names)} given."})
    return names


def tags_from_names(*, names, user) -> list[Tag]:
    tags, errors = [], []
    for name in tag_names(names):
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


# Spreadsheet import -----------------------------------------------------------------------------------------

IMPORT_COLUMNS = (
    "speaker",
    "text",
    "date",
    "language",
    "original_language",
    "type",
    "place",
    "context",
    "tags",
    "source_url",
    "source_title",
    "outlet",
    "published_at",
    "locator",
    "excerpt",
)
# Model fields as the spreadsheet's columns name them, for messages.
_COLUMN_OF_FIELD = {"said_on": "date", "said_on_precision": "date", "name": "speaker", "slug": "speaker"}
_SOURCE_COLUMN_OF_FIELD = {"url": "source_url", "title": "source_title", "language": "language"}
_LOOKUP_CHUNK = 2000


class ImportAction(models.TextChoices):
    NEW = "new", "New quote"
    CITE = "cite", "New citation"
    SKIP = "skip", "Skipped"
    REFUSE = "refuse", "Refused"


@dataclass
class ImportedRow:
    """What the import does with one row, and why when it does nothing."""

    number: int
    action: str = ImportAction.NEW
    reason: str = ""
    speaker: str = ""
    text: str = ""
    source: str = ""
    quote_id: int | None = None

    def __str__(self):
        return f"Row {self.number}: {self.reason}" if self.reason else f"Row {self.number}"


@dataclass
class ImportReport:
    rows: list[ImportedRow]
    dry_run: bool
    all_or_nothing: bool = False
    written: bool = False
    new_speakers: list[str] = field(default_factory=list)
    new_sources: list[str] = field(default_factory=list)
    new_outlets: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)

    def _with(self, action):
        return [row for row in self.rows if row.action == action]

    @property
    def new_quotes(self):
        return self._with(ImportAction.NEW)

    @property
    def new_citations(self):
        return self._with(ImportAction.CITE)

    @property
    def skipped(self):
        return self._with(ImportAction.SKIP)

    @property
    def refused(self):
        return self._with(ImportAction.REFUSE)

    @property
    def blocked(self) -> bool:
        """All or nothing was asked for, and a row was refused: nothing is (or would be) written."""
        return self.all_or_nothing and bool(self.refused)


class _Row:
    """One spreadsheet row on its way through the import: its cells, then what they resolve to."""

    def __init__(self, number, cells):
        self.number = number
        self.cells = {column: normalize_text(str(cells.get(column) or "")) for column in IMPORT_COLUMNS}
        self.errors: list[str] = []
        self.said = None
        self.published_at = None
        self.url = ""
        self.tags: list[str] = []
        self.speaker = None
        self.source = None
        self.quote = None
        self.target = (
            None  # for a citation-only row: the recorded quote, or the earlier row of the same quote
        )
        self.extra_rows: list[_Row] = []  # later rows citing this row's quote
        self.outcome = ImportedRow(number=number, speaker=self.cells["speaker"], text=self.cells["text"])

    def __getitem__(self, column):
        return self.cells[column]

    def refuse(self, error, columns=None):
        for message in _messages(error, columns):
            if message not in self.errors:
                self.errors.append(message)


def _messages(error, columns=None) -> list[str]:
    """A ValidationError as sentences, each naming the column it is about."""
    if not isinstance(error, ValidationError):
        return [str(error)]
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    columns = {**_COLUMN_OF_FIELD, **(columns or {})}
    out = []
    for name, errors in error.message_dict.items():
        column = columns.get(name, name)
        for message in errors:
            out.append(message if name == NON_FIELD_ERRORS else f"{column}: {message}")
    return out


def _chunks(items, size=_LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _parse_row(row: _Row) -> None:
    """The checks one row's cells need before anything is looked up."""
    if not row["speaker"]:
        row.refuse("speaker: name the speaker.")
    if row["date"]:
        try:
            row.said = parse_partial_date(row["date"])
        except ValueError as error:
            row.refuse(f"date: {error}")
    if row["type"] and row["type"].lower() not in Quote.Type.values:
        row.refuse(f"type: “{row['type']}” is not a type; use {', '.join(Quote.Type.values)}.")
    if row["published_at"]:
        try:
            row.published_at = datetime.fromisoformat(row["published_at"])
        except ValueError:
            row.refuse("published_at: use ISO 8601 with the offset, e.g. 2023-09-20T14:35+07:00.")
        else:
            if row.published_at.tzinfo is None:
                row.refuse("published_at: give the time zone offset, e.g. 2023-09-20T14:35+07:00.")
    try:
        row.url = validate_url_reference(row["source_url"])
    except ValidationError as error:
        row.refuse(f"source_url: {' '.join(error.messages)}")
    if not row["source_url"] and not row["source_title"]:
        row.refuse("source: give the source's URL or title; every quote needs its source.")
    try:
        row.tags = tag_names(row["tags"].split(","))
    except ValidationError as error:
        row.refuse(error)


def _resolve_speakers(rows, *, user) -> dict:
    """Each row's speaker: recorded (by name or alias) or new and validated. Returns the new ones by key."""
    names = {row["speaker"] for row in rows}
    found = {}
    for chunk in _chunks(names):
        found.update(speakers_by_name(chunk))
    new = {}
    for row in rows:
        key = fold(row["speaker"])
        row.speaker = found.get(key) or new.get(key)
        if row.speaker is None:
            speaker = Speaker(name=row["speaker"], created_by=user, updated_by=user)
            try:
                speaker.full_clean(
                    exclude=["created_by", "updated_by"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                row.refuse(error)
                continue
            row.speaker = new[key] = speaker
    return new


def _resolve_sources(rows, *, user, new_outlets) -> list[Source]:
    """Each row's source: recorded (same URL, or same title, outlet and time), or new and validated."""
    outlets = {}
    for value in {row["outlet"] for row in rows if row["outlet"]}:
        outlets[value] = outlet_for(name=value, domain=value if "." in value else "")
        if outlets[value] is None:
            outlets[value] = new_outlets.setdefault(value, Outlet(name=value))
    by_url = {}
    for chunk in _chunks({row.url for row in rows if row.url}):
        by_url.update(sources_by_url(chunk))
    untitled = [row for row in rows if not row.url]
    documents = {
        (row["source_title"], getattr(outlets.get(row["outlet"]), "pk", None), row.published_at)
        for row in untitled
    }
    by_title = {}
    for chunk in _chunks(documents):
        by_title.update(sources_by_title(chunk))
    new, created = {}, []
    for row in rows:
        outlet = outlets.get(row["outlet"])
        if row.url:
            key = row.url
        elif outlet is not None and outlet.pk is None:
            key = (row["source_title"].casefold(), row["outlet"], row.published_at)  # a new outlet's
        else:
            key = source_title_key(
                title=row["source_title"], outlet_id=outlet and outlet.pk, published_at=row.published_at
            )
        row.source = by_url.get(key) or by_title.get(key) or new.get(key)
        if row.source is not None:
            continue
        if not row["source_title"]:
            row.refuse(
                f"source_title: no source with the URL {row.url} is recorded; give its title to add it."
            )
            continue
        source = Source(
            title=row["source_title"],
            url=row.url or None,
            outlet=outlet,
            published_at=row.published_at,
            timezone=timezone_name_for(row.published_at, language=row["language"]),
            language=row["language"],
        )
        try:
            source.full_clean(
                exclude=["outlet", "created_by", "updated_by"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            row.refuse(error, columns=_SOURCE_COLUMN_OF_FIELD)
            continue
        row.source = new[key] = source
        created.append(source)
    return created


def _resolve_tags(rows, *, user) -> list[str]:
    """The tags rows name that are not recorded yet, validated; a row naming one the user may not add is refused."""
    names = {name for row in rows for name in row.tags}
    found = {}
    for chunk in _chunks(names):
        found.update(tags_by_name(chunk))
    new, refused = [], set()
    for name in sorted(names - set(found)):
        tag = Tag(name=name)
        try:
            if not can_add_tags(user):
                raise ValidationError({"tags": f"Unknown tag “{name}”; only editors can add new tags."})
            tag.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            refused.add(name)
            for row in rows:
                if name in row.tags:
                    row.refuse(error)
        else:
            new.append(name)
    return new


def _build_quote(row: _Row, *, user) -> None:
    quote = Quote(speaker=row.speaker, created_by=user, updated_by=user)
    try:
        _quote_apply(
            quote,
            {
                "text": row["text"],
                "language": row["language"] or row.source.language,
                "original_language": row["original_language"],
                "type": row["type"].lower() or Quote.Type.DIRECT,
                "place": row["place"],
                "context": row["context"],
                "said_on": row.said,
            },
        )
        if row.speaker.pk is not None:
            _fill_role(quote)
        # Neither model has a unique field besides its key: duplicates are _match_duplicates' work.
        quote.full_clean(
            exclude=["speaker", "role", "created_by", "updated_by", "reviewed_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        row.refuse(error)
        return
    if not quote.language:
        row.refuse(
            "language: give the language of the text (e.g. “id”); neither the row nor its source has one."
        )
        return
    citation = Citation(source=row.source, locator=row["locator"], excerpt=row["excerpt"])
    try:
        quote.check_citations([row.source])
        citation.full_clean(exclude=["quote", "source"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        row.refuse(error)
        return
    row.quote, row.citation = quote, citation


def _speaker_key(speaker):
    return speaker.pk if speaker.pk is not None else id(speaker)


def _match_duplicates(rows) -> None:
    """Rows whose words the speaker already has, in the database or in an earlier row, cite that quote."""
    recorded, pairs = {}, {(row.speaker.pk, row.quote.fingerprint) for row in rows if row.speaker.pk}
    for chunk in _chunks(pairs):
        candidates = Quote.objects.filter(
            fingerprint__in={fp for _, fp in chunk}, speaker_id__in={pk for pk, _ in chunk}
        ).select_related("speaker")
        for quote in candidates:
            recorded[(quote.speaker_id, quote.fingerprint)] = quote
    cited = set()
    for chunk in _chunks([quote.pk for quote in recorded.values()]):
        cited.update(Citation.objects.filter(quote_id__in=chunk).values_list("quote_id", "source_id"))
    earlier = {}
    for row in rows:
        key = (_speaker_key(row.speaker), row.quote.fingerprint)
        if key in recorded:
            quote = recorded[key]
            if (quote.pk, row.source.pk) in cited:
                row.outcome.action = ImportAction.SKIP
                row.outcome.reason = (
                    f"this quote is already recorded for {quote.speaker} (quote #{quote.pk}), "
                    "with this source; nothing new."
                )
                row.outcome.quote_id = quote.pk
                continue
            try:
                quote.check_citations([row.source])
            except ValidationError as error:
                row.refuse(error)
                continue
            row.target = quote
            row.outcome.quote_id = quote.pk
            row.outcome.action = ImportAction.CITE
            row.outcome.reason = (
                f"this quote is already recorded for {quote.speaker} (quote #{quote.pk}); "
                "the row adds its source as a citation."
            )
            cited.add((quote.pk, row.source.pk))
        elif key in earlier:
            first = earlier[key]
            same_source = first.source is row.source or (
                row.source.pk is not None and first.source.pk == row.source.pk
            )
            if same_source or any(r.source is row.source for r in first.extra_rows):
                row.outcome.action = ImportAction.SKIP
                row.outcome.reason = (
                    f"the same words by {row['speaker']} from the same source are in row {first.number}."
                )
                continue
            row.target = first
            first.extra_rows.append(row)
            row.outcome.action = ImportAction.CITE
            row.outcome.reason = (
                f"the same words by {row['speaker']} are in row {first.number}; this row adds its source."
            )
        else:
            earlier[key] = row


def quotes_import_rows(
    *, rows, user, all_or_nothing: bool = False, dry_run: bool = False, row_numbers=None
) -> ImportReport:
    """Import spreadsheet rows (dicts keyed by ``IMPORT_COLUMNS``) as quotes with their citations, in bulk.

    Every row is checked with the rules of ``quote_create``; a row that breaks one is
    refused with the reason in words, and the others are imported, unless
    ``all_or_nothing``. A row whose words the speaker already has (recorded, or in an
    earlier row) adds its source to that quote, or is skipped when the quote already cites
    it. Speakers, outlets, sources and tags are looked up for all rows at once and the
    missing ones created; quotes and citations are inserted in batches, history included.
    ``dry_run`` checks everything and writes nothing. ``row_numbers`` number the rows in
    messages (default 1, 2, 3…; a spreadsheet gives its line numbers). The number of queries
    does not grow with the number of rows, only with the number of new outlets and tags.
    """
    rows = list(rows)
    numbers = list(row_numbers) if row_numbers is not None else range(1, len(rows) + 1)
    rows = [_Row(number, cells) for number, cells in zip(numbers, rows, strict=True)]
    limit = settings.QUOTE_IMPORT_MAX_ROWS
    if len(rows) > limit:
        raise ValidationError(
            f"The spreadsheet has {len(rows):,} rows; at most {limit:,} can be imported at once. Split it."
        )
    report = ImportReport(rows=[row.outcome for row in rows], dry_run=dry_run, all_or_nothing=all_or_nothing)
    for row in rows:
        _parse_row(row)
    new_outlets = {}
    live = [row for row in rows if not row.errors]
    new_speakers = _resolve_speakers(live, user=user)
    live = [row for row in live if not row.errors]
    new_sources = _resolve_sources(live, user=user, new_outlets=new_outlets)
    new_tags = _resolve_tags(live, user=user)
    live = [row for row in live if not row.errors]
    for row in live:
        _build_quote(row, user=user)
    live = [row for row in live if not row.errors]
    _match_duplicates(live)
    for row in rows:
        row.outcome.source = (
            str(row.source.title) if row.source is not None else row["source_title"] or row.url
        )
        if row.errors:
            row.outcome.action = ImportAction.REFUSE
            row.outcome.reason = " ".join(_sentence(message) for message in row.errors)
    writing = [row for row in rows if row.outcome.action in (ImportAction.NEW, ImportAction.CITE)]
    used_speakers = {id(row.speaker) for row in writing}
    used_sources = {id(row.source) for row in writing}
    used_tags = {name for row in writing for name in row.tags if row.outcome.action == ImportAction.NEW}
    new_sources = [source for source in new_sources if id(source) in used_sources]
    report.new_speakers = [s.name for s in new_speakers.values() if id(s) in used_speakers]
    report.new_sources = [source.title for source in new_sources]
    report.new_outlets = sorted(
        {source.outlet.name for source in new_sources if source.outlet and source.outlet.pk is None}
    )
    report.new_tags = [name for name in new_tags if name in used_tags]
    if dry_run or report.blocked or not writing:
        return report
    try:
        with transaction.atomic():
            _write_import(writing, new_sources=new_sources, new_tags=report.new_tags, user=user)
    except IntegrityError:
        raise ValidationError(
            "Some of these quotes or sources were recorded by someone else while the import ran; "
            "nothing was imported. Upload the file again to see what is still new."
        ) from None
    report.written = True
    for row in writing:
        if row.outcome.action == ImportAction.NEW:
            row.outcome.quote_id = row.quote.pk
        elif row.outcome.quote_id is None:
            row.outcome.quote_id = row.target.quote.pk
    return report


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "!", "?", "”")) else f"{message}."


def _write_import(rows, *, new_sources, new_tags, user) -> None:
    context = history_context()
    via = context.via if context else ""
    outlets = {}
    for source in new_sources:
        outlet = source.outlet
        if outlet is not None and outlet.pk is None:
            if outlet.name not in outlets:
                name = outlet.name
                domain = name if "." in name else ""
                outlets[name], _ = outlet_get_or_create(name=name, domain=domain, user=user)
            source.outlet = outlets[outlet.name]
    speakers = list({id(row.speaker): row.speaker for row in rows if row.speaker.pk is None}.values())
    speakers_bulk_create(speakers=speakers, user=user, via=via)
    tags = {name: tag_get_or_create(name=name, user=user) for name in new_tags}
    sources_bulk_create(sources=new_sources, user=user, via=via)
    new_rows = [row for row in rows if row.outcome.action == ImportAction.NEW]
    quotes = []
    for row in new_rows:
        row.quote.speaker = row.speaker  # now saved: sets speaker_id
        row.quote.first_published_at = first_published_from(
            [row.source, *(extra.source for extra in row.extra_rows)]
        )
        quotes.append(row.quote)
    insert_objects(Quote, quotes)
    history_ids = insert_history(Quote, quotes, user=user, via=via)
    _bulk_tag(new_rows, tags=tags, history_ids=dict(zip([q.pk for q in quotes], history_ids, strict=True)))
    citations = []
    for row in rows:
        citation = row.citation
        citation.quote = row.quote if row.target is None else getattr(row.target, "quote", row.target)
        citation.source = row.source  # now saved: sets source_id
        citations.append(citation)
    insert_objects(Citation, citations)
    insert_history(Citation, citations, user=user, via=via)
    recorded = {row.target.pk: row for row in rows if isinstance(row.target, Quote)}
    _quotes_cited_again(list(recorded), user=user, via=via)
    for chunk in _chunks(list(recorded)):
        Quote.objects.filter(pk__in=chunk).update_first_published()
    ContentVersion.bump()


def _bulk_tag(rows, *, tags, history_ids) -> None:
    """Tag new quotes, and put the tags in each quote's history record as ``quote.tags.set`` would.

    ``history_ids``: each new quote's history record, by the quote's key.
    """
    recorded = tags_by_name({name for row in rows for name in row.tags} - set(tags))
    tags = {**recorded, **tags}
    links = [(row.quote.pk, tags[name].pk) for row in rows for name in row.tags]
    if not links:
        return
    Through = Quote.tags.through
    fields = [Through._meta.get_field(name) for name in ("quote", "tag")]
    keys = insert_values(Through, fields, links, returning=True)
    HistoricalTags = next(
        rel.related_model for rel in Quote.history.model._meta.related_objects if rel.field.name == "history"
    )
    insert_values(
        HistoricalTags,
        [HistoricalTags._meta.get_field(name) for name in ("id", "quote", "tag", "history")],
        [
            (key, quote_id, tag_id, history_ids[quote_id])
            for key, (quote_id, tag_id) in zip(keys, links, strict=True)
        ],
    )


def _quotes_cited_again(quote_ids, *, user, via) -> None:
    """Recorded quotes that gained a citation: the verdict rule, a new version and a history entry each."""
    if not quote_ids:
        return
    quotes = []
    for chunk in _chunks(quote_ids):
        quotes.extend(Quote.objects.select_for_update().filter(pk__in=chunk))
    now = timezone.now()
    for quote in quotes:
        reason = ""
        if quote.status != Quote.Status.UNVERIFIED and not can_review(user):
            reason = _withdraw_verdict(quote, what=["citations"])
        quote._change_reason = reason or "Citation added by a spreadsheet import."
        quote.updated_by, quote.updated_at, quote.version = user, now, quote.version + 1
    bulk_update_with_history(
        quotes,
        Quote,
        ["status", "status_note", "reviewed_by", "reviewed_at", "updated_by", "updated_at", "version"],
        batch_size=BULK_BATCH,
        default_user=user,
        custom_historical_attrs={"history_via": via},
    )


def speakers_bulk_create(*, speakers: list[Speaker], user, via: str = "") -> list[Speaker]:
    """Record many new speakers at once (validated, unsaved), slugs made as ``speaker_create`` makes them."""
    if not speakers:
        return []
    bases = {slug_base(speaker.name, max_length=200) for speaker in speakers}
    taken = set()
    for chunk in _chunks(bases):
        taken.update(Speaker.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    given = set()
    for speaker in speakers:
        speaker.normalize()
        base = slug_base(speaker.name, max_length=200)
        if base in taken or base in given:
            speaker.slug = unique_slug(Speaker, speaker.name, max_length=200, also_taken=given)
        else:
            speaker.slug = base
        given.add(speaker.slug)
        speaker.created_by = speaker.updated_by = user
        speaker.version = 1
    insert_objects(Speaker, speakers)
    insert_history(Speaker, speakers, user=user, via=via)
    return speakers
