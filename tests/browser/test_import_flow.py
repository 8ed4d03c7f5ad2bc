"""End to end in a real browser: a Dinas officer imports a messy office workbook. The
machine cannot place one column, so the officer corrects it in its select; the preview
finds an unknown village, a duplicate and a NIK Excel turned into scientific notation;
the officer downloads the error report, imports the good rows, reloads, and finds them in
the list filtered by the batch.

Screenshots go to a temporary directory; set SIMPUL_SCREENSHOTS_DIR=docs/screenshots to
refresh the ones in the documentation."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from .kit import DESKTOP, PHONE
from .test_registration_flow import log_in, no_horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOOD = ["Kopi Bubuk Tapis Emas", "Tapis Lampung Indah"]
FIRST_ROW, UNKNOWN_VILLAGE_ROW, NIK_ROW = 5, 6, 8


def messy_workbook() -> bytes:
    """As Dinas lists come: two title rows, a two-row header with "Tenaga Kerja" merged
    over "L" and "P", the business name under "Merek Dagang" (no "Nama Usaha" column),
    a NIK typed as a number (Excel shows 1,87101E+15), an unknown village, a duplicate."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "IKM 2025"
    sheet.append(["DATA IKM KOTA BANDAR LAMPUNG"])
    sheet.merge_cells("A1:J1")
    sheet.append(["Keadaan Desember 2025"])
    top = ["No", "Merek Dagang", "Nama Pemilik", "NIK", "Desa", "Kecamatan", "Tenaga Kerja"]
    sheet.append([*top, None, "Produk", "KBLI"])
    sheet.append([None] * 6 + ["L", "P", None, None])
    sheet.merge_cells("G3:H3")
    place = ["Gotong Royong", "Tanjung Karang Pusat"]
    sheet.append(
        [1, GOOD[0], "Siti Aminah", "1871015203850001", *place, 2, 3, "kopi bubuk", "10761"]
    )
    sheet.append(
        [2, "Keripik Pisang Mekar", "Budi", None, "Sukamaju Entah", place[1], 1, 1, "keripik"]
    )
    sheet.append([3, GOOD[0], "Siti Aminah", None, *place, 2, 3, "kopi bubuk", "10761"])
    sheet.append([4, "Sambal Lada Hitam", "Rina", 1.87101e15, *place, 1, 2, "sambal", "10761"])
    sheet.append([5, GOOD[1], "Dewi", None, *place, 0, 4, "kain tapis", "10761"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def shot(page: Page, tmp_path: Path, name: str, *, docs: bool = True) -> Path:
    folder = Path(docs and os.environ.get("SIMPUL_SCREENSHOTS_DIR") or tmp_path)
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def test_officer_imports_a_messy_workbook(new_page, live_server, regions, kbli, officer, tmp_path):
    from simpul.exchange.models import ImportBatch
    from simpul.registry.models import Enterprise

    page = new_page(DESKTOP)
    log_in(page, officer.email)
    expect(page).to_have_url(re.compile(r"/kelola/target/$"))
    page.get_by_role("link", name="Impor data").click()
    expect(page.locator("h1")).to_have_text("Impor daftar IKM")
    expect(page.locator("#upload")).to_contain_text("25 MB")

    # --- upload, then correct the one column the machine could not place -----------------
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "ikm-kota-2025.xlsx", "mimeType": XLSX, "buffer": messy_workbook()}],
    )
    page.click("text=Unggah dan cocokkan kolom")
    expect(page).to_have_url(re.compile(r"/impor/[\w-]+/$"))
    batch_url = page.url
    mapping = page.locator("#mapping")
    expect(mapping).to_contain_text("Judul kolom di baris 3")
    expect(mapping).to_contain_text("Pemetaan disarankan otomatis")
    expect(mapping).to_contain_text("Kopi Bubuk Tapis Emas")  # a sample value
    expect(page.get_by_label("Tenaga Kerja L")).to_have_value("workers_male")
    expect(page.get_by_label("Tenaga Kerja P")).to_have_value("workers_female")
    brand = page.get_by_label("Merek Dagang")
    expect(brand).to_have_value("")  # "— abaikan —"
    page.click("text=Periksa (pratinjau)")
    expect(page.locator("#mapping .notice.bad")).to_contain_text("Nama usaha wajib dipilih")
    page.get_by_label("Merek Dagang").select_option("name")
    page.click("text=Periksa (pratinjau)")

    # --- the preview: counts, filtered rows, the error report ------------------------------
    expect(page).to_have_url(batch_url)
    expect(page.locator("#preview")).to_contain_text("5 baris data diperiksa")
    counts = {
        kind: page.locator(f".counts a.count-{kind} strong").inner_text()
        for kind in ("new", "update", "unchanged", "duplicate", "error")
    }
    assert counts == {"new": "2", "update": "0", "unchanged": "0", "duplicate": "1", "error": "2"}
    rows = page.locator("table.rows tbody tr")
    expect(rows).to_have_count(5)
    expect(page.locator("tr.row-duplicate")).to_contain_text(f"Sama dengan baris {FIRST_ROW}")
    page.click(".counts a.count-error")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Sukamaju Entah")
    expect(rows.nth(0).locator(".error-text")).to_be_visible()
    expect(rows.nth(1).locator(".error-text")).to_contain_text("NIK")
    shot(page, tmp_path, "desktop-05-impor.png")

    with page.expect_download() as download:
        page.click("text=Unduh laporan kesalahan (XLSX)")
    assert download.value.suggested_filename == "laporan-kesalahan-ikm-kota-2025.xlsx"
    report = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    values = list(report.values)
    assert values[0][:4] == ("Baris di berkas asal", "Hasil", "Kesalahan", "Peringatan")
    assert "Merek Dagang" in values[0] and "Tenaga Kerja L" in values[0]
    assert [row[0] for row in values[1:]] == [UNKNOWN_VILLAGE_ROW, NIK_ROW]
    brand_column = values[0].index("Merek Dagang")
    assert values[1][brand_column] == "Keripik Pisang Mekar"
    assert "Sukamaju Entah" in values[1][2] and "NIK" in values[2][2]

    # --- on a phone: the same batch, no page-wide overflow ---------------------------------
    phone = new_page(PHONE)
    log_in(phone, officer.email)
    phone.goto(batch_url + "?pemetaan=1")
    expect(phone.get_by_label("Merek Dagang")).to_have_value("name")
    assert no_horizontal_overflow(phone)
    shot(phone, tmp_path, "ponsel-09-impor.png")
    phone.goto(batch_url)
    expect(phone.locator("table.rows tbody tr")).to_have_count(5)
    assert no_horizontal_overflow(phone)  # the rows table scrolls inside its wrapper
    shot(phone, tmp_path, "ponsel-impor-pratinjau.png", docs=False)
    wrapper = phone.locator(".table-scroll")
    assert wrapper.evaluate("el => el.scrollWidth > el.clientWidth")

    # --- commit, skipping the rows with errors; the state survives a reload ----------------
    page.goto(batch_url)
    page.check("input[name=error_policy][value=skip]")
    page.click("text=Impor sekarang")
    expect(page).to_have_url(batch_url)
    expect(page.locator("#committed")).to_contain_text("2 IKM baru dibuat")
    page.reload()
    expect(page.locator("h1 .badge")).to_have_text("Selesai diimpor")
    expect(page.locator("#committed")).to_contain_text("2 IKM baru dibuat")

    page.click("text=Lihat IKM dari batch ini")
    expect(page).to_have_url(re.compile(r"/ikm/\?impor="))
    expect(page.locator("#batch-filter")).to_contain_text("«ikm-kota-2025.xlsx»")
    names = page.locator("table.list tbody td:first-child a")
    expect(names).to_have_count(2)
    assert sorted(names.all_inner_texts()) == GOOD

    batch = ImportBatch.objects.get()
    assert (batch.status, batch.rows_new, batch.rows_error) == ("committed", 2, 2)
    assert sorted(Enterprise.objects.values_list("name", flat=True)) == GOOD
    names.first.click()
    expect(page.locator("#import-sources")).to_contain_text("ikm-kota-2025.xlsx")


