"""Who may change which enterprise, and when. Views hide buttons with the same rules; the
services enforce them, so a forged request changes nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from simpul.core.scope import RegionScope
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

OWNER_EDITABLE = {EnterpriseStatus.DRAFT, EnterpriseStatus.NEEDS_REVISION}
STAFF_WRITERS = {"officer", "office_admin"}


def is_own(user, enterprise: Enterprise) -> bool:
    return enterprise.owner is not None and enterprise.owner.user_id == user.pk


def can_edit(user, enterprise: Enterprise) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    scope = RegionScope.for_user(user)
    if user.role in STAFF_WRITERS:
        return scope.covers_region(enterprise.village_id)
    return user.is_owner and is_own(user, enterprise) and enterprise.status in OWNER_EDITABLE


def can_decide(user, enterprise: Enterprise) -> bool:
    """Verify, ask for revision or reject: officers inside their jurisdiction only."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_WRITERS:
        return False
    return RegionScope.for_user(user).covers_region(enterprise.village_id)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang mengubah data ini."))
