"""`simpul import_yearly_figures`: a real .xlsx and .csv through the command."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from simpul.reporting.models import YearlyFigure

pytestmark = pytest.mark.django_db


def _run(path, officer) -> str:
    out = io.StringIO()
    call_command("import_yearly_figures", str(path), "--user", officer.email, stdout=out)
    return out.getvalue().strip()


def test_an_office_workbook_with_indonesian_headings(tmp_path, verified, officer, last_year):
    verified.nib = "1234567890123"
    verified.save(update_fields=["nib"])
    book = Workbook()
    sheet = book.active
    sheet.append(["NIB", "Tahun", "TK laki-laki", "TK perempuan", "Penjualan", "Ekspor"])
    sheet.append(["1234567890123", last_year - 1, 2, 3, "300 jt", None])
    sheet.append(["1234567890123", last_year, 2, 4, "Rp 450.000.000", 0])
    sheet.append([None] * 6)  # a blank line at the end of the sheet
    path = tmp_path / "laporan.xlsx"
    book.save(path)
    assert _run(path, officer) == (
        "Laporan tahunan: 2 baru, 0 diperbarui, 0 tidak berubah, 0 ditandai untuk diperiksa."
    )
    latest = YearlyFigure.objects.get(enterprise=verified, year=last_year)
    assert (latest.workforce, latest.sales_value, latest.source) == (6, 450_000_000, "import")
    # The same file again changes nothing.
    assert _run(path, officer) == (
        "Laporan tahunan: 0 baru, 0 diperbarui, 2 tidak berubah, 0 ditandai untuk diperiksa."
    )


def test_a_bad_row_refuses_the_whole_csv(tmp_path, verified, officer, last_year):
    path = tmp_path / "laporan.csv"
    path.write_text(
        "nomor_ikm;tahun;penjualan\n"
        f"{verified.pk};{last_year};100 jt\n"
        f"{verified.pk};{last_year + 3};100 jt\n",
        encoding="utf-8",
    )
    # Row 3 of the sheet: the numbers are those a spreadsheet shows (the header is row 1).
    with pytest.raises(CommandError, match=f"Baris 3: year: Tahun {last_year + 3} belum tiba"):
        _run(path, officer)
    assert not YearlyFigure.objects.exists()


def test_unknown_columns_and_files_are_refused(tmp_path, officer):
    path = tmp_path / "laporan.csv"
    path.write_text("nib,tahun,omzet_kuartal\n1,2024,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Kolom tidak dikenal: omzet_kuartal"):
        _run(path, officer)
    other = tmp_path / "laporan.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="Jenis berkas .pdf tidak didukung"):
        _run(other, officer)
