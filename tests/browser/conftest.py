"""Playwright fixtures for the browser tests: one headless Debian chromium per session, a
fresh context (cookies, viewport) per use. Browsers are never downloaded; tests skip when
/usr/bin/chromium (or the vendored htmx) is not there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls made by fixtures and assertions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .kit import CHROMIUM, PHONE, launch


@pytest.fixture(scope="session")
def vendored_htmx():
    """The wizard's pickers need /static/vendor/htmx.min.js; copy it from node_modules when
    `simpul vendor_static` has not been run yet."""
    from django.conf import settings
    from django.core.management import call_command

    target = Path(settings.VENDOR_STATIC_DIR) / "htmx.min.js"
    if not target.is_file():
        if not (Path(settings.BASE_DIR) / "node_modules" / "htmx.org").is_dir():
            pytest.skip("htmx tidak tersedia: jalankan `npm ci` lalu `simpul vendor_static`")
        call_command("vendor_static", verbosity=0)
    return target


@pytest.fixture(scope="session")
def browser(vendored_htmx):
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} tidak ada (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(viewport)` → a page in its own context with base_url = the live server."""
    contexts = []

    def make(viewport=PHONE):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="id-ID")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
