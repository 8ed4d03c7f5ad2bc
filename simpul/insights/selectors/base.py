"""Shared pieces of the indicator selectors: the result dataclasses, the scope check,
and the measures — each defined once as a test on a rollup row and once as a filter on
Enterprise, side by side, so a number and the list behind it cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.http import Http404

from simpul.core.numbers import ONE_DECIMAL, percent  # noqa: F401 (re-exported)
from simpul.core.scope import RegionScope
from simpul.regions.models import Region
from simpul.registry.choices import EnterpriseStatus

VERIFIED = EnterpriseStatus.VERIFIED
REGISTERED = (
    EnterpriseStatus.SUBMITTED,
    EnterpriseStatus.VERIFIED,
    EnterpriseStatus.NEEDS_REVISION,
)


@dataclass(frozen=True)
class Drill:
    """What `drill_list` needs to list the enterprises behind a number."""

    region: str
    measure: str
    year: int
    facet: str = ""
    value: str = ""


@dataclass(frozen=True)
class Indicator:
    key: str
    value: int | Decimal | None
    unit: str  # "IKM", "%", "Rp", "orang"
    definition: str
    drill: Drill | None = None


@dataclass(frozen=True)
class Part:
    value: str
    label: str
    count: int
    percent: Decimal | None
    drill: Drill


@dataclass(frozen=True)
class Mix:
    key: str
    total: int
    parts: list[Part]
    definition: str


def region_in_scope(scope: RegionScope, code: str) -> str:
    """`code` if the user may read that region's indicators; 404 otherwise (a region
    outside the jurisdiction looks like one that does not exist)."""
    code = (code or "").strip()
    if not scope.is_staff_scope or not scope.covers_region(code):
        raise Http404
    if code and not Region.objects.filter(code=code, level__lte=Region.Level.DISTRICT).exists():
        raise Http404
    return code


# measure → (test on a rollup row's status, registration and verification year; the same
# set as a filter on Enterprise).
MEASURES = {
    "registered": (
        lambda s, ry, vy, y: s in REGISTERED and ry <= y,
        lambda y: Q(status__in=REGISTERED, created_at__year__lte=y),
    ),
    "new_registered": (
        lambda s, ry, vy, y: s in REGISTERED and ry == y,
        lambda y: Q(status__in=REGISTERED, created_at__year=y),
    ),
    "verified": (
        lambda s, ry, vy, y: s == VERIFIED and 0 < vy <= y,
        lambda y: Q(status=VERIFIED, verified_at__year__lte=y),
    ),
    "new_verified": (
        lambda s, ry, vy, y: s == VERIFIED and vy == y,
        lambda y: Q(status=VERIFIED, verified_at__year=y),
    ),
}
