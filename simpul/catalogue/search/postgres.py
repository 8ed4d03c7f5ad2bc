"""PostgreSQL full-text search with trigram corrections (see backends.py).

`catalogue_product.search_vector` is a STORED generated column, so every save through
Django keeps it current with no extra statement; only the vocabulary of corrections
needs writing (new words of public products, added as they appear)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet

from ..models import Product
from .expressions import TableSql
from .text import split_document

# ts_rank_cd's weights for D, C, B, A: a word of the name counts ten times a word of the
# description or of the enterprise and region names.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# 1 = divide by 1 + log(document length): long descriptions repeating a word do not
# outrank a short product named after it.
NORMALIZATION = 1
MIN_SIMILARITY = 0.3  # pg_trgm's own default threshold for the % operator


def tsquery(words: Sequence[str], any_word: bool) -> str:
    # Words are [a-z]+ (text.TOKEN_RE), so joining them cannot inject tsquery syntax.
    return (" | " if any_word else " & ").join(words)


class PostgresBackend:
    def index(self, products: list[Product]) -> None:
        words = {
            word
            for product in products
            if product.is_public
            for part in split_document(product.search_document)
            for word in part.split()
        }
        if not words:
            return
        with connection.cursor() as cursor:
            # Words already known are skipped before inserting, so that concurrent saves
            # rarely wait on each other's uncommitted vocabulary rows.
            cursor.execute(
                "INSERT INTO catalogue_search_word (word, ndoc)"
                " SELECT w, 1 FROM unnest(%s::text[]) w"
                " WHERE NOT EXISTS (SELECT 1 FROM catalogue_search_word v WHERE v.word = w)"
                " ON CONFLICT (word) DO NOTHING",
                [sorted(words)],
            )

    def remove(self, product_ids: list[int]) -> None:
        return None  # the row is gone, and so is its generated vector

    def rebuild(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalogue_search_word")
            cursor.execute(
                "INSERT INTO catalogue_search_word (word, ndoc) SELECT word, ndoc FROM ts_stat("
                "'SELECT search_vector FROM catalogue_product WHERE is_public')"
            )
            cursor.execute("SELECT count(*) FROM catalogue_product WHERE is_public")
            return cursor.fetchone()[0]

    def match(self, queryset: QuerySet[Product], words: Sequence[str], any_word: bool) -> QuerySet:
        condition = TableSql(
            "{table}.search_vector @@ to_tsquery('simple', %s)",
            [tsquery(words, any_word)],
            BooleanField(),
        )
        return queryset.filter(condition)

    def ranked(self, queryset: QuerySet[Product], words: Sequence[str], any_word: bool) -> QuerySet:
        rank = TableSql(
            "ts_rank_cd(%s::float4[], {table}.search_vector, to_tsquery('simple', %s), %s)",
            [WEIGHTS, tsquery(words, any_word), NORMALIZATION],
            FloatField(),
        )
        return queryset.annotate(search_rank=rank)

    def candidates(self, word: str) -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, ndoc FROM catalogue_search_word WHERE word %% %s"
                " ORDER BY word <-> %s, ndoc DESC LIMIT 20",
                [word, word],
            )
            found = cursor.fetchall()
        return sorted(found, key=lambda row: row[0] != word)
