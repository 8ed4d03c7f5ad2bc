"""What a programme produced for each participant (certificate, machine and its
reimbursement, marketplace shop, contract), and the follow-up checkpoints months later.
Outcomes are the organising officers' record; a follow-up may also be reported by the
owner of the enterprise, about their own business only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.catalogue.services import clean_marketplace_url
from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.money import format_rupiah as rupiah
from simpul.core.money import parse_rupiah
from simpul.notifications.services import notify
from simpul.registry.services.permissions import is_own

from ..choices import RECEIVED_STATUSES, ApplicationStatus, OutcomeKind
from ..models import Application, FollowUp, Outcome, Programme
from ..permissions import can_run, require

K = OutcomeKind
OUTCOME_FIELDS = [
    "kind",
    "certificate_number",
    "issued_on",
    "machine_value",
    "reimbursement_value",
    "shop_url",
    "contract_value",
    "note",
]
FOLLOW_UP_FIELDS = ["done_on", "monthly_sales", "workforce", "note"]


def reimbursement_allowed(*, programme: Programme, machine_value: int) -> int:
    """The most a participant may be reimbursed for a machine of `machine_value`:

        min(max(percent × value, minimum), maximum, value)

    percent × value is rounded down to whole Rupiah; the programme's minimum lifts a small
    share, its maximum caps a large one, and nobody is paid more than the machine cost.
    A programme without a percentage reimburses nothing (the machine is given, not paid
    back); an unset minimum counts as 0, an unset maximum as no cap."""
    if not programme.reimbursement_percent:
        return 0
    share = machine_value * programme.reimbursement_percent // 100
    lifted = max(share, programme.reimbursement_min or 0)
    cap = programme.reimbursement_max if programme.reimbursement_max is not None else lifted
    return min(lifted, cap, machine_value)


def _amount(data: Mapping[str, Any], field: str, *, required: bool) -> int | None:
    value = data.get(field)
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("Nilai ini wajib diisi.")})
        return None
    try:
        return parse_rupiah(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _positive(data: Mapping[str, Any], field: str) -> int:
    amount = _amount(data, field, required=True)
    if not amount:
        raise ValidationError({field: _("Nilai harus lebih dari Rp 0.")})
    return amount


def _certificate(application: Application, data: Mapping[str, Any]) -> dict[str, Any]:
    number = str(data.get("certificate_number") or "").strip()
    issued = data.get("issued_on")
    if isinstance(issued, str) and issued:
        try:
            issued = dt.date.fromisoformat(issued)
        except ValueError:
            issued = "?"
    errors = {}
    if not number:
        errors["certificate_number"] = _("Nomor sertifikat wajib diisi.")
    elif len(number) > 80:
        errors["certificate_number"] = _("Nomor sertifikat paling panjang 80 karakter.")
    if not isinstance(issued, dt.date):
        errors["issued_on"] = _("Isi tanggal terbit sertifikat.")
    elif issued > timezone.localdate():
        errors["issued_on"] = _("Tanggal terbit tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    return {"certificate_number": number, "issued_on": issued}


def _machine(application: Application, data: Mapping[str, Any]) -> dict[str, Any]:
    value = _positive(data, "machine_value")
    allowed = reimbursement_allowed(programme=application.programme, machine_value=value)
    asked = _amount(data, "reimbursement_value", required=False)
    if asked is None:
        asked = allowed
    elif asked > allowed:
        raise ValidationError(
            {
                "reimbursement_value": _(
                    "Penggantian %(asked)s melebihi yang diizinkan program untuk mesin "
                    "senilai %(value)s: paling banyak %(allowed)s."
                )
                % {"asked": rupiah(asked), "value": rupiah(value), "allowed": rupiah(allowed)}
            }
        )
    return {"machine_value": value, "reimbursement_value": asked}


def _shop(application: Application, data: Mapping[str, Any]) -> dict[str, Any]:
    try:
        url, _marketplace = clean_marketplace_url(str(data.get("shop_url") or ""))
    except ValidationError as exc:
        raise ValidationError({"shop_url": exc.message_dict["url"]}) from None
    return {"shop_url": url}


def _contract(application: Application, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"contract_value": _positive(data, "contract_value")}


def _other(application: Application, data: Mapping[str, Any]) -> dict[str, Any]:
    if not str(data.get("note") or "").strip():
        raise ValidationError({"note": _("Jelaskan hasilnya di catatan.")})
    return {}


CHECKERS: dict[str, Callable[[Application, Mapping[str, Any]], dict[str, Any]]] = {
    K.CERTIFICATE: _certificate,
    K.MACHINE: _machine,
    K.MARKETPLACE_SHOP: _shop,
    K.CONTRACT: _contract,
    K.OTHER: _other,
}


@transaction.atomic
def outcome_record(
    *, provenance: Provenance, application: Application, kind: str, data: Mapping[str, Any]
) -> Outcome:
    """Record one outcome of a participating or completed applicant; only the fields of
    `kind` are kept (see CHECKERS), plus an optional note. Audited; the owner is told."""
    require(can_run(provenance.actor, application.programme))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in RECEIVED_STATUSES:
        raise ValidationError(_("Hasil hanya dicatat untuk peserta atau peserta yang selesai."))
    if kind not in CHECKERS:
        raise ValidationError({"kind": _("Jenis hasil tidak dikenal.")})
    fields = CHECKERS[kind](application, data)
    note = str(data.get("note") or "").strip()
    outcome = Outcome.objects.create(
        application=application, kind=kind, note=note, recorded_by=provenance.actor, **fields
    )
    record_change(
        instance=application,
        action="outcome_recorded",
        provenance=provenance,
        changes=diff({}, {k: v for k, v in snapshot(outcome, OUTCOME_FIELDS).items() if v}),
    )
    _tell_owner(application, outcome)
    return outcome


def _tell_owner(application: Application, outcome: Outcome) -> None:
    owner = application.enterprise.owner
    title = _("%(programme)s: hasil dicatat — %(kind)s") % {
        "programme": application.programme.title,
        "kind": outcome.get_kind_display(),
    }
    notify(user=owner.user if owner else None, title=title, url=application.owner_url)


@transaction.atomic
def outcome_remove(*, provenance: Provenance, outcome: Outcome) -> None:
    """Remove an outcome recorded by mistake (audited with its values)."""
    require(can_run(provenance.actor, outcome.application.programme))
    before = {k: v for k, v in snapshot(outcome, OUTCOME_FIELDS).items() if v}
    record_change(
        instance=outcome.application,
        action="outcome_removed",
        provenance=provenance,
        changes={k: [v, None] for k, v in before.items()},
    )
    outcome.delete()


def can_report_followup(user: Any, follow_up: FollowUp) -> bool:
    """The programme's officers, or the owner of the enterprise that took part."""
    application = follow_up.application
    if can_run(user, application.programme):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_owner
        and is_own(user, application.enterprise)
    )


