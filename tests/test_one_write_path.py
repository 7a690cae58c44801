"""Services are the only code that writes speakers, quotes, citations, outlets and sources.

This test reads the project's code (not the tests or migrations) and fails on any call
that saves or deletes a model outside ``quotes/services.py``, ``sources/services.py`` and
the versioning primitive they share. The admin, the API, the importers and the commands
must call a service instead.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("core", "quotes", "sources", "config")
# core/dataset.py restores a backup row for row (history included); see its docstring.
# core/bulk.py is the services' bulk insert (raw statements this check cannot see); only they call it.
WRITE_PATH = {
    "quotes/services.py",
    "sources/services.py",
    "core/versioning.py",
    "core/dataset.py",
    "core/bulk.py",
}

# (file, enclosing function): the few writes that are not writes of the tracked models.
ALLOWED = {
    ("core/models.py", "save"): "NormalizedModel.save normalises, then calls Model.save",
    ("core/models.py", "bump"): "ContentVersion is the API's change counter, not editorial data",
}

ALWAYS_WRITES = {"bulk_create", "bulk_update", "get_or_create", "update_or_create"}
QUERYSET_STARTS = {"objects", "filter", "exclude", "all", "select_for_update", "history"}
M2M_WRITES = {"set", "add", "remove", "clear"}


def _receiver_names(node):
    """Names along the receiver chain of a call: ``Quote.objects.filter(...).update`` → objects, filter."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        else:
            if isinstance(node, ast.Name):
                names.append(node.id)
            return names


def _is_write(call: ast.Call) -> str | None:
    if not isinstance(call.func, ast.Attribute):
        return None
    method = call.func.attr
    receiver = _receiver_names(call.func.value)
    if method in ALWAYS_WRITES:
        return method
    if method == "save":
        commit = [kw for kw in call.keywords if kw.arg == "commit"]
        if commit and isinstance(commit[0].value, ast.Constant) and commit[0].value.value is False:
            return None
        return "save"
    if method == "delete" and "cache" not in receiver and "session" not in receiver:
        return "delete"
    if method in {"create", "update"} and QUERYSET_STARTS & set(receiver):
        return method
    if method in M2M_WRITES and receiver[:1] == ["tags"]:
        return f"tags.{method}"
    return None


def writes_outside_services():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in WRITE_PATH:
                continue
            tree = ast.parse(path.read_text(), filename=relative)
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    allowed = (relative, function.name) in ALLOWED
                    if isinstance(node, ast.Call) and (write := _is_write(node)) and not allowed:
                        found.append(f"{relative}:{node.lineno} {function.name}() calls {write}")
    return sorted(set(found))


def test_no_code_outside_the_services_saves_or_deletes_models():
    assert writes_outside_services() == []


def test_the_checker_recognises_writes_it_must_refuse():
    samples = {
        "quote.save()": "save",
        "Quote.objects.create(text='x')": "create",
        "Quote.objects.filter(pk=1).update(text='x')": "update",
        "Speaker.objects.get_or_create(name='x')": "get_or_create",
        "Tag.objects.bulk_create([])": "bulk_create",
        "citation.delete()": "delete",
        "quote.tags.set([])": "tags.set",
    }
    for source, expected in samples.items():
        call = ast.parse(source).body[0].value
        assert _is_write(call) == expected, source
    for harmless in ("form.save(commit=False)", "cache.delete('k')", "seen.add(1)", "errors.update({})"):
        assert _is_write(ast.parse(harmless).body[0].value) is None, harmless


def test_every_allowance_is_still_needed():
    """An allowance whose write has gone away is removed, so the list stays honest."""
    for relative, function_name in ALLOWED:
        tree = ast.parse((ROOT / relative).read_text())
        functions = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == function_name
        ]
        assert any(isinstance(n, ast.Call) and _is_write(n) for f in functions for n in ast.walk(f)), (
            relative,
            function_name,
        )


def test_only_the_services_call_the_bulk_insert():
    callers = set()
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if (
                "/migrations/" not in relative
                and relative != "core/bulk.py"
                and "core.bulk" in path.read_text()
            ):
                callers.add(relative)
    assert callers <= {"quotes/services.py", "sources/services.py"}
