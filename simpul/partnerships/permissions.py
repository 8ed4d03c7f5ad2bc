"""Who may manage a partner, post its needs, introduce an IKM and move a match along.
Views hide buttons with the same rules; services enforce them, so a forged request
changes nothing."""

from __future__ import annotations

from typing import Any

from simpul.core.scope import RegionScope
from simpul.registry.services.permissions import STAFF_WRITERS, require

from .models import Match, Partner

__all__ = [
    "can_advance",
    "can_introduce",
    "can_manage_partner",
    "can_post_need",
    "is_member",
    "regions_overlap",
    "require",
]


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _writer(user: Any) -> bool:
    return _active(user) and user.role in STAFF_WRITERS and user.office_id is not None


def regions_overlap(a: str, b: str) -> bool:
    """Whether two region codes share ground: one holds the other ('' = everywhere)."""
    if not a or not b:
        return True
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def is_member(user: Any, partner: Partner) -> bool:
    return _active(user) and user.is_partner and partner.members.filter(user_id=user.pk).exists()


def can_manage_partner(user: Any, partner: Partner) -> bool:
    """Invite contacts and post or close needs on the partner's behalf: officers of the
    registering office, or of an office whose jurisdiction holds it (province, nation)."""
    if not _writer(user):
        return False
    return RegionScope.for_user(user).covers_region(partner.created_by.jurisdiction_code)


def can_post_need(user: Any, partner: Partner) -> bool:
    return can_manage_partner(user, partner) or is_member(user, partner)


def can_introduce(user: Any, enterprise: Any) -> bool:
    """Officers introduce only IKM inside their own jurisdiction."""
    return _writer(user) and RegionScope.for_user(user).covers_region(enterprise.region_code)


def can_advance(user: Any, match: Match) -> bool:
    """The officers of the enterprise's region and the partner's contacts report how a
    match goes on (which moves are allowed is the service's business)."""
    if _writer(user):
        return RegionScope.for_user(user).covers_region(match.enterprise.region_code)
    return is_member(user, match.need.partner)
