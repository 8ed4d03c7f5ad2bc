"""Incremental maintenance of EnterpriseRollup through the EnterpriseKey ledger.

refresh(ids): for each enterprise, lock its ledger row, compute its key now (None once
deleted), and when it differs from the ledger subtract the old key's rows, add the new
one's, and store the new key. Idempotent: refreshing an unchanged enterprise writes
nothing, so receivers may call it on every save and bulk paths may call it afterwards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from simpul.insights.models import EnterpriseKey, EnterpriseRollup
from simpul.registry.models import Enterprise

from .figures import recompute_cells
from .keys import FACETS, KEY_FIELDS, Key, current_keys, key_of_row, key_values
from .upsert import add_rows

ROLLUP_KEY = ("region_code", "facet", "value", "status", "registered_year", "verified_year")


def rollup_rows(key: Key) -> Iterable[tuple]:
    """Every EnterpriseRollup row (key…, parent) an enterprise with `key` counts in."""
    for region, parent in key.levels():
        for facet, value_of in FACETS.items():
            yield (
                (region, facet, value_of(key), key.status, key.registered_year, key.verified_year),
                parent,
            )


def _delta(old: Key | None, new: Key | None) -> Counter:
    delta: Counter = Counter()
    for key, sign in ((old, -1), (new, 1)):
        if key is not None:
            for row in rollup_rows(key):
                delta[row] += sign
    return delta


def _apply(delta: Counter) -> None:
    rows = [(*key, parent, n) for (key, parent), n in delta.items() if n]
    add_rows(EnterpriseRollup, ROLLUP_KEY, ("parent_code",), ("count",), rows)


def _store(changed: list[tuple[int, EnterpriseKey | None, Key | None]]) -> None:
    """Write the ledger rows of the enterprises whose key changed, in bulk (an import
    announces hundreds of new enterprises at once)."""
    gone = [pk for pk, ledger, new in changed if new is None and ledger is not None]
    fresh = [
        EnterpriseKey(enterprise_id=pk, **key_values(new))
        for pk, ledger, new in changed
        if new is not None and ledger is None
    ]
    moved = []
    for _pk, ledger, new in changed:
        if new is not None and ledger is not None:
            for name, value in key_values(new).items():
                setattr(ledger, name, value)
            moved.append(ledger)
    EnterpriseKey.objects.filter(pk__in=gone).delete()
    EnterpriseKey.objects.bulk_create(fresh, batch_size=1000)
    EnterpriseKey.objects.bulk_update(moved, list(KEY_FIELDS), batch_size=1000)


def _locked_ledgers(ids: list[int]) -> dict[int, EnterpriseKey]:
    """The ledger rows of `ids`, locked until the transaction ends. The enterprises' own
    rows are locked first, in id order: a new enterprise has no ledger row to lock, so two
    refreshes of it at once (the worker counting an import chunk, an officer saving one of
    its rows) would both add it; and saves lock the enterprise before the ledger, so taking
    them in the same order everywhere leaves no room for a deadlock."""
    list(Enterprise.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    locked = EnterpriseKey.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {row.pk: row for row in locked}


def refresh(ids: Iterable[int]) -> None:
    """Bring the rollups up to date for these enterprises (any mix of new, changed,
    unchanged and deleted). Must run inside a transaction (the caller's, or atomic)."""
    ids = sorted(set(ids))  # one lock order everywhere: no deadlock between two batches
    if not ids:
        return
    ledgers = _locked_ledgers(ids)
    now = current_keys(ids)
    delta: Counter = Counter()
    cells: set[tuple[str, str]] = set()
    changed = []
    for pk in ids:
        old = key_of_row(ledgers[pk]) if pk in ledgers else None
        new = now.get(pk)
        if old == new:
            continue
        delta.update(_delta(old, new))
        changed.append((pk, ledgers.get(pk), new))
        cells.update(k.figure_cell for k in (old, new) if k and k.figure_cell)
    _store(changed)
    _apply(delta)
    # The enterprise's yearly figures follow its cell (moved, KBLI changed, verified or
    # no longer verified): recompute the cells it left and entered.
    recompute_cells(cells)
