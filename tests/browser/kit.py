"""Shared by the browser tests and the screenshot script: how we start Debian's chromium (headless,
no sandbox as we run as root, none of the background traffic this closed network refuses)
and the few steps every walk through the registration form needs."""

import os

CHROMIUM = os.environ.get("SIMPUL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def launch(playwright, executable: str = CHROMIUM):
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def wait_for_htmx(page) -> None:
    page.wait_for_function("() => window.htmx !== undefined")


def fill_fields(page, values: dict[str, str]) -> None:
    """Type each value into the field with that CSS selector, in order."""
    for selector, value in values.items():
        page.fill(selector, value)


def pick_region(page, select: str, code: str | None = None) -> None:
    """Wait until htmx has filled the picker, then choose `code` (or its first region)."""
    from playwright.sync_api import expect

    wanted = f"option[value='{code}']" if code else "option:not([value=''])"
    option = page.locator(f"{select} {wanted}").first
    expect(option).to_be_attached()
    page.select_option(select, code or option.get_attribute("value"))
