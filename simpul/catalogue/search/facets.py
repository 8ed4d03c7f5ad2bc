"""The window of matches, and the total and facet counts taken from it.

A search reads its window once: at most MAX_COUNT + 1 matching rows, each with the few
columns the facets need (and its rank, when ranking by relevance). The total, every
facet and the relevance page are then worked out from those rows in Python. One pass
over the index and the rows instead of three (an existence check, the ranked page and a
facet query each re-ran the index lookup and re-read the same rows). When more than
MAX_COUNT products match, the total is "more than MAX_COUNT" and the facets are those of
the window (docs/search.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from ..choices import CertificationKind
from ..models import Product

if TYPE_CHECKING:
    from .query import CatalogueQuery, FacetValue

FACET_LIMIT = 40  # values shown per facet, the most frequent first
# No timestamps in the window: turning a thousand of them into datetime objects cost more
# than the database's whole lookup. Ties in rank go to the most recently added product.
WINDOW_FIELDS = (
    "id",
    "province_code",
    "regency_code",
    "kbli_division",
    "sentra_id",
    "cert_kinds",
    "price_min",
)


@dataclass
class Window:
    """Up to cap + 1 matching rows, held column by column."""

    columns: dict[str, tuple]

    def __len__(self) -> int:
        return len(self.columns["id"])


def read_window(queryset: QuerySet[Product], cap: int, ranked: bool = False) -> Window:
    """At most cap + 1 rows of `queryset` as the database finds them (no ORDER BY, so
    it stops reading there). `ranked`: the queryset carries a `search_rank` annotation."""
    fields = (*WINDOW_FIELDS, "search_rank") if ranked else WINDOW_FIELDS
    rows = list(queryset.values_list(*fields)[: cap + 1])
    columns = zip(*rows, strict=True) if rows else ((),) * len(fields)
    return Window(dict(zip(fields, columns, strict=True)))


def relevance_ids(window: Window, offset: int, size: int) -> list[int]:
    """The page of a ranked window: best rank first, then the most recently added."""
    pairs = zip(window.columns["search_rank"], window.columns["id"], strict=True)
    ranked = sorted(pairs, reverse=True)
    return [product_id for _, product_id in ranked[offset : offset + size]]


def _bands(prices: tuple, bands) -> Counter:
    counts: Counter = Counter()
    for price in prices:
        if price is None:
            continue
        for label, low, high in bands:
            if price >= low and (high is None or price < high):
                counts[label] += 1
                break
    return counts


def count_and_facets(
    window: Window, query: CatalogueQuery, bands
) -> tuple[int, dict[str, list[FacetValue]]]:
    """(rows in the window, facets) counted from the window's columns."""
    from .query import FacetValue

    columns = window.columns
    region = "regency_code" if query.region else "province_code"
    certificates = Counter(
        kind for kinds in columns["cert_kinds"] for kind in kinds.strip(",").split(",")
    )
    counters = {
        "region": Counter(columns[region]),
        "kbli": Counter(columns["kbli_division"]),
        "sentra": Counter(columns["sentra_id"]),
        "certification": certificates,
    }
    facets: dict[str, list[FacetValue]] = {}
    for name, counter in counters.items():
        values = [FacetValue(str(v), n) for v, n in counter.items() if v not in ("", None)]
        facets[name] = sorted(values, key=lambda f: (-f.count, f.value))[:FACET_LIMIT]
    kinds = CertificationKind.values
    facets["certification"] = [f for f in facets["certification"] if f.value in kinds]
    prices = _bands(columns["price_min"], bands)
    facets["price"] = [FacetValue(b[0], prices[b[0]]) for b in bands if prices[b[0]]]
    return len(window), facets
