"""Setting up a programme: create, change, publish, finish, cancel. The organising office
and the officer must both hold the programme's region in their jurisdiction (a regency
office runs programmes inside its regency only); a forged request changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.accounts.models import Office
from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.core.scope import RegionScope
from simpul.notifications.services import notify
from simpul.regions.models import Region
from simpul.registry.services.permissions import STAFF_WRITERS, require

from ..choices import ProgrammeKind, ProgrammeStatus
from ..models import Programme
from ..permissions import can_run
from .transitions import quota_taken

S = ProgrammeStatus
EDITABLE = (
    "title",
    "kind",
    "region",
    "description",
    "required_documents",
    "period_start",
    "period_end",
    "apply_opens",
    "apply_closes",
    "quota",
    "budget",
    "reimbursement_percent",
    "reimbursement_min",
    "reimbursement_max",
)
AUDITED = [*EDITABLE, "status"]
MACHINERY_FIELDS = ("reimbursement_percent", "reimbursement_min", "reimbursement_max")
# Who may apply follows from these; once someone has applied they stay as they were.
FROZEN_AFTER_APPLICATIONS = ("kind", "region")
MAX_DOCUMENTS = 20


def require_setup(actor: Any, programme: Programme) -> None:
    """The actor may change this programme, and the programme can still be changed."""
    require(can_run(actor, programme))
    if programme.status in (S.FINISHED, S.CANCELLED):
        raise ValidationError(
            _("Program yang sudah selesai atau dibatalkan tidak dapat diubah lagi.")
        )


def has_applications(programme: Programme) -> bool:
    return programme.pk is not None and programme.applications.exists()


def _set_region(programme: Programme, region: Region | None) -> None:
    """The region and its denormalised codes (what the scope filters on)."""
    programme.region = region
    code = region.code if region else ""
    programme.province_code = code[:2]
    programme.regency_code = code[:5] if len(code) >= 5 else ""
    programme.district_code = code[:8] if len(code) >= 8 else ""


def _check_region(actor: Any, office: Office, region: Region | None) -> None:
    if region is not None and region.level > Region.Level.DISTRICT:
        raise ValidationError(
            {"region": _("Wilayah program paling kecil kecamatan, bukan desa/kelurahan.")}
        )
    code = region.code if region else ""
    if not RegionScope(prefix=office.jurisdiction_code).covers_region(code):
        raise ValidationError(
            {"region": _("Wilayah program harus di dalam wilayah kerja kantor penyelenggara.")}
        )
    if not RegionScope.for_user(actor).covers_region(code):
        raise ValidationError({"region": _("Wilayah program di luar wilayah kerja Anda.")})


def _check_dates(p: Programme) -> dict[str, str]:
    errors = {}
    if p.apply_opens is None:
        errors["apply_opens"] = _("Tanggal pendaftaran dibuka wajib diisi.")
    if p.apply_closes is None:
        errors["apply_closes"] = _("Tanggal pendaftaran ditutup wajib diisi.")
    elif p.apply_opens and p.apply_closes < p.apply_opens:
        errors["apply_closes"] = _("Pendaftaran tidak dapat ditutup sebelum dibuka.")
    if p.period_start and p.period_end and p.period_end < p.period_start:
        errors["period_end"] = _("Pelaksanaan tidak dapat selesai sebelum dimulai.")
    if p.period_start and p.apply_opens and p.period_start < p.apply_opens:
        errors["period_start"] = _("Pelaksanaan tidak dapat dimulai sebelum pendaftaran dibuka.")
    return errors


def _check_amounts(p: Programme) -> dict[str, str]:
    errors = {}
    if not isinstance(p.quota, int) or p.quota < 1:
        errors["quota"] = _("Kuota peserta paling sedikit 1.")
    if not isinstance(p.budget, int) or p.budget < 0:
        errors["budget"] = _("Anggaran tidak boleh negatif.")
    if p.kind != ProgrammeKind.MACHINERY:
        return errors
    percent, low, high = p.reimbursement_percent, p.reimbursement_min, p.reimbursement_max
    if percent is not None and not 1 <= percent <= 100:
        errors["reimbursement_percent"] = _("Persentase penggantian harus 1 sampai 100.")
    if (low is not None and low < 0) or (high is not None and high < 0):
        errors["reimbursement_min"] = _("Nilai penggantian tidak boleh negatif.")
    elif low is not None and high is not None and low > high:
        errors["reimbursement_max"] = _("Penggantian maksimum tidak boleh di bawah minimum.")
    return errors


def _documents(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    names = [" ".join(str(v).split()) for v in value or []]
    names = list(dict.fromkeys(n for n in names if n))  # no blanks, no repeats, in order
    if len(names) > MAX_DOCUMENTS or any(len(n) > 160 for n in names):
        raise ValidationError(
            {"required_documents": _("Paling banyak 20 dokumen, tiap nama ≤ 160 huruf.")}
        )
    return names


def _apply_data(programme: Programme, data: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name not in data:
            continue
        if name == "region":
            _set_region(programme, data["region"])
        elif name == "required_documents":
            programme.required_documents = _documents(data[name])
        elif name in ("title", "description"):
            setattr(programme, name, (data[name] or "").strip())
        else:
            setattr(programme, name, data[name])
    if programme.kind != ProgrammeKind.MACHINERY:
        # Reimbursement means something only for machinery restructuring.
        for name in MACHINERY_FIELDS:
            setattr(programme, name, None)


def _validate(programme: Programme) -> None:
    errors: dict[str, str] = {}
    if not programme.title:
        errors["title"] = _("Nama program wajib diisi.")
    if programme.kind not in ProgrammeKind.values:
        errors["kind"] = _("Jenis program tidak dikenal.")
    errors.update(_check_dates(programme))
    errors.update(_check_amounts(programme))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create(*, provenance: Provenance, office: Office, data: dict[str, Any]) -> Programme:
    """A draft programme of `office`; `data` holds the EDITABLE fields (region None =
    national, for Kemenperin only)."""
    actor = provenance.actor
    require(getattr(actor, "is_office_staff", False) and actor.role in STAFF_WRITERS)
    # An officer acts for their own office or for an office under its supervision.
    require(RegionScope.for_user(actor).covers_region(office.jurisdiction_code))
    _check_region(actor, office, data.get("region"))
    programme = Programme(office=office, created_by=actor, status=S.DRAFT)
    _apply_data(programme, {"required_documents": [], **data})
    _validate(programme)
    programme.save()
    record_change(
        instance=programme,
        action="created",
        provenance=provenance,
        changes=diff({}, snapshot(programme, AUDITED)),
    )
    return programme


@transaction.atomic
def programme_update(
    *, provenance: Provenance, programme: Programme, data: dict[str, Any]
) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require_setup(provenance.actor, programme)
    before = snapshot(programme, AUDITED)
    if "region" in data:
        _check_region(provenance.actor, programme.office, data["region"])
    _apply_data(programme, data)
    _validate(programme)
    changes = diff(before, snapshot(programme, AUDITED))
    frozen = [f for f in FROZEN_AFTER_APPLICATIONS if f in changes]
    if frozen and has_applications(programme):
        raise ValidationError(
            {f: _("Tidak dapat diubah: program ini sudah memiliki pendaftar.") for f in frozen}
        )
    if "quota" in changes and programme.quota < quota_taken(programme):
        raise ValidationError(
            {"quota": _("Kuota tidak boleh di bawah jumlah peserta yang sudah terpilih.")}
        )
    if changes:
        programme.save()
        record_change(instance=programme, action="updated", provenance=provenance, changes=changes)
    return programme


def _missing_for_publish(programme: Programme) -> list[str]:
    missing = []
    if not programme.description.strip():
        missing.append(_("keterangan program"))
    if programme.period_start is None or programme.period_end is None:
        missing.append(_("masa pelaksanaan"))
    if programme.kind == ProgrammeKind.MACHINERY and programme.reimbursement_percent is None:
        missing.append(_("persentase penggantian mesin"))
    return missing


def _set_status(programme: Programme, to: str, provenance: Provenance, allowed: set[str]) -> None:
    if programme.status not in allowed:
        raise ValidationError(
            _("Status program tidak dapat diubah dari %(old)s ke %(new)s.")
            % {"old": S(programme.status).label, "new": S(to).label}
        )
    record_change(
        instance=programme,
        action="status_changed",
        provenance=provenance,
        changes={"status": [programme.status, to]},
    )
    programme.status = to
    programme.save(update_fields=["status", "updated_at"])


@transaction.atomic
def programme_publish(*, provenance: Provenance, programme: Programme) -> Programme:
    """Announce the call: it shows on the public list while its window is open."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require_setup(provenance.actor, programme)
    missing = _missing_for_publish(programme)
    if missing:
        raise ValidationError(
            _("Lengkapi dulu sebelum mengumumkan: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    _set_status(programme, S.PUBLISHED, provenance, {S.DRAFT})
    return programme


@transaction.atomic
def programme_finish(*, provenance: Provenance, programme: Programme) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require(can_run(provenance.actor, programme))
    _set_status(programme, S.FINISHED, provenance, {S.PUBLISHED})
    return programme


@transaction.atomic
def programme_cancel(*, provenance: Provenance, programme: Programme) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require(can_run(provenance.actor, programme))
    _set_status(programme, S.CANCELLED, provenance, {S.DRAFT, S.PUBLISHED})
    _tell_applicants_of_cancellation(programme)
    return programme


def _tell_applicants_of_cancellation(programme: Programme) -> None:
    """Everyone who applied hears it from us, not from a closed page."""
    title = _("Program %(programme)s dibatalkan") % {"programme": programme.title}
    body = _("Dinas penyelenggara membatalkan program ini. Hubungi Dinas bila ada pertanyaan.")
    applications = programme.applications.select_related("enterprise__owner__user")
    for application in applications:
        owner = application.enterprise.owner
        notify(
            user=owner.user if owner else None, title=title, body=body, url=application.owner_url
        )
