"""Reads for the API: quotes with everything needed to cite them, in a constant number of queries."""

import json
import re
from collections import defaultdict

from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Lower, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.api import content_version
from core.formats import sql_api_datetime, sql_iso_date, sql_local_datetime, sql_partial_date
from core.normalization import fold, normalize_text
from sources.models import Contributor, Source

from .models import Citation, Quote, Role, Speaker, SpeakerAlias, Tag


def speakers_by_name(names) -> dict[str, Speaker]:
    """The recorded speaker for each name (by its folded form), as ``Speaker.objects.named`` finds it.

    Three queries for any number of names; each speaker comes with its aliases and roles.
    """
    by_key = {}
    speakers = Speaker.objects.named_any(names).prefetch_related("aliases", "roles").order_by("name", "pk")
    for speaker in speakers:
        for key in {speaker.search_name, *(alias.search_name for alias in speaker.aliases.all())}:
            by_key.setdefault(key, speaker)
    return {fold(name): by_key[fold(name)] for name in names if fold(name) in by_key}


def tag_slug(name: str) -> str:
    return slugify(normalize_text(name), allow_unicode=True)[:100]


def tags_by_name(names) -> dict[str, Tag]:
    """The recorded tag for each name: the tag of that name (any case) or of its slug. One query."""
    names = [normalize_text(name) for name in names if normalize_text(name)]
    if not names:
        return {}
    slugs = {tag_slug(name) for name in names} - {""}
    # Lower() is ASCII-only on SQLite: the exact spelling is asked for too, then compared in Python.
    tags = list(
        Tag.objects.annotate(lower_name=Lower("name")).filter(
            Q(lower_name__in={name.lower() for name in names}) | Q(name__in=names) | Q(slug__in=slugs)
        )
    )
    by_name = {tag.name.casefold(): tag for tag in tags}
    by_slug = {tag.slug: tag for tag in tags}
    found = {}
    for name in names:
        tag = by_name.get(name.casefold()) or by_slug.get(tag_slug(name) or None)
        if tag is not None:
            found[name] = tag
    return found


def quotes_for_api(queryset=None):
    """Quotes with speaker, role, tags and citations (source, outlet, byline) joined or prefetched.

    Four queries for any number of quotes; ``attach_other_attributions`` adds a fifth.
    """
    queryset = Quote.objects.all() if queryset is None else queryset
    citations = Citation.objects.select_related("source__outlet").prefetch_related(
        Prefetch("source__contributors", Contributor.objects.order_by("role", "position", "pk"))
    )
    return queryset.select_related("speaker", "role").prefetch_related(
        "tags", Prefetch("citations", citations.order_by("source__published_at", "pk"))
    )


def attach_other_attributions(quotes):
    """Set ``other_attributions`` on each quote: the same words attributed to other speakers.

    One query for the whole page, however many quotes it holds.
    """
    quotes = list(quotes)
    fingerprints = {quote.fingerprint for quote in quotes}
    by_fingerprint = defaultdict(list)
    if fingerprints:
        others = (
            Quote.objects.filter(fingerprint__in=fingerprints)
            .select_related("speaker")
            .only(
                "id",
                "fingerprint",
                "status",
                "speaker__id",
                "speaker__name",
                "speaker__slug",
                "speaker__wikidata_id",
            )
            .order_by("pk")
        )
        for other in others:
            by_fingerprint[other.fingerprint].append(other)
    for quote in quotes:
        quote.other_attributions = [
            other
            for other in by_fingerprint[quote.fingerprint]
            if other.pk != quote.pk and other.speaker_id != quote.speaker_id
        ]
    return quotes


def quote_for_api(pk) -> Quote:
    """One quote as the API shows it; raises Quote.DoesNotExist."""
    quote = quotes_for_api().get(pk=pk)
    attach_other_attributions([quote])
    return quote


def speakers_for_api(queryset=None):
    """Speakers by name, each with its number of quotes.

    The count is a subquery per speaker shown (an index-only scan of that speaker's
    quotes), not a GROUP BY over every quote.
    """
    queryset = Speaker.objects.all() if queryset is None else queryset
    quote_count = (
        Quote.objects.filter(speaker=OuterRef("pk"))
        .order_by()
        .values("speaker")
        .annotate(count=Count("*"))
        .values("count")
    )
    return speakers_in_list_order(
        queryset.annotate(
            quote_count=Coalesce(Subquery(quote_count), 0, output_field=IntegerField())
        ).prefetch_related(
            Prefetch("aliases", SpeakerAlias.objects.order_by("name", "pk")),
            Prefetch("roles", Role.objects.order_by(F("start_date").desc(nulls_first=True), "title", "pk")),
        )
    )


