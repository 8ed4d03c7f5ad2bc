"""The owner's partnership page on a 390 px phone, and the officer's ranked need page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from simpul.partnerships import services
from tests.browser.kit import CHROMIUM, DESKTOP, PHONE, launch

from .conftest import prov

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_owner_and_officer_pages(live_server, need, coffee_1871, officer, tmp_path):
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} tidak ada")
    from playwright.sync_api import sync_playwright

    match = services.match_introduce(provenance=prov(officer), need=need, enterprise=coffee_1871)
    services.match_advance(provenance=prov(officer), match=match, to="meeting")
    shots = Path(os.environ.get("SIMPUL_SCREENSHOTS_DIR") or tmp_path)
    owner, staff = _session(coffee_1871.owner.user), _session(officer)  # before the loop
    with sync_playwright() as pw:
        browser = launch(pw)
        for session, path, viewport, shot in [
            (owner, reverse("partnerships:mine"), PHONE, "kemitraan-saya-390"),
            (staff, reverse("partnerships:need", args=[need.public_key]), DESKTOP, "kebutuhan"),
            (staff, reverse("partnerships:board"), PHONE, "papan-pencocokan-390"),
        ]:
            context = browser.new_context(viewport=viewport, base_url=live_server.url)
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
            page = context.new_page()
            page.goto(path)
            assert "PT Kopi Nusantara" in page.content() or "Kopi Tapis" in page.content()
            assert page.evaluate(FITS), f"{path} scrolls sideways"
            page.screenshot(path=str(shots / f"{shot}.png"), full_page=True)
            context.close()
        browser.close()
