"""Reads on outlets and sources shared by the importers, the admin and the API."""

import hashlib

from django.db.models import Q

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