_WORD = re.compile(r"\w+")


def speakers_for_mention(name: str, *, earlier_text: str = "") -> list[Speaker]:
    """The recorded speakers an article's mention of a speaker can stand for.

    A mention is the speaker's name or an alias, ignoring case and accents ("Jokowi" for
    Joko Widodo). A single word that is no recorded name is a surname: it stands for the
    recorded speakers with that last name whose full name (or an alias) appears in
    ``earlier_text``, the article before the mention. One speaker is a match; several
    are a choice for the editor; none is a new speaker.
    """
    named = list(Speaker.objects.named(name).order_by("name", "pk")[:10])
    needle = fold(name)
    if named or not needle or " " in needle:
        return named
    earlier = _padded_words(earlier_text)
    alias_owners = SpeakerAlias.objects.filter(search_name__endswith=f" {needle}").values("speaker_id")
    surnamed = (
        Speaker.objects.filter(Q(search_name__endswith=f" {needle}") | Q(pk__in=alias_owners))
        .prefetch_related("aliases")
        .order_by("name", "pk")[:50]
    )

    def named_earlier(speaker):
        names = [speaker.search_name, *(alias.search_name for alias in speaker.aliases.all())]
        return any(full.endswith(f" {needle}") and _padded_words(full) in earlier for full in names)

    return [speaker for speaker in surnamed if named_earlier(speaker)]


def _padded_words(text: str) -> str:
    """The folded words of ``text`` between single spaces, for whole-word containment tests."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def speakers_in_list_order(queryset=None):
    """Speakers in the order the API lists them: by name, then id."""
    queryset = Speaker.objects.all() if queryset is None else queryset
    return queryset.order_by("name", "pk")


def citations_for_api(queryset=None):
    queryset = Citation.objects.all() if queryset is None else queryset
    return queryset.select_related("quote", "source__outlet").prefetch_related(
        Prefetch("source__contributors", Contributor.objects.order_by("role", "position", "pk"))
    )


def quotes_content_version():
    """(Last-Modified, ETag token) for anything a quote or speaker response can show."""
    return content_version()


# The PostgreSQL read path --------------------------------------------------------------------------------

_PLAIN_SLUG = "^[-_A-Za-z0-9]+$"


def _speaker_json(alias: str) -> str:
    return (
        f"json_build_object('id', {alias}.id, 'url', %(speaker_prefix)s || {alias}.slug || %(speaker_suffix)s, "
        f"'name', {alias}.name, 'slug', {alias}.slug, 'wikidata_id', {alias}.wikidata_id)"
    )


def _url_around(request, viewname, *, slug=False) -> tuple[str, str]:
    """The absolute URL of ``viewname`` split around its id (or slug): SQL puts each row's in between."""
    marker = "SLUG-MARKER" if slug else "2305843009213693952"
    path = reverse(viewname, kwargs={"slug": marker}) if slug else reverse(viewname, args=[marker])
    prefix, suffix = request.build_absolute_uri(path).split(marker, 1)
    return prefix, suffix


def quote_record_history(quote_id) -> dict:
    """The public record of a quote's verdicts and wording, from its full history.

    ``verdicts``: each time the verdict or its note changed (status, label, note, who ruled,
    when, and why when a rule withdrew it), oldest first. ``words_last_changed``: when the
    text last changed after it was first recorded (None if never). One query.
    """
    records = (
        Quote.history.filter(id=quote_id)
        .exclude(history_type="-")
        .order_by("history_id")
        .values(
            "status",
            "status_note",
            "text",
            "history_date",
            "history_change_reason",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
        )
    )
    verdicts, words_changed, previous = [], None, None
    for record in records:
        first_name, last_name = record["history_user__first_name"], record["history_user__last_name"]
        who = " ".join(part for part in (first_name, last_name) if part) or record["history_user__username"]
        if previous is None:
            if record["status"] != Quote.Status.UNVERIFIED:
                verdicts.append(_verdict_entry(record, who))
        else:
            if (record["status"], record["status_note"]) != (previous["status"], previous["status_note"]):
                verdicts.append(_verdict_entry(record, who))
            if record["text"] != previous["text"]:
                words_changed = record["history_date"]
        previous = record
    return {"verdicts": verdicts, "words_last_changed": words_changed}


