"""How the verified enterprises of a region spread over its child regions.

For child counts x₁…x_k (every child region, those without IKM included) and total T:
- share_i = x_i ÷ T × 100;
- top-3 concentration = (three largest x) ÷ T × 100;
- coefficient of variation CV = σ ÷ μ, with μ = T ÷ k and σ = √(Σ (x_i − μ)² ÷ k)
  (population standard deviation; 0 = perfectly even);
- Herfindahl–Hirschman index HHI = Σ share_i² (shares in percent), 10 000 ÷ k (even) to
  10 000 (all in one child).
A district's children are villages, which have no rollup rows: they are counted directly
from the registry (a district holds a few hundred enterprises)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from simpul.core.scope import RegionScope
from simpul.insights.definitions import DEFINITIONS
from simpul.insights.models import EnterpriseRollup
from simpul.regions.models import Region
from simpul.registry.models import Enterprise

from .base import MEASURES, Drill, Part, percent, region_in_scope


@dataclass(frozen=True)
class Distribution:
    region: str
    year: int
    total: int
    children: list[Part]  # largest first
    top3_percent: Decimal | None
    cv: Decimal | None
    hhi: Decimal | None
    definition: str


def _children(region: str) -> dict[str, str]:
    rows = Region.objects.filter(parent_id=region) if region else Region.objects.filter(level=1)
    return dict(rows.values_list("code", "name"))


def _counts(region: str, year: int) -> dict[str, int]:
    if len(region) == 8:  # villages: straight from the registry
        rows = Enterprise.objects.filter(MEASURES["verified"][1](year), district_code=region)
        return dict(rows.values_list("village_id").annotate(n=Count("pk")).order_by())
    test = MEASURES["verified"][0]
    counts: dict[str, int] = defaultdict(int)
    rows = EnterpriseRollup.objects.filter(parent_code=region, facet="all")
    for code, status, ry, vy, n in rows.values_list(
        "region_code", "status", "registered_year", "verified_year", "count"
    ):
        if test(status, ry, vy, year):
            counts[code] += n
    return counts


def dispersion(values: list[int]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(top-3 concentration %, coefficient of variation, HHI) of child counts."""
    total = sum(values)
    if not values or not total:
        return None, None, None
    top3 = percent(sum(sorted(values, reverse=True)[:3]), total)
    mean = Decimal(total) / len(values)
    variance = sum((Decimal(x) - mean) ** 2 for x in values) / len(values)
    cv = (variance.sqrt() / mean).quantize(Decimal("0.001"), ROUND_HALF_UP)
    hhi = sum((Decimal(x) * 100 / total) ** 2 for x in values)
    return top3, cv, hhi.quantize(Decimal("0.1"), ROUND_HALF_UP)


def distribution(*, scope: RegionScope, region: str, year: int) -> Distribution:
    region = region_in_scope(scope, region)
    names, counts = _children(region), _counts(region, year)
    total = sum(counts.get(code, 0) for code in names)
    children = [
        Part(
            code,
            name,
            counts.get(code, 0),
            percent(counts.get(code, 0), total),
            Drill(code, "verified", year),
        )
        for code, name in names.items()
    ]
    children.sort(key=lambda p: (-p.count, p.value))
    top3, cv, hhi = dispersion([p.count for p in children])
    return Distribution(
        region, year, total, children, top3, cv, hhi, str(DEFINITIONS["distribution"])
    )
