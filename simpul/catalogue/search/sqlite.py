"""SQLite FTS5 search (see backends.py).

`catalogue_product_fts` holds one row per public product (rowid = product id): the
name's words and the other words of its search document. Services call index()/remove()
after every write, inside the same transaction, so a rollback takes the index back too.
`catalogue_product_fts_vocab` (fts5vocab) lists the indexed words for corrections."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet

from ..models import Product
from .expressions import TableSql
from .text import split_document

# bm25() column weights in ranked(): name 10.0, body 1.0 (a name word counts ten times).
_CHUNK = 500


def fts_query(words: Sequence[str], any_word: bool) -> str:
    # Words are [a-z]+ (text.TOKEN_RE); quoting keeps FTS5 keywords (AND, NEAR) literal.
    return (" OR " if any_word else " AND ").join(f'"{w}"' for w in words)


class SqliteBackend:
    def index(self, products: list[Product]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(products), _CHUNK):
                chunk = products[start : start + _CHUNK]
                cursor.executemany(
                    "DELETE FROM catalogue_product_fts WHERE rowid = %s", [[p.pk] for p in chunk]
                )
                rows = [[p.pk, *split_document(p.search_document)] for p in chunk if p.is_public]
                cursor.executemany(
                    "INSERT INTO catalogue_product_fts (rowid, name, body) VALUES (%s, %s, %s)",
                    rows,
                )

    def remove(self, product_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM catalogue_product_fts WHERE rowid = %s", [[i] for i in product_ids]
            )

    def rebuild(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalogue_product_fts")
        indexed = 0
        public = Product.objects.filter(is_public=True).only("id", "is_public", "search_document")
        batch: list[Product] = []
        for product in public.iterator(chunk_size=2000):
            batch.append(product)
            if len(batch) == 2000:
                self.index(batch)
                indexed, batch = indexed + len(batch), []
        self.index(batch)
        return indexed + len(batch)

    def match(
        self,
        queryset: QuerySet[Product],
        words: Sequence[str],
        any_word: bool,
        query: object = None,  # filters: applied on the columns, enough at SQLite's scale
    ) -> QuerySet:
        # An uncorrelated IN: SQLite runs the FTS query once and probes its result.
        condition = TableSql(
            "{table}.id IN (SELECT rowid FROM catalogue_product_fts"
            " WHERE catalogue_product_fts MATCH %s)",
            [fts_query(words, any_word)],
            BooleanField(),
        )
        return queryset.filter(condition)

    def ranked(self, queryset: QuerySet[Product], words: Sequence[str], any_word: bool) -> QuerySet:
        # bm25() is lower for better matches; negated so that higher ranks first.
        rank = TableSql(
            "(SELECT -bm25(catalogue_product_fts, 10.0, 1.0) FROM catalogue_product_fts"
            " WHERE catalogue_product_fts MATCH %s AND rowid = {table}.id)",
            [fts_query(words, any_word)],
            FloatField(),
        )
        return queryset.annotate(search_rank=rank)

    def candidates(self, word: str) -> list[tuple[str, int]]:
        # Same first letter, similar length: typos rarely hit the first letter, and this
        # keeps the list short enough to compare in Python.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, doc FROM catalogue_product_fts_vocab WHERE term >= %s AND term < %s"
                " AND length(term) BETWEEN %s AND %s",
                [word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2],
            )
            found = cursor.fetchall()
        return sorted(found, key=lambda row: row[0] != word)