def _verdict_entry(record, who) -> dict:
    return {
        "status": record["status"],
        "label": Quote.Status(record["status"]).label,
        "note": record["status_note"],
        "by": who or "",
        "at": record["history_date"],
        "reason": record["history_change_reason"] or "",
    }


# Reader pages ----------------------------------------------------------------------------------------------

FACET_LIMIT = 10_000  # above this many matching quotes, facet counts are skipped: ~40 ms per 5,000 on SQLite


def quote_facets(queryset, *, total: int) -> dict | None:
    """Counts of the matching quotes by verdict, type, language and citing outlet.

    Two grouped queries whatever the size of the result; ``None`` (and nothing queried)
    when the result holds more than ``FACET_LIMIT`` quotes.
    """
    if total > FACET_LIMIT:
        return None
    matching = Quote.objects.filter(pk__in=queryset.order_by().values("pk"))
    by_field = {"status": defaultdict(int), "type": defaultdict(int), "language": defaultdict(int)}
    rows = matching.order_by().values_list("status", "type", "language").annotate(n=Count("pk"))
    for status, kind, language, n in rows:
        by_field["status"][status] += n
        by_field["type"][kind] += n
        by_field["language"][language] += n
    outlets = (
        Citation.objects.filter(quote__in=matching, source__outlet__isnull=False)
        .order_by()
        .values_list("source__outlet__slug", "source__outlet__name")
        .annotate(n=Count("quote", distinct=True))
    )
    facets = {
        name: sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for name, counts in by_field.items()
    }
    facets["outlet"] = sorted(((slug, name, n) for slug, name, n in outlets), key=lambda o: (-o[2], o[1]))
    return facets


def speaker_quotes_by_month(speaker) -> tuple[dict, int, int]:
    """A speaker's quotes per month, in one query.

    Returns ``({first day of month: count}, dated only to a year, undated)``: a quote
    known only to the year cannot be placed in a month, and is counted apart.
    """
    rows = (
        Quote.objects.filter(speaker=speaker)
        .order_by()
        .annotate(month=TruncMonth("said_on"))
        .values_list("month", "said_on_precision")
        .annotate(n=Count("pk"))
    )
    months, year_only, undated = defaultdict(int), 0, 0
    for month, precision, n in rows:
        if month is None:
            undated += n
        elif precision == "year":
            year_only += n
        else:
            months[month] += n
    return dict(months), year_only, undated


def source_for_page(pk) -> Source:
    """A source with its outlet and byline; raises Source.DoesNotExist."""
    return (
        Source.objects.select_related("outlet")
        .prefetch_related(Prefetch("contributors", Contributor.objects.order_by("role", "position", "pk")))
        .get(pk=pk)
    )


def quote_for_page(pk) -> Quote:
    """One quote as its page shows it, with who gave the verdict; raises Quote.DoesNotExist."""
    quote = quotes_for_api(Quote.objects.select_related("reviewed_by")).get(pk=pk)
    attach_other_attributions([quote])
    return quote


def quotes_newly_recorded(*, limit: int, speaker=None, tag=None):
    """The most recently recorded quotes, newest first, for feeds."""
    queryset = Quote.objects.all()
    if speaker is not None:
        queryset = queryset.filter(speaker=speaker)
    if tag is not None:
        queryset = queryset.filter(tags=tag)
    return list(quotes_for_api(queryset.order_by("-created_at", "-pk"))[:limit])


def quotes_newly_ruled(*, limit: int):
    """Quotes with a verdict, the most recent ruling first, for feeds."""
    queryset = Quote.objects.filter(reviewed_at__isnull=False).exclude(status=Quote.Status.UNVERIFIED)
    return list(
        quotes_for_api(queryset.select_related("reviewed_by").order_by("-reviewed_at", "-pk"))[:limit]
    )


