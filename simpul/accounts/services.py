from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.accounts.models import OFFICE_ROLES, Office, User
from simpul.core.audit import Provenance, record_change
from simpul.core.models import Source


@transaction.atomic
def owner_sign_up(*, full_name: str, email: str | None, phone: str | None, password: str) -> User:
    user = User.objects.create_user(
        email=email,
        phone=phone,
        full_name=full_name.strip(),
        password=password,
        role=User.Role.OWNER,
    )
    record_change(
        instance=user,
        action="signed_up",
        provenance=Provenance(actor=user, source=Source.SELF_REGISTRATION),
    )
    return user


def _require_admin_of(actor: User, office: Office) -> None:
    if actor.role != User.Role.OFFICE_ADMIN or actor.office_id != office.pk:
        raise PermissionDenied(_("Hanya admin kantor ini yang dapat mengelola stafnya."))


@transaction.atomic
def staff_create(
    *, actor: User, office: Office, full_name: str, email: str, role: str, password: str
) -> User:
    _require_admin_of(actor, office)
    if role not in OFFICE_ROLES:
        raise PermissionDenied(_("Peran staf tidak sah."))
    user = User.objects.create_user(
        email=email, full_name=full_name, role=role, office=office, password=password
    )
    record_change(
        instance=user,
        action="staff_created",
        provenance=Provenance(actor=actor),
        changes={"role": [None, role], "office": [None, office.code]},
    )
    return user


@transaction.atomic
def staff_set_active(*, actor: User, staff: User, active: bool) -> User:
    _require_admin_of(actor, staff.office)
    if staff.pk == actor.pk:
        raise PermissionDenied(_("Anda tidak dapat menonaktifkan akun sendiri."))
    staff.is_active = active
    staff.save(update_fields=["is_active"])
    record_change(
        instance=staff,
        action="staff_activated" if active else "staff_deactivated",
        provenance=Provenance(actor=actor),
    )
    return staff
