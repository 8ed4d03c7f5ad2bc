from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core import crypto
from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.models import ChangeRecord
from simpul.core.scope import RegionScope
from simpul.registry.models import Enterprise, Owner

from .permissions import STAFF_WRITERS, can_edit, require

OWNER_AUDITED = ["full_name", "nik_hash", "gender", "birth_date", "phone", "email"]
# "This NIK is already registered" tells the asker something about a stranger; a few
# honest typos a day are allowed, an enumeration is not.
DUPLICATE_NIK_ATTEMPTS_PER_DAY = 3


def enterprise_owner_save(
    *, enterprise: Enterprise, provenance: Provenance, nik: str, **identity: Any
) -> Owner:
    """The owner step of the registration form. An officer who types the NIK of an owner
    already registered in their area links this enterprise to that owner; anyone else is
    refused (and counted) rather than told whose NIK it is."""
    actor = provenance.actor
    require(can_edit(actor, enterprise))
    nik_hash = crypto.blind_index(nik) if nik else ""
    other = (
        Owner.objects.filter(nik_hash=nik_hash).exclude(pk=enterprise.owner_id).first()
        if nik_hash
        else None
    )
    if other is None:
        return owner_save(owner=enterprise.owner, provenance=provenance, nik=nik, **identity)
    if getattr(actor, "role", "") in STAFF_WRITERS and may_reveal_nik(actor, other):
        return _link_existing_owner(enterprise=enterprise, owner=other, provenance=provenance)
    raise _duplicate_nik_refusal(actor)


def _duplicate_nik_refusal(actor: Any) -> ValidationError:
    """Counts the attempt (kept even though the step fails) and words the refusal."""
    since = timezone.now() - dt.timedelta(days=1)
    attempts = ChangeRecord.objects.filter(
        entity="accounts.user",
        entity_id=str(actor.pk),
        action="nik_duplicate_refused",
        created_at__gte=since,
    ).count()
    if attempts >= DUPLICATE_NIK_ATTEMPTS_PER_DAY:
        return ValidationError(
            {
                "nik": _(
                    "Terlalu banyak percobaan NIK yang sudah terdaftar. Hubungi Dinas "
                    "Perindustrian setempat untuk melanjutkan pendaftaran."
                )
            }
        )
    with transaction.atomic():
        record_change(
            instance=actor, action="nik_duplicate_refused", provenance=Provenance(actor=actor)
        )
    return ValidationError(
        {
            "nik": _(
                "NIK ini sudah terdaftar. Periksa kembali NIK Anda, atau hubungi Dinas "
                "Perindustrian setempat bila data itu milik Anda."
            )
        }
    )


@transaction.atomic
def _link_existing_owner(*, enterprise: Enterprise, owner: Owner, provenance: Provenance) -> Owner:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    placeholder = enterprise.owner
    enterprise.owner = owner
    enterprise.save(update_fields=["owner", "updated_at"])
    record_change(
        instance=enterprise,
        action="owner_linked",
        provenance=provenance,
        changes={"owner": [placeholder.pk if placeholder else None, owner.pk]},
    )
    if (
        placeholder is not None
        and placeholder.user_id is None
        and not placeholder.nik_hash
        and not placeholder.enterprises.exists()
    ):
        placeholder.delete()  # the empty record an officer's draft started with
    return owner


def _require_identity_editable(actor: Any, owner: Owner) -> None:
    """One owner may stand behind several enterprises; their identity may change only if
    the actor may change every one of them (a verified registration is not re-opened
    through a new draft)."""
    for enterprise in owner.enterprises.select_related("owner"):
        if not can_edit(actor, enterprise):
            raise ValidationError(
                _(
                    "Data pemilik ini dipakai usaha yang sedang diperiksa atau sudah "
                    "terverifikasi. Perubahan identitas pemilik diajukan melalui petugas Dinas."
                )
            )


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
    duplicate checks and a masked copy for display; the audit sees only the hash change.
    An empty `nik` keeps the stored one."""
    owner = Owner.objects.select_for_update().get(pk=owner.pk)
    before = snapshot(owner, OWNER_AUDITED)
    owner.full_name = full_name.strip()
    nik_hash = crypto.blind_index(nik) if nik else owner.nik_hash
    if nik and nik_hash != owner.nik_hash:
        owner.nik_encrypted = crypto.encrypt(nik)
        owner.nik_hash = nik_hash
        owner.nik_masked = crypto.mask_nik(nik)
    owner.gender, owner.birth_date = gender, birth_date
    owner.phone, owner.email = phone, email
    changes = diff(before, snapshot(owner, OWNER_AUDITED))
    if not changes:
        return owner
    _require_identity_editable(provenance.actor, owner)
    owner.save()
    if "nik_hash" in changes:
        changes["nik_hash"] = [before["nik_hash"] and "••••", "••••"]  # never the hash itself
    record_change(instance=owner, action="updated", provenance=provenance, changes=changes)
    return owner


def may_reveal_nik(user: Any, owner: Owner) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if owner.user_id == user.pk:
        return True
    if user.role not in STAFF_WRITERS:
        return False
    scope = RegionScope.for_user(user)
    return scope.apply(Enterprise.objects.filter(owner=owner)).exists()


@transaction.atomic
def nik_reveal(*, owner: Owner, actor: Any, reason: str = "") -> str:
    """The full NIK, for those allowed to see it; every reveal is logged (UU 27/2022)."""
    if not may_reveal_nik(actor, owner):
        raise PermissionDenied(_("Anda tidak berwenang melihat NIK lengkap."))
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan membuka NIK lengkap; alasan itu dicatat."))
    if not owner.nik_encrypted:
        return ""
    record_change(
        instance=owner,
        action="nik_revealed",
        provenance=Provenance(actor=actor),
        note=reason.strip(),
    )
    return crypto.decrypt(owner.nik_encrypted)
