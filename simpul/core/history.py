"""Turns audit records into sentences a person reads: field labels instead of column
names, display values instead of stored codes, Rupiah instead of bare integers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.core.models import ChangeRecord
from simpul.core.money import format_rupiah

ACTION_LABELS = {
    "created": _("Dibuat"),
    "updated": _("Diubah"),
    "submitted": _("Diajukan untuk verifikasi"),
    "verified": _("Diverifikasi"),
    "revision_requested": _("Diminta perbaikan"),
    "rejected": _("Ditolak"),
    "nik_revealed": _("NIK lengkap dibuka"),
    "signed_up": _("Akun dibuat"),
    "staff_created": _("Staf ditambahkan"),
    "staff_activated": _("Staf diaktifkan"),
    "staff_deactivated": _("Staf dinonaktifkan"),
    "export": _("Daftar IKM diunduh"),
    "uploaded": _("Berkas impor diunggah"),
    "mapped": _("Kolom impor dicocokkan"),
    "committed": _("Batch impor dimasukkan"),
    "rolled_back": _("Batch impor dibatalkan"),
    "discarded": _("Batch impor dibuang"),
    "report_downloaded": _("Laporan kesalahan impor diunduh (berisi NIK)"),
    "import_rolled_back": _("Perubahan dari impor dibatalkan"),
    "published": _("Produk diterbitkan"),
    "unpublished": _("Produk ditarik dari katalog"),
    "deleted": _("Dihapus"),
    "photo_added": _("Foto produk ditambahkan"),
    "photo_removed": _("Foto produk dihapus"),
    "marketplace_link_added": _("Tautan marketplace ditambahkan"),
    "marketplace_link_removed": _("Tautan marketplace dihapus"),
    "marketplace_file": _("Berkas marketplace diunduh"),
    "certification_added": _("Sertifikasi ditambahkan"),
    "certification_removed": _("Sertifikasi dihapus"),
    "featured": _("Diunggulkan di beranda oleh Dinas"),
    "unfeatured": _("Unggulan di beranda dibatalkan"),
    "hidden": _("Disembunyikan oleh Dinas"),
    "unhidden": _("Ditampilkan kembali oleh Dinas"),
    # Programmes: setup, applications, curation, delivery.
    "status_changed": _("Status diubah"),
    "question_added": _("Pertanyaan ditambahkan"),
    "question_updated": _("Pertanyaan diubah"),
    "question_removed": _("Pertanyaan dihapus"),
    "rule_added": _("Syarat ditambahkan"),
    "rule_removed": _("Syarat dihapus"),
    "stage_added": _("Tahap kurasi ditambahkan"),
    "stage_removed": _("Tahap kurasi dihapus"),
    "criterion_added": _("Kriteria penilaian ditambahkan"),
    "criterion_removed": _("Kriteria penilaian dihapus"),
    "panelist_added": _("Panelis ditambahkan"),
    "panelist_removed": _("Panelis dihapus"),
    "panelist_invited": _("Panelis luar diundang"),
    "nominated": _("Diusulkan oleh Dinas"),
    "eligibility_rechecked": _("Syarat diperiksa ulang"),
    "curation_started": _("Kurasi dimulai"),
    "review_submitted": _("Penilaian panel dikirim"),
    "review_updated": _("Penilaian panel diubah"),
    "stage_advanced": _("Lanjut ke tahap kurasi berikutnya"),
    "selection_finalised": _("Seleksi ditetapkan"),
    "attendance_set": _("Kehadiran dicatat"),
    "test_scores_set": _("Nilai pre/post test dicatat"),
    "follow_ups_scheduled": _("Pemantauan lanjutan dijadwalkan"),
    "follow_up_recorded": _("Laporan pemantauan lanjutan dicatat"),
    "outcome_recorded": _("Hasil fasilitasi dicatat"),
    "outcome_removed": _("Hasil fasilitasi dihapus"),
    # Partnerships.
    "partner_created": _("Mitra ditambahkan"),
    "member_invited": _("Kontak mitra diundang"),
    "member_reinvited": _("Kontak mitra diundang ulang"),
    "need_posted": _("Kebutuhan mitra diterbitkan"),
    "need_closed": _("Kebutuhan mitra ditutup"),
    "match_introduced": _("IKM diperkenalkan ke mitra"),
    "match_status": _("Status kemitraan diubah"),
    "owner_linked": _("Akun pemilik ditautkan"),
    "nik_duplicate_refused": _("Pendaftaran dengan NIK yang sudah ada ditolak"),
}
# The same action word means something else on some records.
ENTITY_ACTION_LABELS = {
    ("programmes.application", "submitted"): _("Pendaftaran program dikirim"),
    ("programmes.application", "created"): _("Pendaftaran dibuat"),
    ("programmes.programme", "export"): _("Laporan program diunduh"),
}
# Columns that hold whole Rupiah, shown as money rather than as plain numbers.
MONEY_FIELDS = {
    "investment_value",
    "business_capital",
    "production_value",
    "annual_sales",
    "price_min",
    "price_max",
}
HIDDEN_VALUE_FIELDS = {"nik_hash"}  # the audit keeps only "••••" for these anyway
LABEL_OVERRIDES = {"nik_hash": _("NIK"), "documents": _("Dokumen"), "answers": _("Jawaban")}


@dataclass(frozen=True)
class ChangeLine:
    label: str
    before: str
    after: str


def action_label(action: str, entity: str = "") -> str:
    label = ENTITY_ACTION_LABELS.get((entity, action)) or ACTION_LABELS.get(action, action)
    return str(label)


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation (a key such as "documents") has no label or choices of its own.
    return field if isinstance(field, models.Field) else None


def _display(field: models.Field | None, name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if name in HIDDEN_VALUE_FIELDS:
        return "••••"
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    if name in MONEY_FIELDS and isinstance(value, int):
        return format_rupiah(value)
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def describe(record: ChangeRecord) -> list[ChangeLine]:
    try:
        model = apps.get_model(record.entity)
    except (LookupError, ValueError):
        model = None
    lines = []
    for name, pair in (record.changes or {}).items():
        before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        field = _field(model, name)
        label = str(LABEL_OVERRIDES.get(name) or (field.verbose_name if field else name))
        lines.append(
            ChangeLine(
                label[:1].upper() + label[1:],
                _display(field, name, before),
                _display(field, name, after),
            )
        )
    return lines
