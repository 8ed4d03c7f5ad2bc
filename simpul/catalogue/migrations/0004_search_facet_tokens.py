"""PostgreSQL: the search vector also holds one token per facet value of the product
(region, KBLI golongan pokok, sentra, certification, price band), so that a search with
filters is one GIN lookup of words and filters together. Without them the database read
every row holding the words to test the filters: 17,800 heap pages for "batik tulis" in
one price band at a million products (search/postgres.py, facet_tokens).

The price bands repeat search.query.PRICE_BANDS; test_search checks that they agree.
SQLite and other databases: nothing."""

from django.db import migrations

FACETS = """to_tsvector('simple',
        'zzprov' || province_code
        || ' zzreg' || replace(regency_code, '.', '')
        || ' zzkbli' || kbli_division
        || ' zzsentra' || coalesce(sentra_id::text, '')
        || ' zzcert' || replace(replace(trim(both ',' from cert_kinds), '_', ''), ',', ' zzcert')
        || ' zzharga' || CASE
            WHEN price_min IS NULL THEN ''
            WHEN price_min < 25000 THEN '1'
            WHEN price_min < 100000 THEN '2'
            WHEN price_min < 500000 THEN '3'
            ELSE '4' END)"""
WORDS = """setweight(to_tsvector('simple', split_part(search_document, '|', 1)), 'A')
        || setweight(to_tsvector('simple', split_part(search_document, '|', 2)), 'D')"""


def _vector(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS catalogue_product_search_gin",
        "ALTER TABLE catalogue_product DROP COLUMN search_vector",
        f"ALTER TABLE catalogue_product ADD COLUMN search_vector tsvector"
        f" GENERATED ALWAYS AS ({expression}) STORED",
        "CREATE INDEX catalogue_product_search_gin ON catalogue_product"
        " USING gin (search_vector) WHERE is_public",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_photo_share_image")]

    operations = [
        migrations.RunPython(
            _run(_vector(f"{WORDS} || setweight({FACETS}, 'D')")),
            _run(_vector(WORDS)),
            elidable=False,
        )
    ]
