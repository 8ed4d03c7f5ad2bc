"""End to end at 390 px: an owner adds a product from a phone, with a photo and a Shopee
link, and publishes it; a buyer who is not logged in searches with a typo, finds it,
opens it and sees the WhatsApp button and the Product JSON-LD.

Set SIMPUL_SCREENSHOTS_DIR=docs/screenshots to refresh the documentation's screenshots."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from simpul.catalogue.models import Product
from simpul.core.audit import Provenance
from simpul.core.models import Source

from .kit import PHONE
from .test_registration_flow import log_in, no_horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Keripik Pisang Lumer Coklat"


@pytest.fixture
def verified_with_contact(complete_enterprise, owner_user, officer):
    """The owner's business, verified, with its business WhatsApp number published."""
    from simpul.registry import services

    owner = Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)
    services.enterprise_update(
        enterprise=complete_enterprise,
        provenance=owner,
        data={"business_phone": "+6281377778888", "publish_contact": True},
    )
    services.enterprise_submit(enterprise=complete_enterprise, provenance=owner)
    services.enterprise_verify(enterprise=complete_enterprise, provenance=Provenance(actor=officer))
    return complete_enterprise


def photo_file() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (900, 700), (230, 170, 60)).save(out, "JPEG")
    return {"name": "keripik.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def shot(page: Page, tmp_path: Path, name: str) -> None:
    target = Path(os.environ.get("SIMPUL_SCREENSHOTS_DIR") or tmp_path)
    page.screenshot(path=str(target / name), full_page=True)


def owner_adds_product(page: Page, enterprise, tmp_path: Path) -> Product:
    log_in(page, "pemilik@uji.id")
    page.goto(f"/kelola/ikm/{enterprise.pk}/produk/")
    page.get_by_role("link", name=re.compile("Tambah produk")).click()
    page.fill("#id_name", NAME)
    page.fill("#id_description", "Pisang kepok renyah berbalut coklat lumer, tanpa pengawet.")
    page.fill("#id_price_min", "Rp 18.500")
    page.fill("#id_unit", "bungkus")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page).to_have_url(re.compile(r"/kelola/produk/\d+/"))
    page.set_input_files("input[name=photos]", files=[photo_file()])
    page.get_by_role("button", name="Unggah foto").click()
    expect(page.locator("text=1 foto ditambahkan")).to_be_visible()
    page.locator("summary", has_text="Tambah tautan").click()
    page.fill("#marketplace input[name=url], input[name=url]", "shopee.co.id/keripiklumer")
    page.get_by_role("button", name="Simpan tautan").click()
    expect(page.locator("text=Tautan marketplace ditambahkan")).to_be_visible()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator("text=Produk diterbitkan dan tampil di katalog")).to_be_visible()
    assert no_horizontal_overflow(page)
    shot(page, tmp_path, "ponsel-13-produk-baru.png")
    return Product.objects.get(name=NAME)


def test_owner_adds_product_and_buyer_finds_it(new_page, verified_with_contact, tmp_path):
    product = owner_adds_product(new_page(PHONE), verified_with_contact, tmp_path)
    assert product.is_public and product.photos.count() == 1
    assert product.price_min == 18_500
    assert product.marketplace_links.get().url == "https://shopee.co.id/keripiklumer"

    buyer = new_page(PHONE)  # a fresh context: not logged in
    buyer.goto("/")
    buyer.fill("input[name=q]", "kripik pisng coklat")  # a spelling variant and a typo
    buyer.keyboard.press("Enter")
    expect(buyer).to_have_url(re.compile(r"/katalog/\?q="))
    card = buyer.locator(".cat-card", has_text=NAME)
    expect(card).to_be_visible()
    assert no_horizontal_overflow(buyer)
    card.locator("a").first.click()
    expect(buyer).to_have_url(re.compile(rf"/produk/{product.public_key}/{product.slug}/$"))
    expect(buyer.get_by_role("heading", name=NAME)).to_be_visible()

    whatsapp = buyer.get_by_role("link", name="Tanya lewat WhatsApp")
    href = whatsapp.get_attribute("href")
    assert href.startswith("https://wa.me/6281377778888?text=")
    assert NAME in unquote(href) and product.public_key in unquote(href)
    shop = buyer.locator("a[href='https://shopee.co.id/keripiklumer']")
    expect(shop).to_have_attribute("rel", re.compile("nofollow"))

    data = json.loads(buyer.locator("script[type='application/ld+json']").first.text_content())
    assert data["@type"] == "Product" and data["name"] == NAME
    assert data["offers"]["priceCurrency"] == "IDR" and float(data["offers"]["price"]) == 18_500
    assert data["image"] and data["image"][0].endswith(".jpg")
    image = buyer.locator("img").first
    assert buyer.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    assert no_horizontal_overflow(buyer)
    shot(buyer, tmp_path, "ponsel-14-produk-pembeli.png")