def _quotes_json_sql() -> str:
    zone = "%(zone)s"
    return f"""
SELECT q.id, json_build_object(
  'id', q.id,
  'url', %(quote_prefix)s || q.id || %(quote_suffix)s,
  'permalink', %(page_prefix)s || q.id || %(page_suffix)s,
  'text', q.text,
  'language', q.language,
  'original_language', q.original_language,
  'type', q.type,
  'speaker', {_speaker_json("s")},
  'role', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
    'title', r.title, 'organisation', r.organisation,
    'label', CASE WHEN r.organisation <> '' THEN r.title || ', ' || r.organisation ELSE r.title END,
    'start_date', {sql_iso_date("r.start_date")}, 'end_date', {sql_iso_date("r.end_date")}) END,
  'said_on', {sql_partial_date("q.said_on", "q.said_on_precision")},
  'said_on_precision', q.said_on_precision,
  'said_on_latest', {sql_iso_date("q.said_on_latest")},
  'said_on_approximate', q.said_on_approximate,
  'place', q.place,
  'context', q.context,
  'tags', COALESCE((
    SELECT json_agg(json_build_object('name', t.name, 'slug', t.slug) ORDER BY t.name, t.id)
    FROM quotes_quote_tags qt JOIN quotes_tag t ON t.id = qt.tag_id WHERE qt.quote_id = q.id), '[]'::json),
  'status', q.status,
  'status_note', q.status_note,
  'reviewed_at', {sql_api_datetime("q.reviewed_at", zone)},
  'other_attributions', COALESCE((
    SELECT json_agg(json_build_object(
      'id', o.id, 'url', %(quote_prefix)s || o.id || %(quote_suffix)s,
      'speaker', {_speaker_json("os")}, 'status', o.status) ORDER BY o.id)
    FROM quotes_quote o JOIN quotes_speaker os ON os.id = o.speaker_id
    WHERE o.fingerprint = q.fingerprint AND o.id <> q.id AND o.speaker_id <> q.speaker_id), '[]'::json),
  'citations', COALESCE((
    SELECT json_agg(json_build_object(
      'id', c.id, 'locator', c.locator, 'excerpt', c.excerpt,
      'source', json_build_object(
        'id', so.id,
        'api_url', %(source_prefix)s || so.id || %(source_suffix)s,
        'kind', so.kind, 'title', so.title, 'url', so.url,
        'outlet', CASE WHEN ou.id IS NULL THEN NULL ELSE
          json_build_object('name', ou.name, 'slug', ou.slug, 'domain', ou.domain) END,
        'authors', COALESCE((
          SELECT json_agg(a.name ORDER BY a.role, a.position, a.id) FROM sources_contributor a
          WHERE a.source_id = so.id AND a.role = 'author'), '[]'::json),
        'published_at', {sql_local_datetime("so.published_at", "so.timezone")},
        'language', so.language)
    ) ORDER BY so.published_at, c.id)
    FROM quotes_citation c JOIN sources_source so ON so.id = c.source_id
    LEFT JOIN sources_outlet ou ON ou.id = so.outlet_id
    WHERE c.quote_id = q.id), '[]'::json),
  'created_at', {sql_api_datetime("q.created_at", zone)},
  'updated_at', {sql_api_datetime("q.updated_at", zone)}
)::text,
  s.slug ~ '{_PLAIN_SLUG}' AND NOT EXISTS (
    SELECT 1 FROM quotes_quote o JOIN quotes_speaker os ON os.id = o.speaker_id
    WHERE o.fingerprint = q.fingerprint AND o.id <> q.id AND os.slug !~ '{_PLAIN_SLUG}')
FROM quotes_quote q
JOIN quotes_speaker s ON s.id = q.speaker_id
LEFT JOIN quotes_role r ON r.id = q.role_id
WHERE q.id = ANY(%(ids)s)
"""


_QUOTES_JSON_SQL = _quotes_json_sql()


def quotes_as_json(ids, *, request) -> list[str]:
    """The API representation of these quotes, built by PostgreSQL as JSON text, in the order given.

    One query for any number of quotes, and no Python objects per field: for long
    lists and hot detail pages, where serialising dominates. The same shape and
    formats as ``QuoteSerializer`` (``tests/quotes/test_quote_fast_path.py``).
    """
    ids = list(ids)
    if not ids:
        return []
    params = {"ids": ids, "zone": timezone.get_current_timezone_name()}
    for name, viewname in (
        ("quote", "api:quote-detail"),
        ("page", "quotes:quote-detail"),
        ("source", "api:source-detail"),
    ):
        params[f"{name}_prefix"], params[f"{name}_suffix"] = _url_around(request, viewname)
    params["speaker_prefix"], params["speaker_suffix"] = _url_around(request, "api:speaker-detail", slug=True)
    return _json_bodies(_QUOTES_JSON_SQL, params, ids, lambda body: _encode_speaker_urls(body, request))


