"""Reads of yearly figures. Every function takes the caller's scope (or a user whose scope
it builds), so nothing here can return figures of another region or another owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from simpul.core.scope import RegionScope, filter_by_region, scoped_get_or_404
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from .chart import HistoryChart, history_chart
from .choices import FigureStatus
from .models import YearlyFigure

QUEUE_ORDERING = ["-flag_count", "submitted_at", "id"]
HISTORY_YEARS = 10  # the chart and the owner's list show the last ten reported years


def last_completed_year() -> int:
    return timezone.localdate().year - 1


def figures_scoped(*, scope: RegionScope) -> QuerySet[YearlyFigure]:
    return scope.apply(YearlyFigure.objects.all())


def enterprise_figures(*, scope: RegionScope, enterprise: Enterprise) -> QuerySet[YearlyFigure]:
    """The enterprise's history, oldest year first."""
    return figures_scoped(scope=scope).filter(enterprise=enterprise).order_by("year")


def enterprise_history_chart(*, scope: RegionScope, enterprise: Enterprise) -> HistoryChart:
    rows = list(
        enterprise_figures(scope=scope, enterprise=enterprise)
        .order_by("-year")
        .only("year", "sales_value", "workforce_men", "workforce_women", "status")[:HISTORY_YEARS]
    )
    rows.reverse()
    return history_chart(rows)


def figure_get(*, scope: RegionScope, pk: int) -> YearlyFigure:
    qs = YearlyFigure.objects.select_related(
        "enterprise__owner", "enterprise__village", "submitted_by", "reviewed_by"
    )
    return scoped_get_or_404(scope, qs, pk=pk)


def figure_of_year(*, scope: RegionScope, enterprise: Enterprise, year: int) -> YearlyFigure | None:
    return enterprise_figures(scope=scope, enterprise=enterprise).filter(year=year).first()


def review_queue(
    *, scope: RegionScope, year: int | None = None, status: str | None = FigureStatus.SUBMITTED
) -> QuerySet[YearlyFigure]:
    """Figures waiting for the officer: flagged ones first (most questions first), then
    the oldest submission. Order with QUEUE_ORDERING (keyset pagination)."""
    qs = figures_scoped(scope=scope).select_related("enterprise__village")
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    return qs


def due_enterprises(
    *, scope: RegionScope, year: int | None = None, region: str = ""
) -> QuerySet[Enterprise]:
    """Verified enterprises in scope (and in `region`, a filter inside it) with no figure
    for `year` (the last completed year), leaving out those that started after it."""
    year = year or last_completed_year()
    rows = scope.apply(Enterprise.objects.filter(status=EnterpriseStatus.VERIFIED))
    if region:
        rows = filter_by_region(rows, region)
    return (
        rows.exclude(yearly_figures__year=year)
        .exclude(year_started__gt=year)
        .select_related("owner__user")
    )


DUE_COUNT_LIMIT = 1000  # pages say "1.000+" past it instead of counting a whole province


def due_count(*, scope: RegionScope, year: int) -> int:
    """How many are due, counted to DUE_COUNT_LIMIT + 1 at most."""
    rows = due_enterprises(scope=scope, year=year).order_by()
    return rows[: DUE_COUNT_LIMIT + 1].count()


@dataclass(frozen=True)
class OwnerEnterpriseYears:
    enterprise: Enterprise
    figures: list[YearlyFigure]
    due_year: int | None  # the last completed year, when it is not reported yet


def owner_reports(*, user) -> list[OwnerEnterpriseYears]:
    """The owner's enterprises (drafts and rejected ones have nothing to report) with
    their reported years, newest first."""
    scope = RegionScope.for_user(user)
    enterprises = list(
        scope.apply(Enterprise.objects.all())
        .exclude(status__in=[EnterpriseStatus.DRAFT, EnterpriseStatus.REJECTED])
        .order_by("name", "id")[:50]
    )
    figures: dict[int, list[YearlyFigure]] = {}
    for figure in figures_scoped(scope=scope).filter(enterprise__in=enterprises).order_by("-year"):
        figures.setdefault(figure.enterprise_id, []).append(figure)
    due = last_completed_year()
    result = []
    for enterprise in enterprises:
        own = figures.get(enterprise.pk, [])
        reported = {f.year for f in own}
        started = enterprise.year_started or 0
        due_year = due if due not in reported and started <= due else None
        result.append(OwnerEnterpriseYears(enterprise, own, due_year))
    return result
