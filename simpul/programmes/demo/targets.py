"""Yearly targets of the province office and of Kota Bandar Lampung, for last year and
this year, set in January by each office's own officer. The figures are near what the
demo's registry and programmes reach, so the progress bars show some targets met, some
behind and some ahead, as a real office's would. The province aims for 14 % growth of
verified IKM every year (the figure of its development plan); the city near its pace."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from simpul.accounts.models import Office
from simpul.core.scope import RegionScope
from simpul.registry.demo.lampung import PROVINCE_CODE
from simpul.registry.models import Enterprise

from ..choices import TargetIndicator
from ..models import Programme
from ..selectors.targets import facilitated_count, growth_percent
from ..services.targets import target_set
from .common import CITY, Cast, Days, by

T = TargetIndicator
PROVINCE_GROWTH_TARGET = 14  # % a year


def _enterprises(office: Office) -> QuerySet[Enterprise]:
    return RegionScope(prefix=office.jurisdiction_code).apply(Enterprise.objects.all())


def _registered(office: Office, year: int) -> int:
    rows = _enterprises(office).filter(created_at__year=year)
    return rows.exclude(status__in=["draft", "rejected"]).count()


def _verified(office: Office, year: int) -> int:
    return _enterprises(office).filter(status="verified", verified_at__year=year).count()


def _aim(days: Days, reached: int, year: int, spread: tuple[float, float]) -> int:
    """A whole target near the figure a full year would reach at the pace so far."""
    elapsed = 1.0
    if year == days.today.year:
        elapsed = max((days.today - dt.date(year, 1, 1)).days, 30) / 365
    return max(1, round(reached / elapsed * days.rng.uniform(*spread)))


def _facilitation(office: Office, year: int) -> dict[tuple[str, str], int]:
    """IKM to facilitate: the quotas of the programmes the office plans for the year
    (those held in its jurisdiction), per kind and in all; the total also counts IKM of
    the office taking part in other offices' programmes, plus a margin."""
    planned = RegionScope(prefix=office.jurisdiction_code).apply(
        Programme.objects.filter(period_start__year=year)
    )
    per_kind: dict[tuple[str, str], int] = {}
    for programme in planned:
        key = (T.FACILITATED, programme.kind)
        per_kind[key] = per_kind.get(key, 0) + programme.quota
    total = max(sum(per_kind.values()), facilitated_count(office, year) + 2)
    return {(T.FACILITATED, ""): total, **per_kind}


def seed_targets(days: Days, cast: Cast) -> int:
    made = 0
    this_year = days.today.year
    for code in (PROVINCE_CODE, CITY):
        office = cast.offices[code]
        actor = by(cast.officers[code])
        for year in (this_year - 1, this_year):
            days.on(dt.date(year, 1, days.rng.randint(6, 20)))
            values = {
                (T.NEW_REGISTERED, ""): _aim(days, _registered(office, year), year, (0.9, 1.2)),
                (T.VERIFIED, ""): _aim(days, _verified(office, year), year, (0.85, 1.15)),
            }
            if year == this_year:
                # The demo's programmes run this year; last year had none to count.
                values.update(_facilitation(office, year))
            growth = growth_percent(office, year, days.today)
            if growth is not None:
                aim = round(growth * Decimal(days.rng.uniform(0.85, 1.15)))
                values[(T.GROWTH_PCT, "")] = (
                    PROVINCE_GROWTH_TARGET if code == PROVINCE_CODE else aim
                )
            for (indicator, kind), value in values.items():
                target_set(
                    provenance=actor,
                    office=office,
                    year=year,
                    indicator=indicator,
                    value=value,
                    programme_kind=kind,
                )
                made += 1
    return made
