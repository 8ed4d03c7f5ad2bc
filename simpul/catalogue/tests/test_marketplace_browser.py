"""In headless chromium at 390 px: an owner opens the marketplace-files page on a phone,
unticks nothing, taps "Shopee" and gets the workbook.

The screenshot goes to a temporary directory; set SIMPUL_SCREENSHOTS_DIR=docs/screenshots
to keep it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from simpul.catalogue.tests.test_marketplace_files import make_product
from tests.browser.kit import CHROMIUM, PHONE, launch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_downloads_shopee_workbook_on_a_phone(
    live_server, verified_enterprise, owner_user, owner_prov, tmp_path
):
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} tidak ada")
    from playwright.sync_api import sync_playwright

    for n, name in enumerate(["Keripik Pisang Coklat Lumer Khas Lampung", "Kopi Robusta Bubuk"]):
        make_product(verified_enterprise, owner_prov, photos=1 + n, name=name, price_min=15_000 + n)
    client = Client()
    client.force_login(owner_user)
    session = client.cookies["sessionid"].value
    shots = Path(os.environ.get("SIMPUL_SCREENSHOTS_DIR") or tmp_path)
    with sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(
            viewport=PHONE, base_url=live_server.url, locale="id-ID", accept_downloads=True
        )
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.goto(reverse("marketplace:enterprise", args=[verified_enterprise.pk]))
        assert page.locator("input[name=produk]:checked").count() == 2
        fits = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(fits), "the page scrolls sideways at 390 px"
        page.screenshot(path=str(shots / "berkas-marketplace-390.png"), full_page=True)
        with page.expect_download() as info:
            page.click("button[value=shopee]")
        content = Path(info.value.path()).read_bytes()  # gone once the context closes
        context.close()
        browser.close()
    sheet = load_workbook(io.BytesIO(content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=7, values_only=True)]
    assert names == ["Keripik Pisang Coklat Lumer Khas Lampung", "Kopi Robusta Bubuk"]
