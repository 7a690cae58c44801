"""Who changed what, through which path, and why: the context stamped on every history row.

Adapters (admin and API requests, importers, management commands) open a ``recording``
context; services add a reason to the instance they save when a rule changed something
on the writer's behalf (for example a verdict withdrawn after the words changed).
"""

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass

_context: ContextVar["Recording | None"] = ContextVar("history_recording", default=None)


@dataclass(frozen=True)
class Recording:
    via: str
    user: object = None


@contextlib.contextmanager
def recording(*, via: str, user=None):
    token = _context.set(Recording(via=via, user=user))
    try:
        yield
    finally:
        _context.reset(token)


def current() -> Recording | None:
    return _context.get()


def stamp_historical_record(sender, instance, history_instance, **kwargs):
    context = current()
    if context is None:
        return
    history_instance.history_via = context.via
    user = getattr(instance, "_history_user", None) or context.user
    if history_instance.history_user_id is None and user is not None and getattr(user, "pk", None):
        history_instance.history_user = user


class RecordingMiddleware:
    """Stamp changes made during a request with the path they came through (admin or API)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        via = "admin" if path.startswith("/admin/") else "api" if path.startswith("/api/") else "web"
        user = getattr(request, "user", None)
        with recording(via=via, user=user if user is not None and user.is_authenticated else None):
            return self.get_response(request)