def test_progress_polls_survives_a_reload_and_shows_the_outcome(
    new_page, live_server, regions, kbli, officer
):
    """With a real worker the preview runs after the page has loaded: the bar follows the
    shared counter every second, a reload shows the same state, and the page reloads
    itself with the outcome when the work ends."""
    from simpul.exchange import services
    from simpul.exchange.choices import BatchStatus
    from simpul.exchange.engine import progress
    from simpul.exchange.models import ImportBatch

    batch = services.batch_upload(actor=officer, file_name="ikm.xlsx", data=messy_workbook())
    mapping = {**batch.mapping, "Merek Dagang": "name"}
    services.batch_configure(batch=batch, actor=officer, mapping=mapping)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.PREVIEWING)
    progress.report(batch.key, 120, 0)

    page = new_page(PHONE)
    log_in(page, officer.email)
    page.goto(f"/impor/{batch.key}/")
    expect(page.locator("#running")).to_contain_text("Memeriksa setiap baris")
    expect(page.locator("#progress")).to_contain_text("120 baris")
    progress.report(batch.key, 480, 0)
    expect(page.locator("#progress")).to_contain_text("480 baris")  # polled, no reload
    page.reload()
    expect(page.locator("#progress")).to_contain_text("480 baris")
    assert no_horizontal_overflow(page)

    batch.refresh_from_db()
    services.batch_preview_now(batch)  # what the worker does
    expect(page.locator("#preview")).to_contain_text("5 baris data diperiksa")
    expect(page.locator("h1 .badge")).to_have_text("Siap diimpor")
