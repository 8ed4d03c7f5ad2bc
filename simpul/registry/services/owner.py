from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.core import crypto
from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.scope import RegionScope
from simpul.registry.models import Enterprise, Owner

OWNER_AUDITED = ["full_name", "nik_hash", "gender", "birth_date", "phone", "email"]


@transaction.atomic
def owner_save(
    *,
    owner: Owner,
    provenance: Provenance,
    full_name: str,
    nik: str,
    gender: str,
    birth_date: dt.date | None,
    phone: str,
    email: str,
) -> Owner:
    """Store the owner's identity. The NIK is kept only encrypted, with a keyed hash for
    duplicate checks and a masked copy for display; the audit sees only the hash change."""
    nik_hash = crypto.blind_index(nik) if nik else ""
    if nik_hash and Owner.objects.filter(nik_hash=nik_hash).exclude(pk=owner.pk).exists():
        raise ValidationError(
            {
                "nik": _(
                    "NIK ini sudah terdaftar atas nama pemilik lain. Hubungi Dinas "
                    "Perindustrian setempat bila data itu milik Anda."
                )
            }
        )
    owner = Owner.objects.select_for_update().get(pk=owner.pk)
    before = snapshot(owner, OWNER_AUDITED)
    owner.full_name = full_name.strip()
    if nik and nik_hash != owner.nik_hash:
        owner.nik_encrypted = crypto.encrypt(nik)
        owner.nik_hash = nik_hash
        owner.nik_masked = crypto.mask_nik(nik)
    owner.gender, owner.birth_date = gender, birth_date
    owner.phone, owner.email = phone, email
    owner.save()
    changes = diff(before, snapshot(owner, OWNER_AUDITED))
    if "nik_hash" in changes:
        changes["nik_hash"] = [before["nik_hash"] and "••••", "••••"]  # never the hash itself
    if changes:
        record_change(instance=owner, action="updated", provenance=provenance, changes=changes)
    return owner


def may_reveal_nik(user, owner: Owner) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if owner.user_id == user.pk:
        return True
    if user.role not in {"officer", "office_admin"}:
        return False
    scope = RegionScope.for_user(user)
    return scope.apply(Enterprise.objects.filter(owner=owner)).exists()


@transaction.atomic
def nik_reveal(*, owner: Owner, actor, reason: str = "") -> str:
    """The full NIK, for those allowed to see it; every reveal is logged (UU 27/2022)."""
    if not may_reveal_nik(actor, owner):
        raise PermissionDenied(_("Anda tidak berwenang melihat NIK lengkap."))
    if not owner.nik_encrypted:
        return ""
    record_change(
        instance=owner, action="nik_revealed", provenance=Provenance(actor=actor), note=reason
    )
    return crypto.decrypt(owner.nik_encrypted)
