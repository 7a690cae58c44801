"""Views that belong to the deployment rather than to an app."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_migrated = False  # once every migration is applied, it stays so for the life of the process


def _pending_migrations() -> list[str]:
    global _migrated
    if _migrated:
        return []
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
    _migrated = not pending
    return pending


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers and every migration is applied; 503 (with the reason) otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError as error:
        checks["database"] = f"unreachable: {error.__class__.__name__}"
    if checks["database"] == "ok":
        try:
            pending = _pending_migrations()
            checks["migrations"] = (
                "ok" if not pending else f"{len(pending)} not applied: {', '.join(pending)}"
            )
        except DatabaseError as error:
            checks["migrations"] = f"unknown: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )


# Errors raised outside DRF (no URL matched, a request Django itself refused, a crash) keep the API's
# error shape under /api/; the pages get Django's usual error pages.


def _api_error(status, code, message):
    return JsonResponse({"errors": [{"code": code, "message": message}]}, status=status)


def _is_api(request):
    return request.path_info.startswith("/api/")


def bad_request(request, exception):
    if _is_api(request):
        return _api_error(400, "bad_request", "The request could not be read.")
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if _is_api(request):
        return _api_error(404, "not_found", "Nothing is at this address; see /api/v1/schema/.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _api_error(500, "server_error", "Something went wrong on our side; it has been logged.")
    return defaults.server_error(request)
