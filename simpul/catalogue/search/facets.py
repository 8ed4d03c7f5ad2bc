"""The total and every facet's counts in one bounded query over the matched products.

The window of matches (at most MAX_COUNT + 1, see query.py) is read once as a CTE, and
each facet is a GROUP BY over it: one round trip instead of six. When more than
MAX_COUNT products match, the total is reported as "more than MAX_COUNT" and the facet
counts are those of the window (docs/search.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from ..choices import CertificationKind
from ..models import Product

if TYPE_CHECKING:
    from .query import CatalogueQuery, FacetValue

FACET_LIMIT = 40  # values shown per facet, the most frequent first


def _price_case(bands) -> str:
    # Band bounds are integers from PRICE_BANDS (code, not input).
    whens = []
    for label, low, high in bands:
        upper = f" AND price_min < {int(high)}" if high is not None else ""
        whens.append(f"WHEN price_min >= {int(low)}{upper} THEN '{label}'")
    return f"CASE {' '.join(whens)} END"


def count_and_facets(
    queryset: QuerySet[Product], query: CatalogueQuery, cap: int, bands
) -> tuple[int, dict[str, list[FacetValue]]]:
    """(matched rows up to cap + 1, facets) for `queryset` (the matched products)."""
    from .query import FacetValue

    columns = ("province_code", "regency_code", "kbli_division", "sentra_id")
    inner = queryset.order_by("-published_at", "-id").values(*columns, "cert_kinds", "price_min")
    try:
        sql, params = inner[: cap + 1].query.sql_with_params()
    except EmptyResultSet:  # an empty window (nothing matched): nothing to count
        return 0, {}
    region = "regency_code" if query.region else "province_code"
    # Column names and price bounds come from this code, never from the request.
    parts = [
        "SELECT 'total', '', count(*) FROM m",
        f"SELECT 'region', {region}, count(*) FROM m WHERE {region} <> '' GROUP BY 2",  # noqa: S608
        "SELECT 'kbli', kbli_division, count(*) FROM m WHERE kbli_division <> '' GROUP BY 2",
        "SELECT 'sentra', CAST(sentra_id AS TEXT), count(*) FROM m"
        " WHERE sentra_id IS NOT NULL GROUP BY 2",
        f"SELECT 'price', {_price_case(bands)}, count(*) FROM m"  # noqa: S608
        " WHERE price_min IS NOT NULL GROUP BY 2",
    ]
    kinds = list(CertificationKind.values)
    parts += ["SELECT 'certification', %s, count(*) FROM m WHERE cert_kinds LIKE %s"] * len(kinds)
    params = [*params, *[v for k in kinds for v in (k, f"%,{k},%")]]
    statement = f"WITH m AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    facets: dict[str, list[FacetValue]] = {
        "region": [], "kbli": [], "sentra": [], "certification": [], "price": []
    }  # fmt: skip
    total = 0
    for facet, value, n in rows:
        if facet == "total":
            total = n
        elif n and value is not None:
            facets[facet].append(FacetValue(str(value), n))
    for facet in ("region", "kbli", "sentra"):
        facets[facet] = sorted(facets[facet], key=lambda f: (-f.count, f.value))[:FACET_LIMIT]
    order = [b[0] for b in bands]
    facets["price"].sort(key=lambda f: order.index(f.value))
    return total, facets
