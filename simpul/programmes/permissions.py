"""Who may run a programme, see its applicants, apply to it and score it. Views hide
buttons with the same rules; services enforce them, so a forged request changes nothing."""

from __future__ import annotations

from typing import Any

from simpul.core.scope import RegionScope
from simpul.registry.services.permissions import STAFF_WRITERS, is_own, require

from .models import Application, Programme, Stage

__all__ = [
    "can_apply_for",
    "can_review",
    "can_run",
    "can_see_applicants",
    "require",
]


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_run(user: Any, programme: Programme) -> bool:
    """Create, change, select and record outcomes: officers of an office whose
    jurisdiction holds the programme's region (a regency office only its own regency)."""
    if not _active(user) or user.role not in STAFF_WRITERS:
        return False
    return RegionScope.for_user(user).covers_region(programme.region_code)


def can_see_applicants(user: Any, programme: Programme) -> bool:
    """Office staff of any role (analysts read) inside the programme's region."""
    if not _active(user) or not user.is_office_staff:
        return False
    return RegionScope.for_user(user).covers_region(programme.region_code)


def can_apply_for(user: Any, enterprise: Any) -> bool:
    """The owner applies for their own enterprise; officers nominate (see can_run)."""
    return _active(user) and user.is_owner and is_own(user, enterprise)


def can_review(user: Any, application: Application, stage: Stage) -> bool:
    """A panelist scores only applications that sit in a stage they sit on."""
    if not _active(user) or application.stage_id != stage.pk:
        return False
    return stage.panelists.filter(pk=user.pk).exists()


def outside_programme_region(programme: Programme, enterprise: Any) -> bool:
    """A programme serves the IKM of its region (all of them for a national one)."""
    return not RegionScope(prefix=programme.region_code).covers_region(enterprise.region_code)
