"""Writes on sources, shared by the admin, the API and the importers."""

from django.db import transaction

from .models import Contributor, Source
from .normalization import normalize_text


@transaction.atomic
def source_create(*, user=None, contributors=(), **fields) -> Source:
    """Create a validated source with its byline (``contributors``: dicts of name and role, in order)."""
    source = Source(**fields, created_by=user, updated_by=user)
    source.full_clean()
    source.save()
    _set_contributors(source, contributors)
    return source


@transaction.atomic
def source_update(*, source: Source, user=None, contributors=None, **fields) -> Source:
    """Change a source; a given byline replaces the current one."""
    for name, value in fields.items():
        setattr(source, name, value)
    source.updated_by = user
    source.full_clean()
    source.save()
    if contributors is not None:
        source.contributors.all().delete()
        _set_contributors(source, contributors)
    return source


def _set_contributors(source: Source, contributors) -> None:
    seen = set()
    for item in contributors:
        name, role = normalize_text(item["name"]), item.get("role", Contributor.Role.AUTHOR)
        if not name or (role, name.casefold()) in seen:
            continue
        seen.add((role, name.casefold()))
        contributor = Contributor(source=source, name=name, role=role, position=len(seen) - 1)
        contributor.full_clean()
        contributor.save()
