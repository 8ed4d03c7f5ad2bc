"""The enterprises behind any number: every indicator carries a Drill, and drill_list
turns it into a queryset, inside the user's scope and the region, with the same
definition the rollup counted."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from simpul.core.scope import RegionScope, filter_by_region
from simpul.programmes.choices import RECEIVED_STATUSES, ApplicationStatus
from simpul.registry.models import Enterprise
from simpul.reporting.models import YearlyFigure

from .base import MEASURES, VERIFIED, Drill
from .sales_fall import sales_fall_queryset


def _facet(facet: str, value: str) -> Q:
    if facet in ("gp_size_perm", "gp_size_pp7"):  # the open-data crosses: "10|kecil"
        gp, _, size = value.partition("|")
        return _facet("gp", gp) & _facet(facet.replace("gp_", ""), size)
    if facet == "gp":
        return Q(kbli__isnull=True) if not value else Q(kbli__code__startswith=value)
    if facet == "size_perm":
        return Q(size_class_permenperin=value)
    if facet == "size_pp7":
        return Q(size_class_pp7=value)
    if facet == "owner_gender":
        return Q(owner__gender=value) if value else Q(owner__isnull=True) | Q(owner__gender="")
    if facet == "area":
        return Q(village__code__regex=rf"^.{{9}}{value}") if value else Q(village__isnull=True)
    return Q()


def _reached(year: int, statuses) -> Q:
    held = Q(applications__programme__period_start__year=year) | Q(
        applications__programme__period_start__isnull=True,
        applications__programme__apply_closes__year=year,
    )
    return held & Q(applications__status__in=statuses)


def _measure(rows: QuerySet[Enterprise], drill: Drill) -> QuerySet[Enterprise]:
    y = drill.year
    if drill.measure in MEASURES:
        return rows.filter(MEASURES[drill.measure][1](y))
    if drill.measure in ("active", "reporting"):
        years = [y - 1, y] if drill.measure == "active" else [y]
        reporting = YearlyFigure.objects.filter(year__in=years).values("enterprise_id")
        return rows.filter(status=VERIFIED, pk__in=reporting).exclude(district_code="")
    if drill.measure in ("reached", "completed"):
        statuses = (
            RECEIVED_STATUSES if drill.measure == "reached" else [ApplicationStatus.COMPLETED]
        )
        return rows.filter(pk__in=Enterprise.objects.filter(_reached(y, statuses)).values("pk"))
    if drill.measure == "sales_fall":
        return rows.filter(pk__in=sales_fall_queryset(drill.region, y).values("pk"))
    raise Http404


def drill_list(*, scope: RegionScope, drill: Drill) -> QuerySet[Enterprise]:
    """The enterprises counted in the number `drill` came with; none outside the scope."""
    rows = scope.apply(Enterprise.objects.all())
    if drill.region:
        rows = filter_by_region(rows, drill.region)
    elif not scope.is_staff_scope:
        return rows.none()
    rows = _measure(rows, drill).filter(_facet(drill.facet, drill.value))
    return rows.order_by("name", "pk")
