"""Who may change which enterprise, and when. Views hide buttons with the same rules; the
services enforce them, so a forged request changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from simpul.core.scope import RegionScope
from simpul.regions.models import Region
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

OWNER_EDITABLE = {EnterpriseStatus.DRAFT, EnterpriseStatus.NEEDS_REVISION}
STAFF_WRITERS = {"officer", "office_admin"}


def is_own(user: Any, enterprise: Enterprise) -> bool:
    return enterprise.owner is not None and enterprise.owner.user_id == user.pk


def can_edit(user: Any, enterprise: Enterprise) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    scope = RegionScope.for_user(user)
    if user.role in STAFF_WRITERS:
        return scope.covers_region(enterprise.region_code)
    return user.is_owner and is_own(user, enterprise) and enterprise.status in OWNER_EDITABLE


def can_decide(user: Any, enterprise: Enterprise) -> bool:
    """Verify, ask for revision or reject: officers inside their jurisdiction only."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_WRITERS:
        return False
    return RegionScope.for_user(user).covers_region(enterprise.region_code)


def require_village_in_scope(user: Any, village: Region | None) -> None:
    """Staff may place a record only inside their own jurisdiction (owners register
    wherever their business is; the Dinas of that place then verifies it)."""
    if village is None or not getattr(user, "is_office_staff", False):
        return
    if not RegionScope.for_user(user).covers_region(village.code):
        raise ValidationError({"village": _("Desa/kelurahan ini di luar wilayah kerja Anda.")})


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang mengubah data ini."))
