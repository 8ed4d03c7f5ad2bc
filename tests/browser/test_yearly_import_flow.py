"""End to end on a 390 px phone, issue 6 item 1 ("reminders when due; imports"): an officer of
Kota Bandar Lampung opens the yearly reports from the menu, follows the count of IKM that
have not reported to the due list, downloads it as a workbook, fills the row in the way
people write money, checks the file (nothing saved), fixes a wrong row the check found,
imports it, and sees the IKM leave the due list.

Screenshots at 390 px go to tmp_path (or SIMPUL_SCREENSHOTS_DIR when set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from simpul.reporting.models import YearlyFigure
from simpul.reporting.tests.conftest import last_year, verified  # noqa: F401 — fixtures

from .kit import PHONE
from .test_programme_flow import flash, no_overflow_at_phone, shot
from .test_registration_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER = "petugas.1871@uji.id"  # the root conftest's `officer`


def fill_in(download: Path, target: Path, *, men) -> Path:
    """The officer's edit of the downloaded due list: one row of figures."""
    book = load_workbook(download)
    sheet = book.worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    row = {name: column for column, name in enumerate(headings, start=1)}
    sheet.cell(row=2, column=row["tk_laki_laki"], value=men)
    sheet.cell(row=2, column=row["tk_perempuan"], value=3)
    sheet.cell(row=2, column=row["penjualan"], value="Rp 450 juta")
    book.save(target)
    return target


def test_officer_fills_in_the_due_list_and_imports_it(
    new_page,
    officer,
    verified,  # noqa: F811
    last_year,  # noqa: F811
    tmp_path,
):
    page = new_page(PHONE)
    log_in(page, OFFICER)
    page.get_by_role("link", name="Laporan tahunan", exact=True).click()
    page.get_by_role(
        "link", name=f"1 IKM terverifikasi belum melapor untuk tahun {last_year}."
    ).click()

    expect(page.locator("h1")).to_have_text(f"IKM belum melapor tahun {last_year}")
    expect(page.locator("table.due-list tbody tr")).to_have_count(1)
    expect(page.locator("table.due-list")).to_contain_text(verified.name)
    assert no_overflow_at_phone(page)
    shot(page, tmp_path, "ponsel-22-belum-melapor.png")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh daftar untuk diisi (XLSX)").click()
    assert download.value.suggested_filename == f"laporan-tahunan-{last_year}-belum-melapor.xlsx"
    blank = tmp_path / download.value.suggested_filename
    download.value.save_as(blank)
    wrong = fill_in(blank, tmp_path / "isian-salah.xlsx", men="dua")

    page.get_by_role("link", name="Impor berkas yang sudah diisi").click()
    expect(page.locator("h1")).to_have_text("Impor laporan tahunan")
    page.set_input_files("#id_file", str(wrong))
    page.get_by_role("button", name="Periksa dulu").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("tidak ada yang disimpan")
    expect(alert).to_contain_text("Baris 2")
    assert not YearlyFigure.objects.exists()

    fixed = fill_in(blank, tmp_path / "isian.xlsx", men=2)
    page.set_input_files("#id_file", str(fixed))
    page.get_by_role("button", name="Periksa dulu").click()
    expect(page.get_by_role("status")).to_contain_text("belum ada yang disimpan: 1 baru")
    assert not YearlyFigure.objects.exists()
    assert no_overflow_at_phone(page)
    shot(page, tmp_path, "ponsel-23-impor-laporan-tahunan.png")

    page.set_input_files("#id_file", str(fixed))
    page.get_by_role("button", name="Impor", exact=True).click()
    expect(flash(page)).to_contain_text("Laporan tahunan: 1 baru, 0 diperbarui")
    figure = YearlyFigure.objects.get(enterprise=verified, year=last_year)
    assert (figure.workforce, figure.sales_value, figure.source) == (5, 450_000_000, "import")

    page.get_by_role("link", name="Daftar IKM yang belum melapor").click()
    expect(page.locator("table.due-list")).to_contain_text("Semua IKM terverifikasi sudah melapor.")
