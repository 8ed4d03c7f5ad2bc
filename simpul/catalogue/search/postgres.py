"""PostgreSQL full-text search with trigram corrections (see backends.py).

`catalogue_product.search_vector` is a STORED generated column, so every save through
Django keeps it current with no extra statement; only the vocabulary of corrections
needs writing (new words of public products, added as they appear)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet

from ..choices import CertificationKind
from ..models import Product
from .expressions import TableSql
from .text import split_document

if TYPE_CHECKING:
    from .query import CatalogueQuery

# ts_rank_cd's weights for D, C, B, A: a word of the name counts ten times a word of the
# description or of the enterprise and region names.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# 1 = divide by 1 + log(document length): long descriptions repeating a word do not
# outrank a short product named after it.
NORMALIZATION = 1
MIN_SIMILARITY = 0.3  # pg_trgm's own default threshold for the % operator


def tsquery(words: Sequence[str], any_word: bool, facets: Sequence[str] = ()) -> str:
    # Words are [a-z]+ (text.TOKEN_RE) and facet tokens [a-z0-9]+ built by facet_tokens,
    # so joining them cannot inject tsquery syntax.
    query = (" | " if any_word else " & ").join(words)
    if facets:
        query = " & ".join([f"({query})", *facets])
    return query


def facet_tokens(query: CatalogueQuery) -> list[str]:
    """The tokens that migration 0004 puts in the search vector for the query's filters.
    The filters are applied on the columns too; the tokens only let the GIN index find
    rows that pass them, instead of reading every row holding the words."""
    from .query import PRICE_BANDS

    tokens = []
    if len(query.region) == 2:
        tokens.append("zzprov" + query.region)
    elif len(query.region) == 5:
        tokens.append("zzreg" + query.region.replace(".", ""))
    if query.kbli_division.isdigit():
        tokens.append("zzkbli" + query.kbli_division)
    if query.certification in CertificationKind.values:
        tokens.append("zzcert" + query.certification.replace("_", ""))  # as 0004 writes it
    if query.sentra_id:
        tokens.append(f"zzsentra{int(query.sentra_id)}")
    bands = [band[0] for band in PRICE_BANDS]
    if query.price_band in bands:
        tokens.append(f"zzharga{bands.index(query.price_band) + 1}")
    return [t for t in tokens if t.isalnum()]


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
                " WHERE word NOT LIKE 'zz%%'"  # facet tokens are not words to correct to
            )
            cursor.execute("SELECT count(*) FROM catalogue_product WHERE is_public")
            return cursor.fetchone()[0]

    def match(
        self,
        queryset: QuerySet[Product],
        words: Sequence[str],
        any_word: bool,
        query: CatalogueQuery | None = None,
    ) -> QuerySet:
        facets = facet_tokens(query) if query is not None else []
        condition = TableSql(
            "{table}.search_vector @@ to_tsquery('simple', %s)",
            [tsquery(words, any_word, facets)],
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
