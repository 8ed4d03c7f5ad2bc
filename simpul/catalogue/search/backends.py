"""Placeholder dispatch, replaced by the search backends (PostgreSQL FTS + trigram,
SQLite FTS5)."""

from __future__ import annotations


class _NoIndex:
    def index(self, products: list) -> None:
        return None

    def remove(self, product_ids: list[int]) -> None:
        return None


def backend() -> _NoIndex:
    return _NoIndex()
