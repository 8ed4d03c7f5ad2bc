"""Seed the programmes of the Lampung demo, through the programme services, after the
registry and catalogue demos: a past programme run from start to end, one in curation,
an open call, and the offices' targets. One transaction, one steered clock."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from simpul.accounts.models import User
from simpul.core.models import ChangeRecord
from simpul.registry.demo.offices import set_demo_password

from ..choices import ApplicationStatus
from ..models import Application, Outcome, Programme
from .common import Days, load_cast, seeding
from .halal import seed_halal
from .machinery import seed_machinery
from .open_call import seed_open_call
from .targets import seed_targets


@dataclass(frozen=True)
class ProgrammesResult:
    programmes: int
    applications: int
    completed: int
    outcomes: int
    targets: int
    seconds: float


def _backdate(user: User) -> None:
    """`date_joined` takes its default from the real clock (the field holds the function,
    which the steered clock cannot reach): set it to when the invitation was recorded."""
    invited = (
        ChangeRecord.objects.filter(entity="accounts.user", entity_id=str(user.pk))
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if invited is not None:
        User.objects.filter(pk=user.pk).update(date_joined=invited)


def seed_programmes_demo(*, seed: int) -> ProgrammesResult:
    started = time.monotonic()
    cast = load_cast()
    days = Days.starting(random.Random(f"{seed}-programmes"))
    with seeding(days.clock):
        halal = seed_halal(days, cast)
        seed_machinery(days, cast, halal.panelist)
        seed_open_call(days, cast)
        targets = seed_targets(days, cast)
        # The invited panelist is a demo login, as if they had followed the e-mailed link.
        set_demo_password([halal.panelist])
        _backdate(halal.panelist)
    return ProgrammesResult(
        programmes=Programme.objects.count(),
        applications=Application.objects.count(),
        completed=Application.objects.filter(status=ApplicationStatus.COMPLETED).count(),
        outcomes=Outcome.objects.count(),
        targets=targets,
        seconds=time.monotonic() - started,
    )
