"""Additive upsert: `INSERT … ON CONFLICT (key) DO UPDATE SET n = n + excluded.n`.

One statement per change, atomic on PostgreSQL under concurrency (two transactions adding
to the same row both land, no lost update) and supported by SQLite ≥ 3.24. Django's
bulk_create(update_conflicts=True) can only overwrite a column, not add to it."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def add_rows(
    model: type[models.Model],
    key_fields: Sequence[str],
    extra_fields: Sequence[str],
    sum_fields: Sequence[str],
    rows: Sequence[tuple],
) -> None:
    """Add `rows` (key…, extra…, sums…) to `model`. Extra fields are written on insert
    only (the parent code: it follows from the key)."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = [*key_fields, *extra_fields, *sum_fields]
    updates = ", ".join(f"{qn(c)} = {table}.{qn(c)} + excluded.{qn(c)}" for c in sum_fields)
    source, params = _rows_source(model, columns, rows)
    sql = (
        f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) {source} "  # noqa: S608
        f"ON CONFLICT ({', '.join(qn(c) for c in key_fields)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rows_source(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple]
) -> tuple[str, list]:
    """The rows as a SELECT over one array per column on PostgreSQL — a short statement
    whatever the number of rows (an import adds thousands at once, and a VALUES list of
    that size costs more to build and parse than to run) — else as a VALUES list."""
    if connection.vendor == "postgresql":
        types = [model._meta.get_field(c).db_type(connection) for c in columns]
        arrays = [list(column) for column in zip(*rows, strict=True)]
        # The types come from our own model fields, never from input.
        casts = ", ".join(f"%s::{t}[]" for t in types)
        return f"SELECT * FROM unnest({casts})", arrays  # noqa: S608
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    return "VALUES " + ", ".join([placeholder] * len(rows)), [v for row in rows for v in row]


def insert_select(model: type[models.Model], columns: Sequence[str], queryset) -> None:
    """INSERT INTO model (columns) <the SELECT of queryset>: the rebuild's set-based write.
    The queryset's select list must give the columns in the same order."""
    qn = connection.ops.quote_name
    select, params = queryset.query.get_compiler(connection=connection).as_sql()
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) {select}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
