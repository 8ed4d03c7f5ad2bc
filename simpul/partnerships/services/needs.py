"""Posting and closing a partner's needs."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.catalogue.choices import CertificationKind
from simpul.core.audit import Provenance, record_change
from simpul.regions.models import Region

from ..choices import NeedPeriod, NeedStatus
from ..models import Partner, PartnerNeed
from ..permissions import can_post_need, require

_PREFIX_RE = re.compile(r"^\d{2,5}$")
MAX_PREFIXES = 8


def clean_kbli_prefixes(text: str) -> str:
    """ "10, 11 1076" → "10,11,1076" (2–5 digits each: golongan pokok to kelompok)."""
    parts = [p for p in re.split(r"[\s,;]+", text or "") if p]
    bad = [p for p in parts if not _PREFIX_RE.match(p)]
    if bad:
        message = _("Awalan KBLI “%(value)s” tidak sah; tulis 2–5 angka, mis. 10 atau 1076.")
        raise ValidationError({"kbli_prefixes": message % {"value": bad[0]}})
    if len(parts) > MAX_PREFIXES:
        raise ValidationError(
            {"kbli_prefixes": _("Paling banyak %(n)s awalan KBLI.") % {"n": MAX_PREFIXES}}
        )
    return ",".join(dict.fromkeys(parts))


def _clean(
    *, title: str, volume: int, unit: str, period: str, region: Region | None,
    certifications: list[str], needed_by: dt.date | None,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Judul kebutuhan wajib diisi.")
    if volume is None or volume <= 0:
        errors["volume"] = _("Volume harus lebih dari 0.")
    if not unit.strip():
        errors["unit"] = _("Satuan wajib diisi, mis. kg, pcs, liter.")
    if period not in NeedPeriod.values:
        errors["period"] = _("Periode tidak dikenal.")
    if region is not None and region.level not in (Region.Level.PROVINCE, Region.Level.REGENCY):
        errors["region"] = _(
            "Pilih provinsi atau kabupaten/kota, atau kosongkan (seluruh Indonesia)."
        )
    if any(kind not in CertificationKind.values for kind in certifications):
        errors["certifications"] = _("Jenis sertifikat tidak dikenal.")
    if needed_by is not None and needed_by < timezone.localdate():
        errors["needed_by"] = _("Tanggal dibutuhkan sudah lewat.")
    return errors


@transaction.atomic
def need_post(
    *,
    provenance: Provenance,
    partner: Partner,
    title: str,
    volume: int,
    unit: str,
    period: str,
    description: str = "",
    kbli_prefixes: str = "",
    keywords: str = "",
    region: Region | None = None,
    certifications: list[str] | None = None,
    needed_by: dt.date | None = None,
) -> PartnerNeed:
    """A partner's contact posts a need for their own partner, or an officer who
    manages the partner posts it on their behalf."""
    require(can_post_need(provenance.actor, partner))
    certifications = sorted(set(certifications or []))
    errors = _clean(
        title=title, volume=volume, unit=unit, period=period, region=region,
        certifications=certifications, needed_by=needed_by,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    need = PartnerNeed.objects.create(
        partner=partner,
        title=" ".join(title.split()),
        description=description.strip(),
        kbli_prefixes=clean_kbli_prefixes(kbli_prefixes),
        keywords=" ".join(keywords.split()),
        volume=volume,
        unit=unit.strip(),
        period=period,
        region=region,
        certifications=certifications,
        needed_by=needed_by,
        created_by=provenance.actor if getattr(provenance.actor, "pk", None) else None,
    )
    record_change(
        instance=need,
        action="need_posted",
        provenance=provenance,
        changes={"title": [None, need.title], "partner": [None, partner.public_key]},
    )
    return need


@transaction.atomic
def need_close(*, provenance: Provenance, need: PartnerNeed, note: str = "") -> PartnerNeed:
    """Stop looking for suppliers; matches already made go on."""
    need = (
        PartnerNeed.objects.select_for_update(of=("self",))
        .select_related("partner")
        .get(pk=need.pk)
    )
    require(can_post_need(provenance.actor, need.partner))
    if need.status == NeedStatus.CLOSED:
        raise ValidationError(_("Kebutuhan ini sudah ditutup."))
    need.status = NeedStatus.CLOSED
    need.closed_at = timezone.now()
    need.save(update_fields=["status", "closed_at"])
    record_change(
        instance=need,
        action="need_closed",
        provenance=provenance,
        changes={"status": [NeedStatus.OPEN, NeedStatus.CLOSED]},
        note=note.strip(),
    )
    return need
