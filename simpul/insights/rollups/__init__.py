"""Rollup maintenance: incremental (receivers.py calls these on every save and delete)
and from scratch (rebuild). See the app's README.md for the design."""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar

from django.db import transaction

from simpul.insights.models import EnterpriseKey

from . import enterprise, figures, rebuild
from .keys import key_of_row

__all__ = [
    "DEFERRED",
    "rebuild_all",
    "refresh_enterprises",
    "refresh_figure_cells_of",
    "refresh_figures",
]

# True while a bulk writer (the demo seed) has promised one rebuild at its end: the
# incremental refreshes are skipped meanwhile (see services.rollups_deferred).
DEFERRED: ContextVar[bool] = ContextVar("insights_rollups_deferred", default=False)


def refresh_enterprises(ids: Iterable[int]) -> None:
    if DEFERRED.get():
        return
    # savepoint=False: inside a service's transaction this adds no SAVEPOINT round trip;
    # outside one it opens the transaction select_for_update needs.
    with transaction.atomic(savepoint=False):
        enterprise.refresh(ids)


def refresh_figures(enterprise_id: int, years: set[int] | None = None) -> None:
    """After a yearly figure of the enterprise was saved or deleted. `years`: the years
    whose sums may have changed (None: all of them)."""
    if DEFERRED.get():
        return
    with transaction.atomic(savepoint=False):
        enterprise.refresh([enterprise_id])  # creates the ledger row if a bulk path skipped it
        ledger = EnterpriseKey.objects.filter(pk=enterprise_id).first()
        cell = key_of_row(ledger).figure_cell if ledger else None
        if cell:
            figures.recompute_cells([cell], years)


def refresh_figure_cells_of(ids: Iterable[int]) -> None:
    """Recompute, all years, the figure cells these enterprises are counted in now."""
    if DEFERRED.get():
        return
    with transaction.atomic(savepoint=False):
        ledgers = EnterpriseKey.objects.filter(pk__in=list(ids))
        cells = {key_of_row(row).figure_cell for row in ledgers}
        figures.recompute_cells(cell for cell in cells if cell)


def rebuild_all() -> None:
    rebuild.rebuild()
