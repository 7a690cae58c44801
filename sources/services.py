"""The one write path for outlets, sources and their bylines.

The admin, the API and the importers call these functions; nothing else saves or deletes
these models. Each validates with ``full_clean()``, checks the version the writer loaded
(``core.versioning``) and leaves a history entry with the writer.
"""

from django.db import transaction

from core.bulk import insert_history, insert_objects
from core.models import unique_slug
from core.normalization import normalize_text
from core.versioning import delete_versioned, save_versioned

from .models import Contributor, Outlet, Source

BULK_BATCH = 500

# Outlets ----------------------------------------------------------------------------------------------------


@transaction.atomic
def outlet_create(*, user=None, outlet: Outlet | None = None, **fields) -> Outlet:
    """Record an outlet (``outlet``: an unsaved instance a form filled in; ``fields`` apply on top)."""
    outlet = outlet or Outlet()
    for name, value in fields.items():
        setattr(outlet, name, value)
    outlet.created_by = outlet.updated_by = user
    if not outlet.slug:
        outlet.slug = unique_slug(Outlet, normalize_text(outlet.name), max_length=196, allow_unicode=False)
    outlet.full_clean()
    return save_versioned(outlet, user=user)


@transaction.atomic
def outlet_update(*, outlet: Outlet, user=None, loaded_version=None, **fields) -> Outlet:
    for name, value in fields.items():
        setattr(outlet, name, value)
    outlet.updated_by = user
    outlet.full_clean()
    return save_versioned(outlet, loaded_version=loaded_version, user=user)


def outlet_get_or_create(*, name: str = "", domain: str = "", user=None, **defaults) -> tuple[Outlet, bool]:
    """The recorded outlet with this domain or name, else a new one."""
    from .selectors import outlet_for

    outlet = outlet_for(name=name, domain=domain)
    if outlet is not None:
        return outlet, False
    return outlet_create(user=user, name=name or domain, domain=domain or None, **defaults), True


@transaction.atomic
def outlet_delete(*, outlet: Outlet, user=None, loaded_version=None) -> None:
    """Delete an outlet that no source belongs to (``ProtectedError`` otherwise)."""
    delete_versioned(outlet, loaded_version=loaded_version, user=user)


# Sources ----------------------------------------------------------------------------------------------------


@transaction.atomic
def source_create(*, user=None, contributors=(), source: Source | None = None, **fields) -> Source:
    """Create a validated source with its byline (``contributors``: dicts of name and role, in order)."""
    source = source or Source()
    for name, value in fields.items():
        setattr(source, name, value)
    source.created_by = source.updated_by = user
    source.full_clean()
    save_versioned(source, user=user)
    _set_contributors(source, contributors, user=user)
    return source


@transaction.atomic
def source_update(*, source: Source, user=None, contributors=None, loaded_version=None, **fields) -> Source:
    """Change a source; a given byline replaces the current one."""
    for name, value in fields.items():
        setattr(source, name, value)
    source.updated_by = user
    source.full_clean()
    save_versioned(source, loaded_version=loaded_version, user=user)
    if contributors is not None:
        for contributor in source.contributors.all():
            contributor_delete(contributor=contributor, user=user)
        _set_contributors(source, contributors, user=user)
    return source


@transaction.atomic
def source_delete(*, source: Source, user=None, loaded_version=None) -> None:
    """Delete a source that no quote cites (``ProtectedError`` otherwise)."""
    for contributor in source.contributors.all():
        contributor._history_user = user
    delete_versioned(source, loaded_version=loaded_version, user=user)


def sources_bulk_create(*, sources: list[Source], user=None, via: str = "") -> list[Source]:
    """Record many new sources at once, each with its history entry (a few statements per thousands).

    The sources come validated (``full_clean``) by the caller, which also made sure that no
    URL among them is recorded already; they have no byline.
    """
    for source in sources:
        source.normalize()
        source.created_by = source.updated_by = user
        source.version = 1
    insert_objects(Source, sources)
    insert_history(Source, sources, user=user, via=via)
    return sources


def _set_contributors(source: Source, contributors, *, user) -> None:
    seen = set()
    for item in contributors:
        name, role = normalize_text(item["name"]), item.get("role", Contributor.Role.AUTHOR)
        if not name or (role, name.casefold()) in seen:
            continue
        seen.add((role, name.casefold()))
        contributor_save(
            contributor=Contributor(source=source, name=name, role=role, position=len(seen) - 1), user=user
        )


@transaction.atomic
def contributor_save(*, contributor: Contributor, user=None) -> Contributor:
    contributor.full_clean()
    contributor._history_user = user
    contributor.save()
    return contributor


@transaction.atomic
def contributor_delete(*, contributor: Contributor, user=None) -> None:
    contributor._history_user = user
    contributor.delete()
