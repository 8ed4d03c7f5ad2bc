"""Enterprises whose sales fell two periods in a row: sales(Y) < sales(Y−1) < sales(Y−2),
all three reported. The count comes from the rollups (FigureRollup.sales_fell), so a
dashboard stays fast at national scale; the list is a direct query limited to the
region, for the drill-down and the reports of smaller regions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery, Sum

from simpul.core.scope import RegionScope
from simpul.insights.models import FigureRollup
from simpul.registry.models import Enterprise
from simpul.reporting.models import YearlyFigure

from .base import VERIFIED, region_in_scope
from .programmes import _in_region


@dataclass(frozen=True)
class SalesFall:
    enterprise_id: int
    public_key: str
    name: str
    village_id: str | None
    sales: tuple[int, int, int]  # Y−2, Y−1, Y


def _sales(year: int) -> Subquery:
    rows = YearlyFigure.objects.filter(enterprise_id=OuterRef("pk"), year=year)
    return Subquery(rows.values("sales_value")[:1])


def sales_fall_queryset(region: str, year: int) -> QuerySet[Enterprise]:
    # Starting from the year's reports keeps the scan to reporting enterprises.
    reporting = YearlyFigure.objects.filter(year=year, sales_value__isnull=False)
    rows = _in_region(region).filter(status=VERIFIED, pk__in=reporting.values("enterprise_id"))
    rows = rows.annotate(s0=_sales(year), s1=_sales(year - 1), s2=_sales(year - 2))
    return rows.filter(s0__lt=F("s1"), s1__lt=F("s2"))


def sales_fell_twice(
    *, scope: RegionScope, region: str, year: int, limit: int = 500
) -> list[SalesFall]:
    region = region_in_scope(scope, region)
    rows = sales_fall_queryset(region, year).order_by("name", "pk")[:limit]
    return [SalesFall(e.pk, e.public_key, e.name, e.village_id, (e.s2, e.s1, e.s0)) for e in rows]


def sales_fall_count(*, scope: RegionScope, region: str, year: int) -> int:
    region = region_in_scope(scope, region)
    rows = FigureRollup.objects.filter(region_code=region, year=year)
    return rows.aggregate(n=Sum("sales_fell"))["n"] or 0
