"""Reads on outlets and sources shared by the importers, the admin and the API."""

import hashlib

from django.db.models import Q
from django.db.models.functions import Lower

from core.normalization import normalize_text, normalize_url

from .models import Outlet, Source


def outlet_for(*, name: str = "", domain: str = "") -> Outlet | None:
    """The recorded outlet with this domain, or whose recorded sources alone live on it, or else
    the one with this name or slug (ignoring case). Nothing is guessed from the domain itself."""
    if domain:
        domain = domain.removeprefix("www.").lower()
        outlet = Outlet.objects.filter(domain=domain).first()
        if outlet:
            return outlet
        outlet = _outlet_of_sources_on(domain)
        if outlet:
            return outlet
    if name:
        name = name.strip()
        return Outlet.objects.filter(name__iexact=name).first() or Outlet.objects.filter(slug=name).first()
    return None


def _outlet_of_sources_on(domain: str) -> Outlet | None:
    """The outlet of the recorded sources whose URL is on ``domain``, when they agree on one."""
    on_domain = Q()
    for scheme in ("https", "http"):
        for host in (domain, f"www.{domain}"):
            on_domain |= Q(url__startswith=f"{scheme}://{host}/")
    outlet_ids = list(
        Source.objects.filter(on_domain, outlet__isnull=False)
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()[:2]
    )
    return Outlet.objects.get(pk=outlet_ids[0]) if len(outlet_ids) == 1 else None


def article_content_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def source_lookup(
    *, url: str = "", text: str = "", title: str = "", outlet: Outlet | None = None, published_at=None
) -> Source | None:
    """The source already recorded for this document, if any.

    The same document is the same URL, the same imported text, or (for sources entered
    by hand, which have no text) the same title from the same outlet at the same time.
    """
    canonical = normalize_url(url)
    if canonical:
        source = sources_by_url([canonical]).get(canonical)
        if source:
            return source
    if text.strip():
        source = Source.objects.filter(content_hash=article_content_hash(text)).first()
        if source:
            return source
    if title.strip() and outlet is not None and published_at is not None:
        key = source_title_key(title=title, outlet_id=outlet.pk, published_at=published_at)
        return sources_by_title([(title, outlet.pk, published_at)]).get(key)
    return None


def sources_by_url(urls) -> dict[str, Source]:
    """The recorded sources with these canonical URLs, by URL: one query."""
    urls = {url for url in urls if url}
    return {source.url: source for source in Source.objects.filter(url__in=urls)} if urls else {}


def source_title_key(*, title: str, outlet_id, published_at) -> tuple:
    """What identifies a source entered without URL or text: its title (any case), outlet and time."""
    return (normalize_text(title).casefold(), outlet_id, published_at)


def sources_by_title(documents) -> dict[tuple, Source]:
    """The recorded sources for these (title, outlet id, published_at), by ``source_title_key``: one query.

    An outlet or time left unknown matches a source where it is unknown too.
    """
    documents = [
        (normalize_text(title), outlet_id, published_at) for title, outlet_id, published_at in documents
    ]
    keys = {source_title_key(title=t, outlet_id=o, published_at=p) for t, o, p in documents}
    if not keys:
        return {}
    # Lower() is ASCII-only on SQLite: the exact spelling is asked for too, then compared in Python.
    candidates = Source.objects.annotate(lower_title=Lower("title")).filter(
        Q(lower_title__in={t.lower() for t, _, _ in documents}) | Q(title__in={t for t, _, _ in documents})
    )
    found = {}
    for source in candidates.order_by("pk"):
        key = source_title_key(
            title=source.title, outlet_id=source.outlet_id, published_at=source.published_at
        )
        if key in keys:
            found.setdefault(key, source)
    return found
