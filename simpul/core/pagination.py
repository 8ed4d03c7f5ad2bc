"""Keyset ("cursor") pagination. OFFSET pagination reads and throws away every row before
the page, so page 20,000 of a national list is slow; a cursor seeks straight to the row
after the last one shown, so every page costs the same. Counting is bounded too: we count
at most `COUNT_LIMIT` rows and say "lebih dari" beyond that."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

COUNT_LIMIT = 1_000


@dataclass
class KeysetPage:
    items: list[Any]
    next_cursor: str | None
    prev_cursor: str | None
    count: int
    count_is_exact: bool


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode()


def _decode(cursor: str) -> tuple[str, list[Any]] | None:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        direction, values = data[0], data[1:]
    except (ValueError, TypeError, IndexError):
        return None
    if direction not in ("n", "p") or not values:
        return None
    return direction, values


def _valid_for(values: list[Any], ordering: list[str]) -> bool:
    """A cursor from another sort order, or one typed by hand, is simply ignored."""
    scalar = (str, int, float)
    return len(values) == len(ordering) and all(
        isinstance(v, scalar) and not isinstance(v, bool) for v in values
    )


def _after(ordering: list[str], values: list[Any], *, reverse: bool) -> Q:
    """Rows strictly after `values` in `ordering` (or before, when reversing)."""
    condition = Q()
    for i, key in enumerate(ordering):
        field, desc = key.lstrip("-"), key.startswith("-")
        op = "lt" if desc != reverse else "gt"
        step = Q(**{f"{field}__{op}": values[i]})
        for prev_key, prev_value in zip(ordering[:i], values[:i], strict=True):
            step &= Q(**{prev_key.lstrip("-"): prev_value})
        condition |= step
    return condition


def _flip(ordering: list[str]) -> list[str]:
    return [k[1:] if k.startswith("-") else f"-{k}" for k in ordering]


def paginate_keyset(
    queryset: models.QuerySet, *, ordering: list[str], cursor: str | None, per_page: int = 25
) -> KeysetPage:
    """`ordering` must end with a unique column (the primary key) so that it is total."""
    decoded = _decode(cursor) if cursor else None
    if decoded and not _valid_for(decoded[1], ordering):
        decoded = None
    backwards = decoded is not None and decoded[0] == "p"
    qs = queryset
    if decoded:
        try:
            qs = qs.filter(_after(ordering, decoded[1], reverse=backwards))
        except (ValueError, TypeError, ValidationError):
            qs, decoded, backwards = queryset, None, False
    rows = list(qs.order_by(*(_flip(ordering) if backwards else ordering))[: per_page + 1])
    has_more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()

    def key(row: Any) -> list[Any]:
        return [getattr(row, k.lstrip("-")) for k in ordering]

    next_cursor = prev_cursor = None
    if rows:
        if has_more or backwards:
            next_cursor = _encode(["n", *key(rows[-1])])
        if decoded and (not backwards or has_more):
            prev_cursor = _encode(["p", *key(rows[0])])
    counted = queryset.order_by()[: COUNT_LIMIT + 1].count()
    return KeysetPage(
        rows, next_cursor, prev_cursor, min(counted, COUNT_LIMIT), counted <= COUNT_LIMIT
    )
