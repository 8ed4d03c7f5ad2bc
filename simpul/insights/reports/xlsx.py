"""The regional report as an XLSX workbook, one sheet per section: "Sampul" (title, office,
date, source), "Indikator" (headline numbers against the targets), "Sebaran" (child regions
with a bar chart and the dispersion indices), "Desa-Kelurahan", "Kelas usaha", "KBLI",
"Deret waktu" (five years, with a chart), "Angka tahunan", "Program", "Penjualan turun"
and "Definisi". Numbers are numbers with Indonesian-style formats (the spreadsheet shows
the reader's separators); text a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from simpul.exchange.export import xlsx_value

from .data import NAMES_ELSEWHERE, ReportData

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH = '"Rp" #,##0'
COUNT = "#,##0"
PERCENT = "0.0"  # values are already percentages (57.1 means 57,1 %)
INDEX = "#,##0.0"
RATIO = "0.000"
DATETIME = "DD/MM/YYYY HH:MM"

SHEETS = (
    "Sampul",
    "Indikator",
    "Sebaran",
    "Desa-Kelurahan",
    "Kelas usaha",
    "KBLI",
    "Deret waktu",
    "Angka tahunan",
    "Program",
    "Penjualan turun",
    "Definisi",
)

Columns = Sequence[tuple[str, str | None, int]]  # header, number format, width


def _value(value: Any) -> Any:
    if isinstance(value, Promise):
        value = str(value)
    return xlsx_value(value)


def _sheet(workbook: Workbook, title: str, columns: Columns) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append([_value(header) for header, _fmt, _w in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, (_h, _fmt, width) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    return sheet


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _row(sheet: Worksheet, values: Sequence[Any], formats: Sequence[str | None]) -> None:
    sheet.append([_value(v) for v in values])
    for cell, fmt in zip(sheet[sheet.max_row], formats, strict=False):
        if fmt and _is_number(cell.value):
            cell.number_format = fmt


def _rows(sheet: Worksheet, columns: Columns, rows: Sequence[Sequence[Any]]) -> None:
    formats = [fmt for _h, fmt, _w in columns]
    for values in rows:
        _row(sheet, values, formats)


def _note(sheet: Worksheet, text: str) -> None:
    """A line of explanation under a table (one empty row between)."""
    sheet.append([])
    sheet.append([_value(text)])
    sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)


def _cover(workbook: Workbook, report: ReportData) -> None:
    sheet = _sheet(workbook, SHEETS[0], [(_("Keterangan"), None, 24), (_("Isi"), None, 80)])
    sheet["A1"].value, sheet["B1"].value = _("Judul"), _value(report.title)
    sheet["B1"].font = Font(bold=True, size=14)
    for label, value in [
        (_("Wilayah"), report.region_name),
        (_("Kode wilayah"), report.region or _("nasional")),
        (_("Tahun"), report.year),
        (_("Kantor"), report.office_name),
        (_("Dibuat pada"), report.generated_at.replace(tzinfo=None)),
        (_("Sumber"), report.source),
    ]:
        _row(sheet, [label, value], [None, None])
    sheet.cell(6, 2).number_format = DATETIME


def _headlines(workbook: Workbook, report: ReportData) -> None:
    columns = [
        (_("Indikator"), None, 32),
        (_("Nilai"), None, 14),
        (_("Satuan"), None, 8),
        (_("Target"), None, 12),
        (_("Capaian target (%)"), PERCENT, 18),
        (_("Seharusnya (%)"), PERCENT, 16),
    ]
    sheet = _sheet(workbook, SHEETS[1], columns)
    for h in report.headlines:
        fmt = PERCENT if h.unit == "%" else COUNT
        _row(
            sheet,
            [h.label, h.value, h.unit, h.target, h.target_percent, h.expected_percent],
            [None, fmt, None, fmt, PERCENT, PERCENT],
        )
    for t in report.targets:
        if t.target.programme_kind:
            label = f"{t.target.get_indicator_display()} ({t.target.get_programme_kind_display()})"
            _row(
                sheet,
                [label, t.actual, "IKM", t.target.value, t.percent, t.expected_percent],
                [None, COUNT, None, COUNT, PERCENT, PERCENT],
            )
    _note(
        sheet,
        _(
            "Pertumbuhan dibanding akhir tahun sebelumnya (%(prev)s IKM terverifikasi). "
            "Capaian target = nilai ÷ target × 100; seharusnya = bagian tahun yang sudah lewat."
        )
        % {"prev": report.counts.verified_previous},
    )


def _distribution(workbook: Workbook, report: ReportData) -> None:
    d = report.distribution
    columns = [
        (_("Kode"), None, 14),
        (report.child_level or _("Wilayah"), None, 32),
        (_("IKM terverifikasi"), COUNT, 18),
        (_("Bagian (%)"), PERCENT, 12),
    ]
    sheet = _sheet(workbook, SHEETS[2], columns)
    _rows(sheet, columns, [(p.value, p.label, p.count, p.percent) for p in d.children])
    last = sheet.max_row
    _row(sheet, ["", _("Jumlah"), d.total, 100 if d.total else None], [None, None, COUNT, PERCENT])
    sheet.cell(sheet.max_row, 2).font = Font(bold=True)
    sheet.append([])
    for label, value, fmt in [
        (_("Konsentrasi 3 terbesar (%)"), d.top3_percent, PERCENT),
        (_("Koefisien variasi"), d.cv, RATIO),
        (_("Indeks Herfindahl-Hirschman"), d.hhi, INDEX),
    ]:
        _row(sheet, ["", label, value], [None, None, fmt])
    if d.children:
        chart = BarChart()
        chart.type = "bar"
        chart.title = _("IKM terverifikasi per wilayah")
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=last))
        chart.height = max(7.5, 0.6 * len(d.children))
        sheet.add_chart(chart, "F2")


def _mix_sheet(workbook: Workbook, title: str, report: ReportData, facets: list[str]) -> None:
    columns = [
        (_("Pembagian"), None, 26),
        (_("Kode"), None, 10),
        (_("Kelompok"), None, 48),
        (_("IKM terverifikasi"), COUNT, 18),
        (_("Bagian (%)"), PERCENT, 12),
    ]
    sheet = _sheet(workbook, title, columns)
    names = {
        "area": _("Desa/kelurahan"),
        "size_perm": _("Permenperin 64/2016"),
        "size_pp7": _("PP 7/2021"),
        "gp": _("Golongan pokok KBLI"),
    }
    for facet in facets:
        mix = report.mix(facet)
        _rows(
            sheet,
            columns,
            [(names[facet], p.value, p.label, p.count, p.percent) for p in mix.parts],
        )
        share = 100 if mix.total else None
        _row(
            sheet,
            [names[facet], "", _("Jumlah"), mix.total, share],
            [None, None, None, COUNT, PERCENT],
        )


def _series(workbook: Workbook, report: ReportData) -> None:
    columns = [
        (_("Tahun"), None, 8),
        (_("IKM terdaftar"), COUNT, 14),
        (_("IKM terverifikasi"), COUNT, 16),
        (_("Baru terdaftar"), COUNT, 14),
        (_("Terverifikasi baru"), COUNT, 16),
        (_("Pertumbuhan (%)"), PERCENT, 16),
        (_("Tenaga kerja (orang)"), COUNT, 18),
        (_("Investasi (Rp)"), RUPIAH, 22),
        (_("Nilai produksi (Rp)"), RUPIAH, 22),
        (_("Penjualan (Rp)"), RUPIAH, 22),
        (_("Ekspor (Rp)"), RUPIAH, 22),
    ]
    sheet = _sheet(workbook, SHEETS[6], columns)
    _rows(
        sheet,
        columns,
        [
            (
                r.year, r.registered, r.verified, r.new_registered, r.new_verified, r.growth,
                r.workforce, r.investment_value, r.production_value, r.sales_value,
                r.export_value,
            )
            for r in report.series
        ],
    )  # fmt: skip
    last = sheet.max_row
    chart = LineChart()
    chart.title = _("IKM terdaftar dan terverifikasi")
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=last), True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    sheet.add_chart(chart, f"A{last + 3}")
    sales = BarChart()
    sales.title = _("Penjualan (Rp)")
    sales.legend = None
    sales.add_data(Reference(sheet, min_col=10, min_row=1, max_row=last), True)
    sales.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    sheet.add_chart(sales, f"G{last + 3}")


def _figures(workbook: Workbook, report: ReportData) -> None:
    f = report.figures
    columns = [(_("Ukuran"), None, 34), (_("Nilai"), None, 24), (_("Satuan"), None, 18)]
    sheet = _sheet(workbook, SHEETS[7], columns)
    rp, people, ikm = _("Rupiah per tahun"), _("orang"), "IKM"
    for label, value, unit, fmt in [
        (_("IKM yang melapor"), f.reporting, ikm, COUNT),
        (_("IKM aktif"), f.active.value, ikm, COUNT),
        (_("Tenaga kerja laki-laki"), f.workforce_men, people, COUNT),
        (_("Tenaga kerja perempuan"), f.workforce_women, people, COUNT),
        (_("Tenaga kerja"), f.workforce, people, COUNT),
        (_("Investasi"), f.investment_value, rp, RUPIAH),
        (_("Nilai produksi"), f.production_value, rp, RUPIAH),
        (_("Penjualan"), f.sales_value, rp, RUPIAH),
        (_("Penjualan online"), f.online_sales_value, rp, RUPIAH),
        (_("Bagian penjualan online"), f.online_share.value, "%", PERCENT),
        (_("Ekspor"), f.export_value, rp, RUPIAH),
    ]:
        _row(sheet, [label, value, unit], [None, fmt, None])


def _programmes(workbook: Workbook, report: ReportData) -> None:
    columns = [(_("Ukuran"), None, 40), (_("Nilai"), COUNT, 14), (_("Satuan"), None, 10)]
    sheet = _sheet(workbook, SHEETS[8], columns)
    r = report.reach
    _rows(
        sheet,
        columns,
        [
            (_("IKM peserta atau selesai program"), r.reached.value, "IKM"),
            (_("IKM menyelesaikan program"), r.completed.value, "IKM"),
        ],
    )


def _falls(workbook: Workbook, report: ReportData) -> None:
    y = report.year
    columns = [
        (_("Nama usaha"), None, 36),
        (_("Kode"), None, 14),
        (_("Desa/kelurahan"), None, 24),
        (_("Penjualan %(y)s (Rp)") % {"y": y - 2}, RUPIAH, 20),
        (_("Penjualan %(y)s (Rp)") % {"y": y - 1}, RUPIAH, 20),
        (_("Penjualan %(y)s (Rp)") % {"y": y}, RUPIAH, 20),
    ]
    sheet = _sheet(workbook, SHEETS[9], columns)
    falls = report.sales_falls or []
    _rows(sheet, columns, [(f.name, f.public_key, f.village, *f.sales) for f in falls])
    _note(sheet, _("Jumlah IKM: %(n)s") % {"n": report.sales_fall_count})
    if report.sales_falls is None:
        sheet.append([_value(NAMES_ELSEWHERE)])
    elif report.sales_fall_count > len(falls):
        sheet.append([_value(_("Hanya %(n)s pertama yang tercantum.") % {"n": len(falls)})])


def _definitions(workbook: Workbook, report: ReportData) -> None:
    columns = [(_("Istilah"), None, 30), (_("Definisi"), None, 110)]
    sheet = _sheet(workbook, SHEETS[10], columns)
    _rows(sheet, columns, report.definitions)
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    _note(sheet, report.source)


def write_xlsx(report: ReportData, target: IO[bytes]) -> None:
    """The workbook in Indonesian whatever the interface language, saved into `target`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override("id"):
        _cover(workbook, report)
        _headlines(workbook, report)
        _distribution(workbook, report)
        _mix_sheet(workbook, SHEETS[3], report, ["area"])
        _mix_sheet(workbook, SHEETS[4], report, ["size_perm", "size_pp7"])
        _mix_sheet(workbook, SHEETS[5], report, ["gp"])
        _series(workbook, report)
        _figures(workbook, report)
        _programmes(workbook, report)
        _falls(workbook, report)
        _definitions(workbook, report)
        workbook.properties.title = report.title[:200]
    workbook.properties.created = report.generated_at.replace(tzinfo=None)
    workbook.save(target)