@transaction.atomic
def followup_record(
    *,
    provenance: Provenance,
    follow_up: FollowUp,
    monthly_sales: int | str,
    workforce: int,
    note: str = "",
) -> FollowUp:
    """The enterprise's monthly sales (Rupiah) and workforce at the checkpoint. A second
    report replaces the first (audited with both)."""
    require(can_report_followup(provenance.actor, follow_up))
    sales = _amount({"monthly_sales": monthly_sales}, "monthly_sales", required=True)
    if isinstance(workforce, bool) or not isinstance(workforce, int) or workforce < 0:
        raise ValidationError({"workforce": _("Jumlah tenaga kerja harus bilangan bulat ≥ 0.")})
    if follow_up.application.status != ApplicationStatus.COMPLETED:
        raise ValidationError(_("Tindak lanjut hanya untuk peserta yang telah selesai."))
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    before = snapshot(follow_up, FOLLOW_UP_FIELDS)
    follow_up.done_on = timezone.localdate()
    follow_up.monthly_sales, follow_up.workforce = sales, workforce
    follow_up.note = (note or "").strip()
    follow_up.recorded_by = provenance.actor
    follow_up.save()
    record_change(
        instance=follow_up,
        action="follow_up_recorded",
        provenance=provenance,
        changes=diff(before, snapshot(follow_up, FOLLOW_UP_FIELDS)),
    )
    return follow_up
