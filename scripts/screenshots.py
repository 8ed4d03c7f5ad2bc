#!/usr/bin/env python
"""Regenerate docs/screenshots/ from a running demo server.

The server must hold the demo data of `simpul seed_demo` (and the regions and KBLI tables):

    export SIMPUL_VAR_DIR=/tmp/shots-var
    simpul migrate && simpul load_regions && simpul load_kbli --builtin && simpul seed_demo
    simpul vendor_static && simpul collectstatic --noinput
    DEBUG=1 gunicorn simpul.config.wsgi -b 127.0.0.1:8765 &
    python scripts/screenshots.py --base-url http://127.0.0.1:8765

Phone screens (390 px): a fresh owner signs up and walks the six registration steps, then
the demo owner's "Usaha saya". Desk screens (1280 px), as the officer of Kota Bandar
Lampung: the verification queue, the list with filters, and the detail and history of the
registration just submitted. Uses Debian's chromium; no browser is downloaded.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser.kit import DESKTOP, PHONE, fill_fields, launch, pick_region, wait_for_htmx  # noqa: E402

DEMO_OWNER = "pemilik@demo.simpul.id"
DEMO_OFFICER = "petugas.18-71@demo.simpul.id"
DEMO_PASSWORD = "demo-simpul-2026"  # noqa: S105 - the published demo password
NEW_OWNER_PASSWORD = "Foto-Simpul-2026!"  # noqa: S105
BUSINESS = "Kopi Robusta Way Halim"
SAVE = "text=Simpan & lanjut"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--owner", default=DEMO_OWNER)
    parser.add_argument("--officer", default=DEMO_OFFICER)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as pw:
        browser = launch(pw, args.chromium)
        try:
            shots = Shots(browser, args.base_url.rstrip("/"), args.out)
            pk = shots.registration()
            shots.owner_home(args.owner, args.password)
            shots.officer(args.officer, args.password, pk)
        finally:
            browser.close()
    for path in shots.saved:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
            f"  {path.stat().st_size // 1024} KiB"
        )
    return 0


class Shots:
    def __init__(self, browser, base_url: str, out: Path) -> None:
        self.browser, self.base_url, self.out = browser, base_url, out
        self.saved: list[Path] = []

    def page(self, viewport: dict) -> Page:
        context = self.browser.new_context(
            viewport=viewport, base_url=self.base_url, locale="id-ID", device_scale_factor=1
        )
        context.set_default_timeout(15_000)
        return context.new_page()

    def shot(self, page: Page, name: str) -> None:
        page.wait_for_load_state("networkidle")
        path = self.out / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.saved.append(path)

    def log_in(self, page: Page, login: str, password: str) -> None:
        page.goto("/akun/masuk/")
        page.fill("input[name=username]", login)
        page.fill("input[name=password]", password)
        page.click("form.card button[type=submit]")
        page.wait_for_load_state()
        if "/akun/masuk/" in page.url:
            raise SystemExit(f"Gagal masuk sebagai {login}: sudah `simpul seed_demo`?")

    # -- phone ---------------------------------------------------------------------------

    def registration(self) -> int:
        """A new owner signs up and walks steps 1–6; returns the enterprise id."""
        page = self.page(PHONE)
        page.goto("/akun/daftar/")
        page.fill("#id_full_name", "Rina Marlina")
        page.fill("#id_email", f"rina.{int(time.time())}@contoh.id")
        page.fill("#id_password", NEW_OWNER_PASSWORD)
        self.shot(page, "ponsel-00-daftar-akun")
        page.click("text=Buat akun")
        expect(page).to_have_url(re.compile(r"/ikm/baru/$"))

        page.fill("#id_name", BUSINESS)
        page.select_option("#id_legal_form", "ud")
        page.fill("#id_year_started", "2018")
        page.fill("#id_products", "kopi bubuk robusta, kopi sangrai")
        page.fill("#id_business_phone", "0812 7000 1234")
        page.check("#id_publish_contact")
        self.shot(page, "ponsel-01-usaha")
        page.click(SAVE)
        expect(page).to_have_url(re.compile(r"/ikm/\d+/langkah/2/$"))
        pk = int(re.search(r"/ikm/(\d+)/", page.url).group(1))

        page.fill("#id_full_name", "Rina Marlina")
        # a woman born 12-03-1985 in Bandar Lampung; a new serial on each run (NIK is unique)
        page.fill("#id_nik", f"187101520385{1000 + int(time.time()) % 9000:04d}")
        page.check("input[name=gender][value=P]")
        page.fill("#id_birth_date", "1985-03-12")
        page.fill("#id_phone", "0812 7000 1234")
        self.shot(page, "ponsel-02-pemilik")
        page.click(SAVE)
        expect(page).to_have_url(re.compile(r"/langkah/3/$"))

        wait_for_htmx(page)
        pick_region(page, "#id_province", "18")
        pick_region(page, "#id_regency", "18.71")
        pick_region(page, "#id_district")
        pick_region(page, "#id_village")
        page.fill("#id_address", "Jl. Kopi No. 7, RT 03/RW 01")
        page.fill("#id_postal_code", "35132")
        self.shot(page, "ponsel-03-lokasi")
        page.click(SAVE)
        expect(page).to_have_url(re.compile(r"/langkah/4/$"))

        wait_for_htmx(page)
        page.locator("#kbli-q").press_sequentially("kopi", delay=50)
        choice = page.locator("#kbli-results input[name=kbli][value='10761']")
        choice.check()
        self.shot(page, "ponsel-04-kegiatan")
        page.click(SAVE)
        expect(page).to_have_url(re.compile(r"/langkah/5/$"))

        fill_fields(
            page,
            {
                "#id_workers_male": "2",
                "#id_workers_female": "4",
                "#id_investment_value": "25 juta",
                "#id_business_capital": "40 juta",
                "#id_production_capacity": "600 kg per bulan",
                "#id_production_value": "350 juta",
                "#id_annual_sales": "420 juta",
            },
        )
        self.shot(page, "ponsel-05-angka-usaha")
        page.click(SAVE)
        expect(page).to_have_url(re.compile(r"/langkah/6/$"))

        self.shot(page, "ponsel-06-periksa-ajukan")
        page.click("text=Ajukan untuk diverifikasi")
        expect(page).to_have_url(re.compile(rf"/ikm/{pk}/$"))
        self.shot(page, "ponsel-07-diajukan")
        page.context.close()
        return pk

    def owner_home(self, login: str, password: str) -> None:
        page = self.page(PHONE)
        self.log_in(page, login, password)
        page.goto("/usaha/")
        self.shot(page, "ponsel-08-usaha-saya")
        page.context.close()

    # -- desk ----------------------------------------------------------------------------

    def officer(self, login: str, password: str, pk: int) -> None:
        page = self.page(DESKTOP)
        self.log_in(page, login, password)
        page.goto("/ikm/antrian/")
        self.shot(page, "desktop-01-antrian")
        page.goto("/ikm/?wilayah=18.71&kbli=10&urut=nama")
        self.shot(page, "desktop-02-daftar-filter")
        page.goto(f"/ikm/{pk}/")
        self.shot(page, "desktop-03-detail")
        page.goto(f"/ikm/{pk}/riwayat/")
        self.shot(page, "desktop-04-riwayat")
        page.context.close()


if __name__ == "__main__":
    sys.exit(main())
