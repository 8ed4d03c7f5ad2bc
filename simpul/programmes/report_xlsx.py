"""The per-programme report as an XLSX workbook: "Ringkasan" (each figure with its unit
and definition), "Peserta" (one row per application), "Hasil" (one row per outcome) and
"Tindak lanjut" (one row per follow-up). Numbers are written as numbers, money with a
Rupiah number format; text a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from simpul.exchange.export import xlsx_value

from .choices import ApplicationStatus, OutcomeKind
from .report import DESA, KELURAHAN, ProgrammeReport, area_kind

RUPIAH = '"Rp" #,##0'
COUNT = "#,##0"
DECIMAL = "0.0"
DATE = "DD/MM/YYYY"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = ("Ringkasan", "Peserta", "Hasil", "Tindak lanjut")

# Column header → number format of the column (None = text or the default).
Columns = Sequence[tuple[str, str | None]]


def file_name(report: ProgrammeReport) -> str:
    return f"laporan-program-{report.programme.public_key}.xlsx"


def _sheet(workbook: Workbook, title: str, columns: Columns) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append([header for header, _fmt in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, (header, _fmt) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(header) + 2)
    return sheet


def _row(sheet: Worksheet, values: Sequence[Any], formats: Sequence[str | None]) -> None:
    sheet.append([xlsx_value(str(v) if isinstance(v, Promise) else v) for v in values])
    for cell, fmt in zip(sheet[sheet.max_row], formats, strict=False):
        if fmt and cell.value is not None:
            cell.number_format = fmt


Line = tuple[str, Any, str, str | None, str]  # measure, value, unit, format, definition


def _funnel_lines(report: ProgrammeReport) -> list[Line]:
    c, ikm = report.counts, _("IKM")
    area = _("Bagian ke-4 kode wilayah diawali 2 = desa, 1 = kelurahan (Kemendagri).")
    return [
        (_("Pendaftar"), c.applicants, ikm, COUNT, _("Semua pendaftaran dan nominasi.")),
        (_("Memenuhi syarat"), c.eligible, ikm, COUNT, _("Lolos pemeriksaan syarat.")),
        (_("Terpilih"), c.selected, ikm, COUNT, _("Pernah mendapat tempat kuota.")),
        (_("Peserta"), c.participants, ikm, COUNT, _("Berstatus peserta atau selesai.")),
        (_("Selesai"), c.completed, ikm, COUNT, ""),
        (_("Gugur / mundur"), c.dropped, ikm, COUNT, _("Keluar setelah mendapat tempat.")),
        (_("Mengundurkan diri sebelum terpilih"), c.withdrawn, ikm, COUNT, ""),
        *[
            (_("Peserta di %(name)s") % {"name": name}, n, ikm, COUNT, _("Lokasi usaha."))
            for name, n in report.by_regency
        ],
        (_("Peserta di desa"), report.by_area[DESA], ikm, COUNT, area),
        (_("Peserta di kelurahan"), report.by_area[KELURAHAN], ikm, COUNT, area),
        (_("Peserta milik perempuan"), report.women_owned, ikm, COUNT, _("Pemilik: P.")),
        (
            _("Pangsa milik perempuan"),
            report.women_percent,
            "%",
            DECIMAL,
            _("Milik perempuan ÷ peserta, dibulatkan satu desimal."),
        ),
    ]


def _money_lines(report: ProgrammeReport) -> list[Line]:
    o, rp = report.outcomes, _("Rupiah")
    return [
        (_("Anggaran"), report.budget, rp, RUPIAH, ""),
        (_("Anggaran terpakai"), report.budget_used, rp, RUPIAH, _("Σ penggantian mesin.")),
        (_("Sisa anggaran"), report.budget_remaining, rp, RUPIAH, _("Anggaran − terpakai.")),
        (_("Sertifikat terbit"), o.certificates, _("sertifikat"), COUNT, ""),
        (_("Nilai mesin"), o.machine_value, rp, RUPIAH, _("Σ harga mesin peserta.")),
        (_("Penggantian mesin"), o.reimbursement, rp, RUPIAH, ""),
        (_("Toko marketplace dibuka"), o.shops, _("toko"), COUNT, ""),
        (_("Nilai kontrak"), o.contract_value, rp, RUPIAH, _("Σ nilai kontrak kemitraan.")),
    ]


def _progress_lines(report: ProgrammeReport) -> list[Line]:
    f, pts, reports = report.follow_ups, _("poin (0–100)"), _("laporan")
    return [
        (_("Rata-rata pre-test"), report.pre_test_mean, pts, DECIMAL, ""),
        (_("Rata-rata post-test"), report.post_test_mean, pts, DECIMAL, ""),
        (_("Rata-rata kenaikan nilai"), report.gain_mean, pts, DECIMAL, _("Post − pre.")),
        (_("Tindak lanjut dijadwalkan"), f.scheduled, reports, COUNT, _("3, 6, 12 bulan.")),
        (_("Tindak lanjut dilaporkan"), f.done, reports, COUNT, ""),
        (_("Tindak lanjut terlambat"), f.due, reports, COUNT, _("Lewat tempo, belum ada.")),
        (
            _("Rata-rata perubahan omzet"),
            f.mean_sales_change,
            _("Rupiah per bulan"),
            RUPIAH,
            _("Omzet per bulan saat tindak lanjut − omzet per tahun saat mendaftar ÷ 12."),
        ),
        *[
            (_("Kehadiran: %(s)s") % {"s": s.title}, s.rate, "%", DECIMAL, _("Hadir ÷ dicatat."))
            for s in report.attendance
        ],
    ]


def _summary(workbook: Workbook, report: ProgrammeReport) -> None:
    columns = [(_("Ukuran"), None), (_("Nilai"), None), (_("Satuan"), None), (_("Definisi"), None)]
    sheet = _sheet(workbook, SHEETS[0], columns)
    for measure, value, unit, fmt, definition in (
        _funnel_lines(report) + _money_lines(report) + _progress_lines(report)
    ):
        _row(sheet, [measure, value, unit, definition], [None, fmt, None, None])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["D"].width = 60


def _area_label(code: str | None) -> str:
    return {DESA: _("Desa"), KELURAHAN: _("Kelurahan")}.get(area_kind(code), "")


def _participants(workbook: Workbook, report: ProgrammeReport) -> None:
    columns = [
        (_("Kode pendaftaran"), None), (_("Nama usaha"), None), (_("Kabupaten/Kota"), None),
        (_("Desa/Kelurahan"), None), (_("Jenis wilayah"), None), (_("Milik perempuan"), None),
        (_("Status"), None), (_("Pre-test"), COUNT), (_("Post-test"), COUNT),
        (_("Hasil"), None), (_("Nilai mesin (Rp)"), RUPIAH),
        (_("Penggantian (Rp)"), RUPIAH), (_("Nilai kontrak (Rp)"), RUPIAH),
    ]  # fmt: skip
    sheet = _sheet(workbook, SHEETS[1], columns)
    formats = [fmt for _h, fmt in columns]
    for a in report.applications:
        e, outcomes = a.enterprise, list(a.outcomes.all())

        def total(name: str, outcomes: list = outcomes) -> int | None:
            values = [getattr(o, name) for o in outcomes if getattr(o, name) is not None]
            return sum(values) if values else None

        values = [
            a.public_key, e.name, report.regency_names.get(e.regency_code, ""),
            e.village.name if e.village else "", _area_label(e.village_id),
            _("Ya") if e.owner and e.owner.gender == "P" else _("Tidak"),
            ApplicationStatus(a.status).label, a.pre_test, a.post_test,
            ", ".join(str(OutcomeKind(o.kind).label) for o in outcomes),
            total("machine_value"), total("reimbursement_value"), total("contract_value"),
        ]  # fmt: skip
        _row(sheet, values, formats)


def _outcomes(workbook: Workbook, report: ProgrammeReport) -> None:
    columns = [
        (_("Kode pendaftaran"), None), (_("Nama usaha"), None), (_("Jenis hasil"), None),
        (_("Nomor sertifikat"), None), (_("Tanggal terbit"), DATE),
        (_("Nilai mesin (Rp)"), RUPIAH), (_("Penggantian (Rp)"), RUPIAH),
        (_("Toko marketplace"), None), (_("Nilai kontrak (Rp)"), RUPIAH),
        (_("Catatan"), None),
    ]  # fmt: skip
    sheet = _sheet(workbook, SHEETS[2], columns)
    names = {a.pk: (a.public_key, a.enterprise.name) for a in report.applications}
    for o in report.outcome_rows:
        values = [
            *names[o.application_id], OutcomeKind(o.kind).label, o.certificate_number,
            o.issued_on, o.machine_value, o.reimbursement_value, o.shop_url, o.contract_value,
            o.note,
        ]  # fmt: skip
        _row(sheet, values, [fmt for _h, fmt in columns])


def _follow_ups(workbook: Workbook, report: ProgrammeReport) -> None:
    columns = [
        (_("Kode pendaftaran"), None), (_("Nama usaha"), None), (_("Bulan ke"), COUNT),
        (_("Jatuh tempo"), DATE), (_("Dilaporkan"), DATE),
        (_("Omzet per bulan (Rp)"), RUPIAH),
        (_("Perubahan omzet per bulan (Rp)"), RUPIAH),
        (_("Tenaga kerja"), COUNT), (_("Catatan"), None),
    ]  # fmt: skip
    sheet = _sheet(workbook, SHEETS[3], columns)
    for f in report.follow_up_rows:
        values = [
            f.application.public_key, f.application.enterprise.name, f.months_after, f.due_on,
            f.done_on, f.monthly_sales, report.follow_ups.sales_change.get(f.pk), f.workforce,
            f.note,
        ]  # fmt: skip
        _row(sheet, values, [fmt for _h, fmt in columns])


def write_report(report: ProgrammeReport, target: IO[bytes]) -> None:
    """The four sheets, in Indonesian whatever the interface language (like the
    registry export), saved into `target`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override("id"):
        _summary(workbook, report)
        _participants(workbook, report)
        _outcomes(workbook, report)
        _follow_ups(workbook, report)
    workbook.properties.title = report.programme.title[:200]
    workbook.properties.created = timezone.now().replace(tzinfo=None)
    workbook.save(target)
