"""Registering partner companies and inviting their contact people."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core.audit import Provenance, record_change
from simpul.regions.models import Region
from simpul.registry.services.permissions import STAFF_WRITERS

from ..choices import PartnerKind
from ..models import Partner, PartnerMember
from ..permissions import can_manage_partner, require
from ..tasks import send_partner_invite

_REGION_LEVELS = {Region.Level.PROVINCE, Region.Level.REGENCY}


@transaction.atomic
def partner_create(
    *,
    provenance: Provenance,
    name: str,
    kind: str,
    address: str = "",
    region: Region | None = None,
    website: str = "",
) -> Partner:
    """Officers register partners for their own office."""
    actor = provenance.actor
    if not getattr(actor, "is_office_staff", False) or actor.role not in STAFF_WRITERS:
        raise PermissionDenied(_("Hanya petugas Dinas yang dapat mendaftarkan mitra."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Nama mitra wajib diisi.")})
    if kind not in PartnerKind.values:
        raise ValidationError({"kind": _("Jenis mitra tidak dikenal.")})
    if region is not None and region.level not in _REGION_LEVELS:
        raise ValidationError({"region": _("Pilih provinsi atau kabupaten/kota.")})
    partner = Partner.objects.create(
        name=name,
        kind=kind,
        address=address.strip(),
        region=region,
        website=website.strip(),
        created_by=actor.office,
    )
    record_change(
        instance=partner,
        action="partner_created",
        provenance=provenance,
        changes={"name": [None, name], "kind": [None, kind], "office": [None, actor.office.code]},
    )
    return partner


def _partner_user(email: str, full_name: str) -> tuple[User, bool]:
    """The partner account for `email`: an existing one, or a new one without a password
    (the invitation sets it). Any other account with that e-mail is refused."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        if not user.is_partner:
            raise ValidationError({"email": _("E-mail ini sudah dipakai akun lain (bukan mitra).")})
        return user, False
    user = User.objects.create_user(
        email=email, full_name=full_name, role=User.Role.PARTNER, password=None
    )
    return user, True


@transaction.atomic
def partner_member_invite(
    *, provenance: Provenance, partner: Partner, email: str, full_name: str
) -> PartnerMember:
    """Add a contact person with the role "partner" and e-mail them a link to set a
    password (the same signed, single-use token as Django's password reset)."""
    require(can_manage_partner(provenance.actor, partner))
    email, full_name = email.strip().lower(), " ".join(full_name.split())
    if not email or not full_name:
        raise ValidationError(_("Isi nama dan e-mail kontak mitra."))
    user, created = _partner_user(email, full_name)
    member = partner.members.filter(user=user).first()
    if member is not None and user.has_usable_password():
        raise ValidationError({"email": _("Orang ini sudah menjadi kontak mitra ini.")})
    # A contact who never set a password gets a fresh link (the first may have expired).
    resend = member is not None
    member = member or PartnerMember.objects.create(partner=partner, user=user)
    record_change(
        instance=partner,
        action="member_reinvited" if resend else "member_invited",
        provenance=provenance,
        changes={} if resend else {"members": [None, email]},
    )
    created = created or resend
    # After commit, so a rolled-back invitation sends no mail.
    transaction.on_commit(
        lambda: send_partner_invite.enqueue(user_id=user.pk, partner_id=partner.pk, new=created)
    )
    return member
