"""The search backends behind one interface, chosen by the database in use.

- PostgreSQL (`postgres.PostgresBackend`): a STORED generated tsvector column
  (`search_vector`, the name's words weighted A, the rest D) with a partial GIN index over
  public products, ranked by ts_rank_cd; a vocabulary table of indexed words with a
  trigram index proposes corrections for unknown query words.
- SQLite (`sqlite.SqliteBackend`): an FTS5 table holding the public products (rowid =
  product id, columns name and body), ranked by bm25() with the name weighted higher;
  its fts5vocab table proposes corrections.

Both index the normalised words of `Product.search_document` (see text.py), so the same
query finds the same products on either database. The migration 0002_search_index
creates the structures for the database it runs on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from django.db import connection
from django.db.models import QuerySet

from ..models import Product

if TYPE_CHECKING:
    from .query import CatalogueQuery


class SearchBackend(Protocol):
    def index(self, products: list[Product]) -> None:
        """Make these products' current state searchable (or not, when not public)."""

    def remove(self, product_ids: list[int]) -> None:
        """Forget deleted products."""

    def rebuild(self) -> int:
        """Rebuild the index and vocabulary from the products table; returns the number of
        public products indexed."""

    def match(
        self,
        queryset: QuerySet[Product],
        words: Sequence[str],
        any_word: bool,
        query: CatalogueQuery | None = None,
    ) -> QuerySet:
        """The products of `queryset` holding every word (or any word). `queryset` is
        already filtered; `query` lets a backend use the filters to narrow its index
        lookup (PostgreSQL's facet tokens)."""

    def ranked(self, queryset: QuerySet[Product], words: Sequence[str], any_word: bool) -> QuerySet:
        """`queryset` (already matched) annotated with `search_rank`, higher is better."""

    def candidates(self, word: str) -> list[tuple[str, int]]:
        """Indexed words that look like `word`, with the number of products holding them
        (the word itself first when it is indexed)."""


def backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend  # psycopg only where PostgreSQL is used

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from .sqlite import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"no catalogue search for {connection.vendor}")
