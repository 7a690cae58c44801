"""Post-processing of the OpenAPI schema (drf-spectacular hooks), so that it describes what the API does.

Every operation documents the error responses it can give, all in the one error shape, and says
which authentication it needs: none for reads (a token or session is accepted, and only changes
the caching), a token or session for writes.
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error has this shape. `parameter` names a query parameter, `field` a field of "
    "the request body (dotted for nested fields); errors about the request as a whole have neither.",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "parameter": {"type": "string"},
                    "field": {"type": "string"},
                    "code": {"type": "string", "example": "invalid"},
                    "message": {"type": "string"},
                },
            },
        }
    },
}

ERROR_DESCRIPTIONS = {
    "400": "Invalid query parameters or request body; each error names its `parameter` or `field`.",
    "401": "Credentials were given but are not valid (writes: none were given).",
    "403": "The user lacks the permission this change needs.",
    "404": "No such object, or a page number past the last page.",
    "405": "The method is not allowed here.",
    "406": "None of the formats in the Accept header can be given.",
    "409": "The change conflicts with other records (e.g. deleting what is still cited).",
    "412": "The object changed since it was read (If-Match did not match).",
    "413": "The request body is too large.",
    "415": "The request body is not JSON.",
    "429": "Too many requests; retry after the number of seconds in `Retry-After`.",
}

JSON_LD_SCHEMA = {
    "type": "object",
    "description": "JSON-LD with schema.org terms.",
    "required": ["@context", "@graph"],
    "properties": {"@context": {"type": "object"}, "@graph": {"type": "array", "items": {"type": "object"}}},
}
CSV_SCHEMA = {"type": "string", "description": "CSV with a header row."}

# Django's Unicode slug validator reads \w as Python does (a letter or digit in any script). JSON Schema
# tools read \w as ASCII only, and translate \p{L} only in part; so the pattern says it the other way
# round: anything but ASCII punctuation, spaces and controls other than "-" and "_".
PYTHON_SLUG_PATTERN = "^[-\\w]+$"
UNICODE_SLUG_PATTERN = "^[^\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]+$"

IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Any unique string (a UUID): a retry with the same key and body gets the first answer "
    "again (with `Idempotent-Replayed: true`) instead of creating a duplicate. Kept for a day.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7e]+$"},
}

READ = {"get", "head"}
WRITE = {"post", "put", "patch", "delete"}


def _codes(method: str, path: str, operation: dict) -> list[str]:
    # Any request: bad parameters, bad credentials, no such object or page, Accept, rate.
    codes = ["400", "401", "404", "406", "429"]
    if method in WRITE:
        codes += ["403", "412"]
    if method in {"post", "put", "patch"}:
        codes += ["413", "415"]
    if method in {"delete", "post", "patch", "put"}:
        codes.append("409")
    return codes


def document_errors_and_auth(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK: error responses in the error shape, and honest security."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    schemes = [{name: []} for name in sorted(components.get("securitySchemes", {}))]
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in READ | WRITE:
                continue
            responses = operation.setdefault("responses", {})
            for code in _codes(method, path, operation):
                response = responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code]})
                response["content"] = error_content
                if code == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
                    }
            for response in responses.values():
                content = response.get("content", {})
                if "application/ld+json" in content:
                    content["application/ld+json"] = {"schema": JSON_LD_SCHEMA}
                if "text/csv" in content:
                    content["text/csv"] = {"schema": CSV_SCHEMA}
            for parameter in operation.get("parameters", []):
                _allow_empty(parameter)
            if method == "post":
                operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
            # Reads are public: authentication is optional. Writes need a token or a session.
            operation["security"] = [{}, *schemes] if method in READ else schemes
    _replace_patterns(components.get("schemas", {}))
    return result


def _allow_empty(parameter: dict) -> None:
    """A query parameter given empty (``?source=``, as an HTML form sends it) counts as not given."""
    schema = parameter.get("schema", {})
    if parameter.get("in") != "query" or schema.get("type") in (None, "array"):
        return
    if schema.get("type") == "string" and not ({"enum", "pattern", "format", "minLength"} & set(schema)):
        return  # any string, the empty one included
    alternatives = [schema, {"type": "string", "maxLength": 0}]
    if schema.get("type") == "boolean":
        alternatives.append({"type": "string", "enum": ["1", "0", "yes", "no"]})
    parameter["schema"] = {"anyOf": alternatives}


def _replace_patterns(node) -> None:
    if isinstance(node, dict):
        if node.get("pattern") == PYTHON_SLUG_PATTERN:
            node["pattern"] = UNICODE_SLUG_PATTERN
        for value in node.values():
            _replace_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _replace_patterns(value)
