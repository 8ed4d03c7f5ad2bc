"""Reads for running a programme: the programme (404 outside the user's jurisdiction),
its sessions with the attendance grid, its participants with scores, outcomes and
follow-ups, and the follow-ups an owner reports or is reminded of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.registry.services.permissions import is_own

from ..choices import ApplicationStatus
from ..models import Application, Attendance, FollowUp, Programme, Session
from ..permissions import can_run, can_see_applicants

S = ApplicationStatus
# Who appears on the delivery page: everyone who got a place, including those who left.
BOARD_STATUSES = (S.SELECTED, S.PARTICIPATING, S.COMPLETED, S.DROPPED)
MAX_SESSIONS = 200
MAX_PARTICIPANTS = 1000


def programme_for_delivery(*, user: Any, key: str, write: bool = False) -> Programme:
    """The programme `key` if the user may see its applicants (or, with `write`, run it);
    otherwise 404, the same as a programme that does not exist."""
    programme = scoped_get_or_404(
        RegionScope.for_user(user), Programme.objects.select_related("office"), public_key=key
    )
    allowed = can_run(user, programme) if write else can_see_applicants(user, programme)
    if not allowed:
        raise Http404
    return programme


def board_applications(programme: Programme) -> QuerySet[Application]:
    return (
        programme.applications.filter(status__in=BOARD_STATUSES)
        .select_related("enterprise__owner")
        .prefetch_related("outcomes", "follow_ups")
        .order_by("enterprise__name", "id")
    )


@dataclass
class SessionRow:
    session: Session
    present_ids: set[int]
    present: int
    recorded: int


@dataclass
class DeliveryBoard:
    programme: Programme
    participants: list[Application]
    sessions: list[SessionRow]
    attending_ids: set[int] = field(default_factory=set)
    selected_count: int = 0


def delivery_board(*, programme: Programme) -> DeliveryBoard:
    """Everything the delivery page shows, in a fixed number of queries."""
    participants = list(board_applications(programme)[:MAX_PARTICIPANTS])
    sessions = programme.sessions.prefetch_related(
        Prefetch("attendance", queryset=Attendance.objects.only("application_id", "present"))
    )[:MAX_SESSIONS]
    rows = []
    for session in sessions:
        marks = list(session.attendance.all())
        present = {a.application_id for a in marks if a.present}
        rows.append(SessionRow(session, present, len(present), len(marks)))
    attending = {a.pk for a in participants if a.status in (S.SELECTED, S.PARTICIPATING)}
    selected = sum(1 for a in participants if a.status == S.SELECTED)
    return DeliveryBoard(programme, participants, rows, attending, selected)


def application_on_board(*, programme: Programme, key: str) -> Application:
    """A participant of `programme` by public key (404 for any other application)."""
    try:
        return board_applications(programme).get(public_key=key)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


def session_of(*, programme: Programme, pk: int) -> Session:
    try:
        return programme.sessions.get(pk=pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc


def follow_up_for_owner(*, user: Any, pk: int, key: str) -> FollowUp:
    """A follow-up the owner may report: of their own enterprise, addressed by its id
    together with the application's public key (so ids alone cannot be walked)."""
    follow_up = (
        FollowUp.objects.select_related("application__programme", "application__enterprise__owner")
        .filter(pk=pk, application__public_key=key)
        .first()
    )
    if follow_up is None or not is_own(user, follow_up.application.enterprise):
        raise Http404
    return follow_up


def follow_ups_to_remind(*, today: dt.date, days_ahead: int = 7) -> QuerySet[FollowUp]:
    """Open follow-ups falling due exactly `days_ahead` days from `today`, or today: a
    daily run therefore reminds each checkpoint twice at most (a week before, and on the
    day), without having to remember whom it told."""
    return (
        FollowUp.objects.filter(
            done_on__isnull=True,
            application__status=S.COMPLETED,
            due_on__in=[today, today + dt.timedelta(days=days_ahead)],
        )
        .select_related("application__programme", "application__enterprise__owner__user")
        .order_by("due_on", "id")
    )