def _json_bodies(sql: str, params: dict, ids: list, encode) -> list[str]:
    """Run a JSON read (rows of id, JSON text, whether its links are plain) and return the bodies in
    the order of ``ids``; ``encode`` rewrites the links of a body whose slug needs URL-encoding."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = {pk: body if plain else encode(body) for pk, body, plain in cursor.fetchall()}
    return [rows[pk] for pk in ids if pk in rows]


def _encode_speaker_urls(body: str, request) -> str:
    """Speaker URLs as ``reverse()`` writes them, for slugs outside [-_A-Za-z0-9] (rare)."""
    quote = json.loads(body)
    for speaker in [quote["speaker"], *(other["speaker"] for other in quote["other_attributions"])]:
        speaker["url"] = request.build_absolute_uri(
            reverse("api:speaker-detail", kwargs={"slug": speaker["slug"]})
        )
    return json.dumps(quote, ensure_ascii=False, separators=(",", ":"))


def _speakers_json_sql() -> str:
    zone = "%(zone)s"
    return f"""
SELECT s.id, json_build_object(
  'id', s.id,
  'url', %(speaker_prefix)s || s.slug || %(speaker_suffix)s,
  'name', s.name,
  'slug', s.slug,
  'kind', s.kind,
  'wikidata_id', s.wikidata_id,
  'wikidata_url', 'https://www.wikidata.org/wiki/' || NULLIF(s.wikidata_id, ''),
  'description', s.description,
  'aliases', COALESCE((
    SELECT json_agg(a.name ORDER BY a.name, a.id) FROM quotes_speakeralias a WHERE a.speaker_id = s.id
  ), '[]'::json),
  'roles', COALESCE((
    SELECT json_agg(json_build_object(
      'title', r.title, 'organisation', r.organisation,
      'label', CASE WHEN r.organisation <> '' THEN r.title || ', ' || r.organisation ELSE r.title END,
      'start_date', {sql_iso_date("r.start_date")}, 'end_date', {sql_iso_date("r.end_date")}
    ) ORDER BY r.start_date DESC NULLS FIRST, r.title, r.id)
    FROM quotes_role r WHERE r.speaker_id = s.id), '[]'::json),
  'quote_count', (SELECT count(*) FROM quotes_quote q WHERE q.speaker_id = s.id),
  'quotes_url', %(quotes_prefix)s || s.slug || %(quotes_suffix)s,
  'created_at', {sql_api_datetime("s.created_at", zone)},
  'updated_at', {sql_api_datetime("s.updated_at", zone)}
)::text, s.slug ~ '{_PLAIN_SLUG}'
FROM quotes_speaker s
WHERE s.id = ANY(%(ids)s)
"""


_SPEAKERS_JSON_SQL = _speakers_json_sql()


def speakers_as_json(ids, *, request) -> list[str]:
    """The API representation of these speakers, built by PostgreSQL as JSON text, in the order given.

    One query for any number of speakers; each quote count is an index-only scan of the
    speaker's entries in the index on ``quotes_quote.speaker_id``. The same shape and formats as
    ``SpeakerSerializer`` (``tests/quotes/test_speaker_fast_path.py``).
    """
    ids = list(ids)
    if not ids:
        return []
    params = {"ids": ids, "zone": timezone.get_current_timezone_name()}
    params["speaker_prefix"], params["speaker_suffix"] = _url_around(request, "api:speaker-detail", slug=True)
    params["quotes_prefix"], params["quotes_suffix"] = _url_around(request, "api:speaker-quotes", slug=True)
    return _json_bodies(_SPEAKERS_JSON_SQL, params, ids, lambda body: _encode_speaker_links(body, request))


def _encode_speaker_links(body: str, request) -> str:
    """A speaker's links as ``reverse()`` writes them, for slugs outside [-_A-Za-z0-9] (rare)."""
    speaker = json.loads(body)
    for key, viewname in (("url", "api:speaker-detail"), ("quotes_url", "api:speaker-quotes")):
        speaker[key] = request.build_absolute_uri(reverse(viewname, kwargs={"slug": speaker["slug"]}))
    return json.dumps(speaker, ensure_ascii=False, separators=(",", ":"))
