"""Progress of an office's targets, computed from the registry and the programmes of its
jurisdiction. Definitions (also shown on the page and in docs/programmes.md):

- IKM difasilitasi: distinct enterprises located in the jurisdiction that took part in
  (participating or completed) a programme of that kind held in the year — the year of
  the programme's start, or of its application close when no period is set;
- IKM baru terdaftar: enterprises created in the year, not draft and not rejected;
- IKM terverifikasi baru: enterprises verified in the year and still verified;
- Pertumbuhan (%): verified enterprises at the end of the year (today for the current
  year) against the end of the previous year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from simpul.accounts.models import Office
from simpul.core.scope import RegionScope
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from ..choices import RECEIVED_STATUSES, TargetIndicator
from ..models import Target

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: Decimal | None  # None: cannot be computed yet (no base year)
    percent: Decimal | None  # actual as a share of the target
    expected_percent: Decimal  # where a steady pace would stand today

    @property
    def bar_width(self) -> int:
        """The progress bar's filled share, 0–100 (an overshoot fills it, a fall empties it)."""
        return 0 if self.percent is None else int(min(max(self.percent, 0), 100))

    @property
    def on_track(self) -> bool | None:
        if self.percent is None:
            return None
        return self.percent >= self.expected_percent


def _enterprises(office: Office) -> QuerySet[Enterprise]:
    return RegionScope(prefix=office.jurisdiction_code).apply(Enterprise.objects.all())


def _end_of(year: int, today: dt.date) -> dt.datetime:
    day = min(dt.date(year, 12, 31), today)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def facilitated_count(office: Office, year: int, kind: str = "") -> int:
    held = Q(applications__programme__period_start__year=year) | Q(
        applications__programme__period_start__isnull=True,
        applications__programme__apply_closes__year=year,
    )
    # One filter() call: every condition must hold for the same application (a second
    # filter() on the relation would join it again and mix applications).
    same_application = Q(applications__status__in=RECEIVED_STATUSES)
    if kind:
        same_application &= Q(applications__programme__kind=kind)
    rows = _enterprises(office).filter(held & same_application)
    return rows.values("pk").distinct().count()


def verified_stock(office: Office, at: dt.datetime) -> int:
    return (
        _enterprises(office).filter(status=EnterpriseStatus.VERIFIED, verified_at__lte=at).count()
    )


def growth_percent(office: Office, year: int, today: dt.date) -> Decimal | None:
    base = verified_stock(office, _end_of(year - 1, today))
    if base == 0:
        return None
    now = verified_stock(office, _end_of(year, today))
    return (Decimal(now - base) * 100 / base).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def indicator_actual(target: Target, today: dt.date) -> Decimal | None:
    office, year = target.office, target.year
    if target.indicator == TargetIndicator.FACILITATED:
        return Decimal(facilitated_count(office, year, target.programme_kind))
    if target.indicator == TargetIndicator.NEW_REGISTERED:
        rows = _enterprises(office).filter(created_at__year=year)
        rows = rows.exclude(status__in=[EnterpriseStatus.DRAFT, EnterpriseStatus.REJECTED])
        return Decimal(rows.count())
    if target.indicator == TargetIndicator.VERIFIED:
        rows = _enterprises(office).filter(status=EnterpriseStatus.VERIFIED, verified_at__year=year)
        return Decimal(rows.count())
    return growth_percent(office, year, today)


def year_elapsed_percent(year: int, today: dt.date) -> Decimal:
    if today.year < year:
        return Decimal(0)
    if today.year > year:
        return Decimal(100)
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    elapsed = (today - dt.date(year, 1, 1)).days + 1
    return (Decimal(elapsed) * 100 / days).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def target_progress(
    *, office: Office, year: int, today: dt.date | None = None
) -> list[TargetProgress]:
    """Every target of the office for the year with its actual figure today."""
    today = today or timezone.localdate()
    expected = year_elapsed_percent(year, today)
    result = []
    for target in Target.objects.filter(office=office, year=year).select_related("office"):
        actual = indicator_actual(target, today)
        percent = None
        if actual is not None and target.value:
            percent = (actual * 100 / target.value).quantize(ONE_DECIMAL, ROUND_HALF_UP)
        result.append(TargetProgress(target, actual, percent, expected))
    return result
