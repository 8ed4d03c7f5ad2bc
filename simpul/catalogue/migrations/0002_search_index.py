"""The catalogue search structures, for the database this runs on (see
simpul/catalogue/search/backends.py and docs/search.md).

PostgreSQL: pg_trgm; a STORED generated tsvector column over Product.search_document
(name words before the "|" weighted A, the rest D; generated, so existing rows need no
backfill); a partial GIN index on it for public products; the vocabulary table of
indexed words with a trigram index, filled from the existing public products.

SQLite: an FTS5 table (rowid = product id; name, body) filled from the existing public
products, and an fts5vocab table over it. Other databases: nothing."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE catalogue_product ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', split_part(search_document, '|', 1)), 'A')
        || setweight(to_tsvector('simple', split_part(search_document, '|', 2)), 'D')
    ) STORED""",
    """CREATE INDEX catalogue_product_search_gin ON catalogue_product
        USING gin (search_vector) WHERE is_public""",
    """CREATE TABLE catalogue_search_word (
        word text PRIMARY KEY, ndoc integer NOT NULL DEFAULT 1)""",
    """CREATE INDEX catalogue_search_word_trgm ON catalogue_search_word
        USING gin (word gin_trgm_ops)""",
    """INSERT INTO catalogue_search_word (word, ndoc) SELECT word, ndoc
        FROM ts_stat('SELECT search_vector FROM catalogue_product WHERE is_public')""",
]
PG_BACKWARD = [
    "DROP TABLE IF EXISTS catalogue_search_word",
    "DROP INDEX IF EXISTS catalogue_product_search_gin",
    "ALTER TABLE catalogue_product DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalogue_product_fts USING fts5(name, body)",
    "CREATE VIRTUAL TABLE catalogue_product_fts_vocab USING fts5vocab(catalogue_product_fts, row)",
    # The name is the part of the document before the first "|" (all of it when none).
    """INSERT INTO catalogue_product_fts (rowid, name, body)
        SELECT id,
            trim(CASE WHEN instr(search_document, '|') > 0
                THEN substr(search_document, 1, instr(search_document, '|') - 1)
                ELSE search_document END),
            trim(CASE WHEN instr(search_document, '|') > 0
                THEN substr(search_document, instr(search_document, '|') + 1)
                ELSE '' END)
        FROM catalogue_product WHERE is_public""",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS catalogue_product_fts_vocab",
    "DROP TABLE IF EXISTS catalogue_product_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_products")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
            elidable=False,
        )
    ]
