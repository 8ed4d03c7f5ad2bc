"""Setting an office's yearly targets. Only the office's own admin or officers set them:
a target is the office's commitment, not its supervisor's."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.accounts.models import Office
from simpul.core.audit import Provenance, record_change
from simpul.registry.services.permissions import STAFF_WRITERS, require

from ..choices import ProgrammeKind, TargetIndicator
from ..models import Target

YEAR_RANGE = range(2000, 2101)


def can_set_targets(user: Any, office: Office) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in STAFF_WRITERS
        and user.office_id == office.pk
    )


def _checked_value(indicator: str, value: Any) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError({"value": _("Target harus berupa angka.")}) from exc
    if indicator != TargetIndicator.GROWTH_PCT and (number != number.to_integral() or number < 1):
        raise ValidationError({"value": _("Target jumlah IKM harus bilangan bulat ≥ 1.")})
    if not Decimal("-100") < number < Decimal("1000000000"):
        raise ValidationError({"value": _("Target di luar rentang yang masuk akal.")})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def target_set(
    *,
    provenance: Provenance,
    office: Office,
    year: int,
    indicator: str,
    value: Any,
    programme_kind: str = "",
) -> Target:
    """Create or change the target of (office, year, indicator, programme kind)."""
    require(can_set_targets(provenance.actor, office))
    if year not in YEAR_RANGE:
        raise ValidationError({"year": _("Tahun tidak sah.")})
    if indicator not in TargetIndicator.values:
        raise ValidationError({"indicator": _("Indikator tidak dikenal.")})
    if programme_kind and (
        indicator != TargetIndicator.FACILITATED or programme_kind not in ProgrammeKind.values
    ):
        raise ValidationError(
            {"programme_kind": _("Jenis program hanya berlaku untuk target IKM difasilitasi.")}
        )
    number = _checked_value(indicator, value)
    target, created = Target.objects.select_for_update().get_or_create(
        office=office,
        year=year,
        indicator=indicator,
        programme_kind=programme_kind,
        defaults={"value": number},
    )
    before = None if created else str(target.value)
    if not created:
        target.value = number
        target.save(update_fields=["value"])
    record_change(
        instance=target,
        action="created" if created else "updated",
        provenance=provenance,
        changes={"value": [before, str(number)]},
    )
    return target


@transaction.atomic
def target_remove(*, provenance: Provenance, target: Target) -> None:
    require(can_set_targets(provenance.actor, target.office))
    record_change(
        instance=target,
        action="deleted",
        provenance=provenance,
        changes={"value": [str(target.value), None]},
    )
    target.delete()
