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
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{qn(c)} = {table}.{qn(c)} + excluded.{qn(c)}" for c in sum_fields)
    sql = (
        f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608
        f"VALUES {', '.join([placeholder] * len(rows))} "
        f"ON CONFLICT ({', '.join(qn(c) for c in key_fields)}) DO UPDATE SET {updates}"
    )
    params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def insert_select(model: type[models.Model], columns: Sequence[str], queryset) -> None:
    """INSERT INTO model (columns) <the SELECT of queryset>: the rebuild's set-based write.
    The queryset's select list must give the columns in the same order."""
    qn = connection.ops.quote_name
    select, params = queryset.query.get_compiler(connection=connection).as_sql()
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) {select}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
