"""Indicators summed from FigureRollup: workforce, investment, production, sales, online
share, exports, reporting and active enterprises, for one region and year."""

from __future__ import annotations

from dataclasses import dataclass

from simpul.core.scope import RegionScope
from simpul.insights.definitions import DEFINITIONS
from simpul.insights.models import FIGURE_MEASURES, FigureRollup

from .base import Drill, Indicator, percent, region_in_scope


@dataclass(frozen=True)
class FigureIndicators:
    region: str
    year: int
    reporting: int  # verified enterprises with a report for the year
    active: Indicator
    workforce_men: int
    workforce_women: int
    investment_value: int  # Rupiah
    production_value: int
    sales_value: int
    online_sales_value: int
    online_share: Indicator
    export_value: int
    by_gp: dict[str, dict[str, int]]  # golongan pokok → measure → sum
    definition: str

    @property
    def workforce(self) -> int:
        return self.workforce_men + self.workforce_women


def figure_sums(region: str, years: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """year → golongan pokok → measure → sum, from the region's own rollup rows."""
    result: dict[int, dict[str, dict[str, int]]] = {y: {} for y in years}
    rows = FigureRollup.objects.filter(region_code=region, year__in=years)
    for year, gp, *values in rows.values_list("year", "gp", *FIGURE_MEASURES):
        result[year][gp] = dict(zip(FIGURE_MEASURES, values, strict=True))
    return result


def _total(by_gp: dict[str, dict[str, int]], measure: str) -> int:
    return sum(sums[measure] for sums in by_gp.values())


def figure_indicators(*, scope: RegionScope, region: str, year: int) -> FigureIndicators:
    region = region_in_scope(scope, region)
    sums = figure_sums(region, [year, year - 1])
    now, before = sums[year], sums[year - 1]
    t = {m: _total(now, m) for m in FIGURE_MEASURES}
    # With a report for Y or Y−1: |A ∪ B| = |A| + |B| − |A ∩ B|, where |A ∩ B| (reports
    # for both years) is what `reporting_prev` of year Y counts.
    active = t["reporting"] + _total(before, "reporting") - t["reporting_prev"]
    share = percent(t["online_sales_value"], t["online_base_sales"])
    return FigureIndicators(
        region=region,
        year=year,
        reporting=t["reporting"],
        active=Indicator(
            "active", active, "IKM", DEFINITIONS["active"], Drill(region, "active", year)
        ),
        workforce_men=t["workforce_men"],
        workforce_women=t["workforce_women"],
        investment_value=t["investment_value"],
        production_value=t["production_value"],
        sales_value=t["sales_value"],
        online_sales_value=t["online_sales_value"],
        online_share=Indicator("online_share", share, "%", DEFINITIONS["online_share"]),
        export_value=t["export_value"],
        by_gp=now,
        definition=str(DEFINITIONS["figures"]),
    )


__all__ = ["FigureIndicators", "figure_indicators", "figure_sums"]
