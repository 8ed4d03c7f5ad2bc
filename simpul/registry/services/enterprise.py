from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.models import Source
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise, Owner
from simpul.registry.signals import enterprises_changed
from simpul.registry.sizeclass import classify_permenperin, classify_pp7

from .permissions import STAFF_WRITERS, can_edit, require, require_village_in_scope

# Fields a service may set through `enterprise_update`; anything else is ignored, so a
# form with an extra field cannot reach status, owner or provenance columns.
EDITABLE_FIELDS = [
    "name",
    "legal_form",
    "nib",
    "npwp",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "kbli",
    "kbli_suggested",
    "products",
    "year_started",
    "workers_male",
    "workers_female",
    "workers_unspecified",
    "investment_value",
    "business_capital",
    "production_capacity",
    "production_value",
    "annual_sales",
    "sentra",
    "business_phone",
    "business_email",
    "publish_contact",
    "village",
    "registration_step",
]
AUDITED_FIELDS = [f for f in EDITABLE_FIELDS if f != "registration_step"]


def apply_size_class(enterprise: Enterprise) -> None:
    enterprise.size_class_permenperin = classify_permenperin(
        workers=enterprise.workers_total, investment=enterprise.investment_value
    ).code
    enterprise.size_class_pp7 = classify_pp7(
        capital=enterprise.business_capital, sales=enterprise.annual_sales
    ).code


@transaction.atomic
def enterprise_create_draft(
    *,
    provenance: Provenance,
    name: str,
    legal_form: str,
    owner: Owner | None = None,
    **fields: Any,
) -> Enterprise:
    """A new enterprise in draft. A self-registering owner is linked at once, so the draft
    is theirs from the first step."""
    user = provenance.actor
    require(getattr(user, "is_owner", False) or getattr(user, "role", "") in STAFF_WRITERS)
    if owner is None:
        # Officer entries get an owner record of their own, filled in at the owner step.
        is_self = provenance.source == Source.SELF_REGISTRATION
        owner = owner_for_user(user) if is_self else Owner.objects.create(full_name="")
    enterprise = Enterprise(
        name=name.strip(),
        legal_form=legal_form,
        owner=owner,
        source=provenance.source,
        created_by=user if getattr(user, "pk", None) else None,
    )
    if getattr(user, "is_office_staff", False):
        enterprise.set_region_prefix(user.office.jurisdiction_code)
    require_village_in_scope(user, fields.get("village"))
    _assign(enterprise, fields)
    apply_size_class(enterprise)
    enterprise.save()
    after = snapshot(enterprise, AUDITED_FIELDS)
    record_change(
        instance=enterprise,
        action="created",
        provenance=provenance,
        changes=diff({}, {k: v for k, v in after.items() if v not in ("", None, 0, False)}),
    )
    return enterprise


def owner_for_user(user: User) -> Owner:
    owner = Owner.objects.filter(user=user).order_by("id").first()
    if owner is None:
        owner = Owner.objects.create(
            user=user, full_name=user.full_name, phone=user.phone or "", email=user.email or ""
        )
    return owner


def _assign(enterprise: Enterprise, fields: dict[str, Any]) -> None:
    # A KBLI or a workforce split entered by a person replaces the import's guess.
    if "kbli" in fields and "kbli_suggested" not in fields:
        enterprise.kbli_suggested = False
    split = {"workers_male", "workers_female"} & fields.keys()
    if split and "workers_unspecified" not in fields:
        enterprise.workers_unspecified = 0
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            continue
        if name == "village":
            enterprise.set_village(value)
        else:
            setattr(enterprise, name, value)


@transaction.atomic
def enterprise_update(
    *,
    enterprise: Enterprise,
    provenance: Provenance,
    data: dict[str, Any],
) -> Enterprise:
    """Change the given fields, recompute the size class and record before/after."""
    enterprise = (
        Enterprise.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=enterprise.pk)
    )
    require(can_edit(provenance.actor, enterprise))
    require_village_in_scope(provenance.actor, data.get("village"))
    before = snapshot(enterprise, AUDITED_FIELDS)
    _assign(enterprise, data)
    apply_size_class(enterprise)
    enterprise.save()
    enterprises_changed.send(sender=Enterprise, enterprise_ids=[enterprise.pk])
    changes = diff(before, snapshot(enterprise, AUDITED_FIELDS))
    if changes:
        record_change(instance=enterprise, action="updated", provenance=provenance, changes=changes)
    return enterprise


def missing_for_submission(enterprise: Enterprise) -> list[str]:
    """What still has to be filled in before an officer can verify the registration."""
    owner = enterprise.owner
    checks = [
        (bool(enterprise.name), _("Nama usaha")),
        (owner is not None and bool(owner.full_name), _("Nama pemilik")),
        (owner is not None and bool(owner.nik_hash), _("NIK pemilik")),
        (owner is not None and bool(owner.gender), _("Jenis kelamin pemilik")),
        (enterprise.village_id is not None, _("Desa/kelurahan lokasi usaha")),
        (bool(enterprise.address), _("Alamat usaha")),
        (enterprise.kbli_id is not None, _("KBLI kegiatan utama")),
        (not enterprise.kbli_suggested, _("KBLI dipastikan (saat ini saran otomatis)")),
        (bool(enterprise.products), _("Produk utama")),
        (enterprise.workers_total > 0, _("Jumlah tenaga kerja")),
    ]
    return [label for ok, label in checks if not ok]


def is_submittable(enterprise: Enterprise) -> bool:
    return enterprise.status in {EnterpriseStatus.DRAFT, EnterpriseStatus.NEEDS_REVISION}
