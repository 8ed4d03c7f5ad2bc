"""Reading programmes: the officers' list (scoped to their jurisdiction) and the public
list of calls (published programmes whose application window is open or still to come)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.core.scope import RegionScope, scoped_get_or_404

from ..choices import ProgrammeKind, ProgrammeStatus
from ..models import Programme

STAFF_ORDERING = ["-apply_opens", "-id"]
CALL_ORDERING = ["upcoming", "apply_closes", "id"]
PUBLIC_STATUSES = (ProgrammeStatus.PUBLISHED, ProgrammeStatus.FINISHED)


def programmes_for_staff(
    *,
    user: Any,
    kind: str | None = None,
    status: str | None = None,
    year: int | None = None,
) -> QuerySet[Programme]:
    """Programmes whose region lies in the user's jurisdiction, newest first."""
    rows = RegionScope.for_user(user).apply(Programme.objects.all())
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(apply_opens__year=year)
    return (
        rows.select_related("office", "region")
        .annotate(n_applications=Count("applications"))
        .order_by(*STAFF_ORDERING)
    )


def programme_for_staff_get(user: Any, key: str) -> Programme:
    """One programme by its public key; 404 outside the user's jurisdiction."""
    queryset = Programme.objects.select_related("office", "region", "created_by")
    return scoped_get_or_404(RegionScope.for_user(user), queryset, public_key=key)


def _in_province(code: str) -> Q:
    # National programmes are open to every province, so they show under each.
    return Q(province_code=code) | Q(region__isnull=True)


def open_calls(
    *, today: dt.date, kind: str | None = None, region: str | None = None
) -> QuerySet[Programme]:
    """Published calls open today, then those opening later (`upcoming` = 1), the soonest
    to close first. `region` is a province code."""
    rows = Programme.objects.filter(status=ProgrammeStatus.PUBLISHED, apply_closes__gte=today)
    if kind and kind in ProgrammeKind.values:
        rows = rows.filter(kind=kind)
    if region:
        rows = rows.filter(_in_province(region[:2]))
    return (
        rows.annotate(
            upcoming=Case(
                When(apply_opens__gt=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .select_related("office", "region")
        .order_by(*CALL_ORDERING)
    )


def call_get(key: str) -> Programme:
    """A call by its public key: published or finished ones only (drafts and cancelled
    programmes do not exist for the public)."""
    if not isinstance(key, str) or len(key) != 8:
        raise Http404
    queryset = Programme.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "office", "region"
    )
    return get_object_or_404(queryset, public_key=key)


def call_is_open(programme: Programme, today: dt.date) -> bool:
    return (
        programme.status == ProgrammeStatus.PUBLISHED
        and programme.apply_opens <= today <= programme.apply_closes
    )
