"""Trigram index for the officer list's name search on PostgreSQL.

`?q=` filters with `name__icontains`, which PostgreSQL receives as
`UPPER("name"::text) LIKE UPPER('%word%')`. A B-tree cannot serve a leading wildcard, so
without this index every search (and its bounded count) reads the whole table: ~2.5 s at a
million enterprises (see docs/benchmarks.md). A pg_trgm GIN index on exactly that
expression turns it into a bitmap index scan. Other databases (SQLite in the demo) are
left alone."""

from django.db import migrations

INDEX = "ent_name_upper_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON registry_enterprise "
        "USING gin (UPPER(name::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
