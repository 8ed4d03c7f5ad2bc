"""Incremental maintenance of FigureRollup by recomputing a leaf cell.

A leaf cell is district × KBLI golongan pokok. Its sums are recomputed from the yearly
figures (an aggregate over a few hundred enterprises, through the EnterpriseKey ledger),
compared with the stored leaf rows, and the difference is added to the leaf and to its
regency, province and national rows. Recomputing rather than adding a delta means no
old value has to be captured before a save: a cascade that deletes several figures, a
repeated call, or a bulk write repaired afterwards all end in the same rows. The cell's
lock row makes concurrent recomputations of one cell wait for each other."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan

from simpul.insights.models import FIGURE_MEASURES, FigureCellLock, FigureRollup
from simpul.registry.choices import EnterpriseStatus
from simpul.reporting.models import YearlyFigure

from .upsert import add_rows

FIGURE_KEY = ("region_code", "gp", "year")
KEY_PATH = "enterprise__insights_key__"


def _sum(expression) -> Coalesce:
    return Coalesce(Sum(expression), Value(0), output_field=BigIntegerField())


def measure_aggregates() -> dict:
    """The FigureRollup measures as aggregates over YearlyFigure, in FIGURE_MEASURES order."""
    previous = YearlyFigure.objects.filter(
        enterprise_id=OuterRef("enterprise_id"), year=OuterRef("year") - 1
    )
    # Whole Rupiah per report, rounded half up: (sales × percent + 50) div 100.
    online = ExpressionWrapper(
        (F("sales_value") * F("online_sales_percent") + 50) / 100, output_field=BigIntegerField()
    )
    return {
        "m_reporting": Count("id"),
        "m_reporting_prev": _sum(Case(When(Exists(previous), then=Value(1)), default=Value(0))),
        "m_workforce_men": _sum("workforce_men"),
        "m_workforce_women": _sum("workforce_women"),
        "m_investment_value": _sum("investment_value"),
        "m_production_value": _sum("production_value"),
        "m_sales_value": _sum("sales_value"),
        "m_online_sales_value": _sum(online),
        "m_online_base_sales": _sum(
            Case(
                When(online_sales_percent__isnull=False, then=Coalesce("sales_value", 0)),
                default=Value(0),
            )
        ),
        "m_export_value": _sum("export_value"),
        "m_sales_fell": _sum(Case(When(_fell_twice(), then=Value(1)), default=Value(0))),
    }


def _sales_of(years_back: int) -> Subquery:
    earlier = YearlyFigure.objects.filter(
        enterprise_id=OuterRef("enterprise_id"), year=OuterRef("year") - years_back
    )
    return Subquery(earlier.values("sales_value")[:1])


def _fell_twice() -> Q:
    """sales(Y) < sales(Y−1) < sales(Y−2), all three reported (a missing year compares
    as NULL, which is never less)."""
    return Q(LessThan(F("sales_value"), _sales_of(1))) & Q(LessThan(_sales_of(1), _sales_of(2)))


def counted_figures() -> QuerySet[YearlyFigure]:
    """Figures that count: those of enterprises verified now, with a district."""
    return YearlyFigure.objects.filter(**{f"{KEY_PATH}status": EnterpriseStatus.VERIFIED}).exclude(
        **{f"{KEY_PATH}district_code": ""}
    )


def levels_of(district: str) -> list[tuple[str, str | None]]:
    return [("", None), (district[:2], ""), (district[:5], district[:2]), (district, district[:5])]


def _fresh(district: str, gp: str, years: set[int] | None) -> dict[int, tuple]:
    rows = counted_figures().filter(**{f"{KEY_PATH}district_code": district, f"{KEY_PATH}gp": gp})
    if years is not None:
        rows = rows.filter(year__in=years)
    rows = rows.order_by().values("year").annotate(**measure_aggregates())
    names = [f"m_{m}" for m in FIGURE_MEASURES]
    return {row["year"]: tuple(row[n] for n in names) for row in rows}


def _stored(district: str, gp: str, years: set[int] | None) -> dict[int, tuple]:
    rows = FigureRollup.objects.filter(region_code=district, gp=gp)
    if years is not None:
        rows = rows.filter(year__in=years)
    return {row[0]: tuple(row[1:]) for row in rows.values_list("year", *FIGURE_MEASURES)}


def _lock(cells: list[tuple[str, str]]) -> None:
    FigureCellLock.objects.bulk_create(
        [FigureCellLock(district_code=d, gp=g) for d, g in cells], ignore_conflicts=True
    )
    for district, gp in cells:  # sorted by the caller: one lock order, no deadlock
        list(FigureCellLock.objects.select_for_update().filter(district_code=district, gp=gp))


def recompute_cells(cells: Iterable[tuple[str, str]], years: set[int] | None = None) -> None:
    """Bring the leaf cells (district, golongan pokok) and their ancestors up to date,
    for `years` only when given (a figure's save touches its year and the two after it,
    whose `reporting_prev` and `sales_fell` depend on it)."""
    cells = sorted(set(cells))
    if not cells:
        return
    _lock(cells)
    rows = []
    for district, gp in cells:
        fresh, stored = _fresh(district, gp, years), _stored(district, gp, years)
        zero = (0,) * len(FIGURE_MEASURES)
        for year in fresh.keys() | stored.keys():
            new, old = fresh.get(year, zero), stored.get(year, zero)
            delta = tuple(a - b for a, b in zip(new, old, strict=True))
            if any(delta):
                rows += [(code, gp, year, parent, *delta) for code, parent in levels_of(district)]
    add_rows(FigureRollup, FIGURE_KEY, ("parent_code",), FIGURE_MEASURES, _merge(rows))


def _merge(rows: list[tuple]) -> list[tuple]:
    """One row per key: ON CONFLICT cannot touch the same row twice in one statement."""
    merged: dict[tuple, list] = {}
    for code, gp, year, parent, *delta in rows:
        slot = merged.setdefault((code, gp, year, parent), [0] * len(delta))
        for i, value in enumerate(delta):
            slot[i] += value
    return [(*key, *values) for key, values in merged.items()]
