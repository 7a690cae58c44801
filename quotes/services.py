"""Writes that carry business rules, shared by the admin, the API and commands."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Quote


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
