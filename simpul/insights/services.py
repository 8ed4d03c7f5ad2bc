"""Writes of the insights app: only the rollups, which are derived data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction

from . import rollups

# Above this many ids a rebuild is cheaper than refreshing one enterprise at a time.
REFRESH_CHUNK = 2000


def rollups_refresh_for(*, enterprise_ids: Iterable[int]) -> None:
    """Bring the rollups up to date for these enterprises and all their yearly figures,
    whatever happened to them (created, changed, deleted; owner gender changed). For
    paths that write without model signals: bulk_create / COPY imports, QuerySet.update
    on Enterprise, Owner or YearlyFigure. Call it inside the same transaction."""
    ids = sorted(set(enterprise_ids))
    with transaction.atomic(savepoint=False):
        for start in range(0, len(ids), REFRESH_CHUNK):
            chunk = ids[start : start + REFRESH_CHUNK]
            rollups.refresh_enterprises(chunk)
            rollups.refresh_figure_cells_of(chunk)


def rollups_rebuild() -> None:
    """Recompute every rollup table from scratch (set-based, one transaction)."""
    rollups.rebuild_all()


@contextmanager
def rollups_deferred() -> Iterator[None]:
    """For a writer of many rows at once (the demo seed): skip the per-save refreshes
    inside the block and rebuild once at its end, which is far cheaper."""
    token = rollups.DEFERRED.set(True)
    try:
        yield
    finally:
        rollups.DEFERRED.reset(token)
    rollups_rebuild()
