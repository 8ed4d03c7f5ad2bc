"""End to end, issue 6 ("Done when"): an analyst of the Lampung provincial office opens the
regional dashboard from the menu on a 390 px phone, drills into a regency, clicks a number
through to the enterprises behind it, goes back up to the province and downloads the PDF
report from the dashboard's link; the PDF renders (pdftoppm) and holds the expected totals
(pdftotext).

Data: the hand-checked dataset of simpul/insights/tests/conftest.py (11 verified IKM in
Lampung at the end of 2025; 5 of them in Kota Bandar Lampung: E1 E2 E3 E4 E6).

Screenshots at 390 px go to tmp_path (or SIMPUL_SCREENSHOTS_DIR when set)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from simpul.insights.tests.conftest import dataset, kbli_two  # noqa: F401 — fixtures

from .kit import DESKTOP, PHONE
from .test_programme_flow import no_overflow_at_phone, shot
from .test_registration_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANALYST = "analis.18@uji.id"


@pytest.fixture
def analyst(make_user, offices):
    return make_user(ANALYST, "analyst", offices["18"])


def tile_number(page, key: str):
    return page.locator(f".dash-tile[data-key='{key}'] .dash-value")


def test_analyst_drills_down_and_downloads_the_report(new_page, analyst, dataset, tmp_path):  # noqa: F811
    page = new_page(PHONE)
    log_in(page, ANALYST)
    page.get_by_role("link", name="Wawasan", exact=True).click()

    # The province's dashboard, the latest year with data (2025) chosen by itself.
    expect(page.locator("h1")).to_contain_text("Wawasan IKM Lampung")
    expect(page.locator("#tahun")).to_have_value("2025")
    expect(tile_number(page, "verified")).to_have_text("11")
    expect(tile_number(page, "registered")).to_have_text("13")
    expect(page.locator("svg[role=img]")).to_have_count(3)
    assert no_overflow_at_phone(page)
    shot(page, tmp_path, "ponsel-20-wawasan-provinsi.png")

    # Drill into the regency with the most IKM (the first ranked bar).
    first_bar = page.locator(".hbars").first.locator("li").first
    expect(first_bar).to_contain_text("Kota Bandar Lampung")
    first_bar.get_by_role("link", name="Kota Bandar Lampung", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Wawasan IKM Kota Bandar Lampung")
    expect(page.locator(".crumbs")).to_contain_text("Lampung")
    expect(tile_number(page, "verified")).to_have_text("5")
    assert no_overflow_at_phone(page)
    shot(page, tmp_path, "ponsel-21-wawasan-kota.png")

    # The number → the enterprises behind it.
    tile_number(page, "verified").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("IKM terverifikasi pada akhir 2025")
    names = page.locator("table.drill tbody td:first-child a")
    expect(names).to_have_text(["E1", "E2", "E3", "E4", "E6"])
    expect(page.locator(".drill-count")).to_have_text("5 IKM")
    assert no_overflow_at_phone(page)
    shot(page, tmp_path, "ponsel-22-wawasan-daftar.png")

    # Back up to the province through the breadcrumb, and download its PDF report.
    page.get_by_role("link", name="Kembali ke dasbor").click()
    page.locator(".crumbs").get_by_role("link", name="Lampung", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Wawasan IKM Lampung")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    pdf = tmp_path / "laporan.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"

    # It renders: pdftoppm draws the first page as an image.
    pdftoppm, pdftotext = shutil.which("pdftoppm"), shutil.which("pdftotext")
    assert pdftoppm and pdftotext, "poppler-utils tidak terpasang"
    subprocess.run(  # noqa: S603
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "hal")],
        check=True,
        timeout=60,
    )
    images = sorted(tmp_path.glob("hal*.png"))
    assert images and images[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # And holds the totals: the province's 11 verified IKM and its regencies by name.
    text = subprocess.run(  # noqa: S603
        [pdftotext, "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "Lampung" in text and "2025" in text
    assert re.search(r"terverifikasi[^\n]*\b11\b", text), text[:3000]
    assert "Kota Bandar Lampung" in text
    assert "Kabupaten Lampung Barat" in text


def test_dashboard_on_a_desk(new_page, analyst, dataset, tmp_path):  # noqa: F811
    """The same page on a desktop: tiles in a grid, charts side by side, nothing clipped."""
    page = new_page(DESKTOP)
    log_in(page, ANALYST)
    page.goto("/kelola/wawasan/?wilayah=18&tahun=2025")
    expect(tile_number(page, "verified")).to_have_text("11")
    assert page.evaluate(f"document.documentElement.scrollWidth <= {DESKTOP['width']}")
    path: Path = shot(page, tmp_path, "desktop-20-wawasan-provinsi.png")
    assert path.stat().st_size > 10_000
