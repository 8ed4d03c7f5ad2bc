"""Programme reach and target progress of a region, read-only over the programmes app.

Target progress reuses the programmes app's definitions (simpul/programmes/selectors/
targets.py) but takes the counts from the rollups; 'IKM difasilitasi' stays a direct,
index-friendly query over applications (the same one the programmes app runs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from simpul.accounts.models import Office
from simpul.core.scope import RegionScope, filter_by_region
from simpul.insights.definitions import DEFINITIONS
from simpul.programmes.choices import RECEIVED_STATUSES, ApplicationStatus, TargetIndicator
from simpul.programmes.models import Target
from simpul.programmes.selectors.targets import (
    TargetProgress,
    facilitated_count,
    year_elapsed_percent,
)
from simpul.registry.models import Enterprise

from .base import ONE_DECIMAL, Drill, Indicator, region_in_scope
from .counts import Cube, growth


@dataclass(frozen=True)
class Reach:
    region: str
    year: int
    reached: Indicator  # participating or completed
    completed: Indicator


def _in_region(region: str):
    rows = Enterprise.objects.all()
    return filter_by_region(rows, region) if region else rows


def _reached(region: str, year: int, statuses) -> int:
    held = Q(applications__programme__period_start__year=year) | Q(
        applications__programme__period_start__isnull=True,
        applications__programme__apply_closes__year=year,
    )
    # One filter(): status and programme year must hold for the same application.
    rows = _in_region(region).filter(held & Q(applications__status__in=statuses))
    return rows.values("pk").distinct().count()


def programme_reach(*, scope: RegionScope, region: str, year: int) -> Reach:
    region = region_in_scope(scope, region)
    definition = DEFINITIONS["reach"]
    reached = _reached(region, year, RECEIVED_STATUSES)
    completed = _reached(region, year, [ApplicationStatus.COMPLETED])
    return Reach(
        region,
        year,
        Indicator("reach", reached, "IKM", definition, Drill(region, "reached", year)),
        Indicator("completed", completed, "IKM", definition, Drill(region, "completed", year)),
    )


def _actual(target: Target, cube: Cube, today: dt.date) -> Decimal | None:
    year = target.year
    if target.indicator == TargetIndicator.FACILITATED:
        return Decimal(facilitated_count(target.office, year, target.programme_kind))
    if target.indicator == TargetIndicator.NEW_REGISTERED:
        return Decimal(cube.total("new_registered", year))
    if target.indicator == TargetIndicator.VERIFIED:
        return Decimal(cube.total("new_verified", year))
    return growth(cube, year)[1].value


def target_progress(
    *, scope: RegionScope, region: str, year: int, today: dt.date | None = None
) -> list[TargetProgress]:
    """The targets, for the year, of the office whose jurisdiction is the region, with
    their actual figures from the rollups."""
    region = region_in_scope(scope, region)
    targets = Target.objects.filter(office__region_id=region or None, year=year)
    return _progress(targets, Cube(region), year, today)


def office_target_progress(
    *, scope: RegionScope, office: Office, year: int, today: dt.date | None = None
) -> list[TargetProgress]:
    """One office's targets for the year (its home page), from the rollups of its
    jurisdiction; an office outside the scope is refused like a foreign region."""
    region = region_in_scope(scope, office.jurisdiction_code)
    targets = Target.objects.filter(office=office, year=year)
    return _progress(targets, Cube(region), year, today)


def _progress(targets, cube: Cube, year: int, today: dt.date | None) -> list[TargetProgress]:
    today = today or timezone.localdate()
    expected = year_elapsed_percent(year, today)
    result = []
    for target in targets.select_related("office"):
        actual = _actual(target, cube, today)
        share = None
        if actual is not None and target.value:
            share = (actual * 100 / target.value).quantize(ONE_DECIMAL, ROUND_HALF_UP)
        result.append(TargetProgress(target, actual, share, expected))
    return result
