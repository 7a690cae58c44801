"""Inserting many rows, history included, in few statements and little Python per value.

Django's ``bulk_create`` prepares every value of every row through its field, and
django-simple-history builds a model instance for each history row before doing the same
again: for a spreadsheet of 10,000 quotes with their citations, tags and history that was
most of the import's time. Here a value the database driver takes as it is (text, whole
numbers, booleans, NULL) goes straight through; any other (dates, times, decimals, JSON…)
is still prepared by its field, so what is stored is what ``bulk_create`` would store.

Only the services call these (the one write path); the objects come validated and no
signals are sent, so the caller does once per batch what signals would do per row.
"""

import datetime

from django.db import connections, router
from django.db.models import DateField, DateTimeField
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object

_AS_IS = frozenset({str, int, bool, type(None)})


def _largest_statement(db) -> int:
    """How many parameters one statement may carry (SQLite reports its compiled limit; PostgreSQL's
    protocol counts them in 16 bits)."""
    limit = db.features.max_query_params or 65535
    if db.vendor == "sqlite":
        db.ensure_connection()
        raw = db.connection
        if hasattr(raw, "getlimit"):
            import sqlite3

            limit = max(limit, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return limit


def _preparers(fields, db):
    def prepare(field):
        known = {}  # an import repeats its dates and times: each distinct one is prepared once

        def value(v):
            if type(v) in _AS_IS:
                return v
            try:
                return known[v]
            except KeyError:
                known[v] = prepared = field.get_db_prep_save(v, db)
                return prepared
            except TypeError:  # unhashable, e.g. JSON
                return field.get_db_prep_save(v, db)

        return value

    return [prepare(field) for field in fields]


def insert_values(model, fields, rows, *, returning: bool = False) -> list | None:
    """Insert ``rows`` (tuples of Python values in the order of ``fields``) into ``model``'s table.

    With ``returning``, the new primary keys in the order of the rows.
    """
    rows = list(rows)
    if not rows:
        return [] if returning else None
    db = connections[router.db_for_write(model)]
    quote = db.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    prepare = _preparers(fields, db)
    pk = model._meta.pk
    if db.vendor == "postgresql":
        return _copy(db, model, fields, rows, prepare, returning=returning)
    size = max(1, min(_largest_statement(db) // len(fields), 5000))
    keys = []
    with db.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [f(v) for row in batch for f, v in zip(prepare, row, strict=True)]
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES " + ", ".join(
                [one] * len(batch)
            )
            if returning:
                cursor.execute(f"{sql} RETURNING {quote(pk.column)}", params)
                keys.extend(row[0] for row in cursor.fetchall())
            else:
                cursor.execute(sql, params)
    return keys if returning else None


def _copy(db, model, fields, rows, prepare, *, returning):
    """PostgreSQL: one COPY, the keys drawn from the table's sequence first when they are wanted.

    (A long multi-row INSERT costs psycopg a Python object per placeholder.)
    """
    quote = db.ops.quote_name
    table = quote(model._meta.db_table)
    keys = None
    with db.cursor() as cursor:
        if returning:
            pk = model._meta.pk
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            keys = sorted(key for (key,) in cursor.fetchall())
            fields = [pk, *fields]
            prepare = [lambda value: value, *prepare]
            rows = [(key, *row) for key, row in zip(keys, rows, strict=True)]
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([f(v) for f, v in zip(prepare, row, strict=True)])
    return keys


def insert_objects(model, objs) -> list:
    """Insert unsaved instances of ``model`` as ``bulk_create`` does: timestamps stamped, keys set.

    The automatic timestamps are the same moment for all of them.
    """
    objs = list(objs)
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key or field.has_default()]
    stamped = [
        field for field in fields if isinstance(field, DateField) and (field.auto_now or field.auto_now_add)
    ]
    now = timezone.now()
    stamps = [(f.attname, now if isinstance(f, DateTimeField) else datetime.date.today()) for f in stamped]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_objects")
        for name, value in stamps:
            setattr(obj, name, value)
    attnames = [field.attname for field in fields]
    keys = insert_values(
        model, fields, ([getattr(obj, name) for name in attnames] for obj in objs), returning=True
    )
    alias = router.db_for_write(model)
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, meta.pk.attname, key)
        obj._state.adding = False
        obj._state.db = alias
    return objs


def insert_history(model, objs, *, user=None, via: str = "", history_type: str = "+") -> list:
    """One history record per saved instance, as ``bulk_create_with_history`` writes them.

    The writer is the instance's ``_history_user`` or ``user``; the reason its
    ``_change_reason``. Returns the records' keys in the order of ``objs``.
    """
    History = model.history.model
    tracked = [field.attname for field in History.tracked_fields]
    own = {
        "history_date": timezone.now(),
        "history_type": history_type,
        "history_via": via,
    }
    fields = [field for field in History._meta.concrete_fields if field.attname != "history_id"]
    unknown = (
        {f.attname for f in fields} - set(tracked) - set(own) - {"history_user_id", "history_change_reason"}
    )
    if unknown:
        raise ValueError(f"{History.__name__} has columns this insert does not fill: {sorted(unknown)}")
    default_user = getattr(user, "pk", None)

    def row(obj):
        values = {name: getattr(obj, name) for name in tracked}
        writer = getattr(obj, "_history_user", None)
        values.update(
            own,
            history_user_id=writer.pk if writer is not None else default_user,
            history_change_reason=get_change_reason_from_object(obj) or None,
        )
        return [values[field.attname] for field in fields]

    return insert_values(History, fields, (row(obj) for obj in objs), returning=True)
