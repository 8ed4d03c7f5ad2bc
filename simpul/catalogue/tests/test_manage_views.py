"""Product management through the views: who may see and change what, and that the forms
carry the services' Indonesian refusals back to the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from simpul.catalogue import services
from simpul.catalogue.models import Certification, MarketplaceLink, Product
from simpul.core.audit import Provenance
from simpul.core.models import ChangeRecord, Source

from .conftest import draft_enterprise_of, flash_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(make_user):
    return make_user("pemilik.lain@uji.id")


@pytest.fixture
def stranger_product(stranger, regions, kbli):
    """A product of another owner's enterprise, in the same village as `product`."""
    prov = Provenance(actor=stranger, source=Source.SELF_REGISTRATION)
    enterprise = draft_enterprise_of(stranger, regions, "Tapis Lain")
    return services.product_create(enterprise=enterprise, provenance=prov, data={"name": "Tapis"})


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.18@uji.id", "analyst", offices["18"])


def test_owner_lists_own_products_with_status(owner_client, product, complete_enterprise):
    response = owner_client.get(reverse("products:list", args=[complete_enterprise.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Pisang Coklat" in html
    assert "Terbit" in html
    assert reverse("products:create", args=[complete_enterprise.pk]) in html
    assert reverse("marketplace:enterprise", args=[complete_enterprise.pk]) in html
    edit = owner_client.get(reverse("products:edit", args=[product.pk])).content.decode()
    assert reverse("catalogue:product", args=[product.public_key, product.slug]) in edit


def test_unverified_enterprise_marks_published_products_waiting(
    owner_client, complete_enterprise, owner_prov
):
    item = services.product_create(
        enterprise=complete_enterprise, provenance=owner_prov, data={"name": "Kopi Bubuk"}
    )
    services.product_publish(product=item, provenance=owner_prov, published=True)
    response = owner_client.get(reverse("products:list", args=[complete_enterprise.pk]))
    assert "Menunggu verifikasi usaha" in response.content.decode()


def test_owner_creates_product_with_indonesian_prices(owner_client, complete_enterprise, kbli):
    url = reverse("products:create", args=[complete_enterprise.pk])
    page = owner_client.get(url)
    assert 'value="10761" checked' in page.content.decode()  # the enterprise's KBLI
    response = owner_client.post(
        url,
        {
            "name": "Kopi Robusta Bubuk 250 g",
            "description": "Kopi robusta Lampung, sangrai sedang.",
            "kbli": "10761",
            "price_min": "Rp 15 rb",
            "price_max": "22.500",
            "unit": "bungkus",
            "min_order": "5",
            "production_capacity": "300 bungkus per bulan",
            "weight_grams": "260",
            "sku": "KRB-250",
            "stock": "40",
        },
    )
    product = Product.objects.get(name="Kopi Robusta Bubuk 250 g")
    assert response.status_code == 302
    assert response["Location"] == reverse("products:edit", args=[product.pk])
    assert (product.price_min, product.price_max) == (15_000, 22_500)
    assert (product.kbli_id, product.min_order, product.weight_grams) == ("10761", 5, 260)
    assert not product.is_published


def test_unreadable_price_and_reversed_range_are_shown(owner_client, complete_enterprise):
    url = reverse("products:create", args=[complete_enterprise.pk])
    bad = owner_client.post(url, {"name": "Kopi", "price_min": "lima ribu", "unit": "pcs"})
    assert bad.status_code == 400
    assert "tidak terbaca" in bad.content.decode()
    reversed_range = {"name": "Kopi", "price_min": "20.000", "price_max": "10.000"}
    response = owner_client.post(url, {**reversed_range, "unit": "pcs", "min_order": "1"})
    assert response.status_code == 400
    assert "Harga tertinggi harus ≥ harga terendah." in response.content.decode()
    assert not Product.objects.filter(enterprise=complete_enterprise).exists()


def test_owner_updates_product(owner_client, product):
    url = reverse("products:edit", args=[product.pk])
    data = {"name": "Keripik Pisang Coklat Lumer", "price_min": "17.000", "unit": "bungkus"}
    response = owner_client.post(url, {**data, "min_order": "12"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.price_min, product.min_order) == (
        "Keripik Pisang Coklat Lumer",
        17_000,
        12,
    )
    assert ChangeRecord.objects.filter(entity_id=str(product.pk), action="updated").exists()


def test_other_owners_product_is_404_and_forged_posts_change_nothing(
    owner_client, stranger_product
):
    pk = stranger_product.pk
    assert owner_client.get(reverse("products:edit", args=[pk])).status_code == 404
    forged = [
        ("products:edit", {"name": "Dibajak", "unit": "pcs", "min_order": "1"}),
        ("products:publish", {"published": "1"}),
        ("products:delete", {}),
        ("products:link_add", {"url": "https://www.tokopedia.com/tapis"}),
        ("products:cert_add", {"kind": "pirt", "number": "2011871010123"}),
    ]
    for name, data in forged:
        assert owner_client.post(reverse(name, args=[pk]), data).status_code == 404
    list_url = reverse("products:list", args=[stranger_product.enterprise_id])
    assert owner_client.get(list_url).status_code == 404
    stranger_product.refresh_from_db()
    assert (stranger_product.name, stranger_product.is_published) == ("Tapis", False)
    assert not stranger_product.marketplace_links.exists()


def test_officer_manages_inside_jurisdiction_only(client, officer, other_officer, product):
    client.force_login(officer)
    assert client.get(reverse("products:edit", args=[product.pk])).status_code == 200
    response = client.post(reverse("products:publish", args=[product.pk]), {"published": "0"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert not product.is_published

    client.force_login(other_officer)
    assert client.get(reverse("products:edit", args=[product.pk])).status_code == 404
    assert client.get(reverse("products:list", args=[product.enterprise_id])).status_code == 404
    post = client.post(reverse("products:publish", args=[product.pk]), {"published": "1"})
    assert post.status_code == 404
    product.refresh_from_db()
    assert not product.is_published


def test_analyst_reads_but_cannot_change(client, analyst, product):
    client.force_login(analyst)
    page = client.get(reverse("products:edit", args=[product.pk]))
    assert page.status_code == 200
    assert reverse("products:publish", args=[product.pk]) not in page.content.decode()
    listing = client.get(reverse("products:list", args=[product.enterprise_id]))
    assert reverse("products:create", args=[product.enterprise_id]) not in listing.content.decode()
    # Reading includes the marketplace files (they hold only published product data).
    files = reverse("marketplace:enterprise", args=[product.enterprise_id])
    assert files in listing.content.decode() and client.get(files).status_code == 200
    assert reverse("products:curation") in listing.content.decode()  # in the menu
    assert client.get(reverse("products:create", args=[product.enterprise_id])).status_code == 403
    response = client.post(reverse("products:publish", args=[product.pk]), {"published": "0"})
    assert response.status_code == 403
    product.refresh_from_db()
    assert product.is_published


def test_publish_toggle(owner_client, product):
    url = reverse("products:publish", args=[product.pk])
    response = owner_client.post(url, {"published": "0"}, follow=True)
    product.refresh_from_db()
    assert not product.is_published and not product.is_public
    assert "Produk ditarik dari katalog (kembali draf)." in flash_messages(response)
    response = owner_client.post(url, {"published": "1"}, follow=True)
    product.refresh_from_db()
    assert product.is_published and product.is_public
    assert "Produk diterbitkan dan tampil di katalog." in flash_messages(response)


def test_delete_asks_then_deletes(owner_client, product):
    url = reverse("products:delete", args=[product.pk])
    assert "Ya, hapus" in owner_client.get(url).content.decode()
    response = owner_client.post(url)
    assert response["Location"] == reverse("products:list", args=[product.enterprise_id])
    assert not Product.objects.filter(pk=product.pk).exists()


def test_certification_add_expired_mark_and_remove(owner_client, product):
    url = reverse("products:cert_add", args=[product.pk])
    data = {"kind": "halal", "number": "ID18110000123", "issued_on": "2020-01-02"}
    response = owner_client.post(url, {**data, "valid_until": "2022-01-01"})
    assert response.status_code == 302
    certificate = Certification.objects.get(product=product)
    page = owner_client.get(reverse("products:edit", args=[product.pk])).content.decode()
    assert "ID18110000123" in page and "Kedaluwarsa" in page
    product.refresh_from_db()
    assert product.cert_kinds == ""  # kept and shown as expired, but not a halal product

    remove = reverse("products:cert_remove", args=[product.pk, certificate.pk])
    assert owner_client.post(remove).status_code == 302
    assert not Certification.objects.filter(product=product).exists()


def test_certification_refusal_shown_on_form(owner_client, product):
    url = reverse("products:cert_add", args=[product.pk])
    response = owner_client.post(
        url,
        {
            "kind": "sni",
            "number": "SNI 01-3840",
            "issued_on": "2024-05-01",
            "valid_until": "2023-05-01",
        },
    )
    assert response.status_code == 400
    assert "Tanggal berlaku harus setelah tanggal terbit." in response.content.decode()
    assert not Certification.objects.exists()


def test_marketplace_link_detected_and_removed(owner_client, product):
    url = reverse("products:link_add", args=[product.pk])
    response = owner_client.post(url, {"url": "shopee.co.id/keripik.lampung"})
    assert response.status_code == 302
    link = MarketplaceLink.objects.get(product=product)
    assert (link.marketplace, link.url) == ("shopee", "https://shopee.co.id/keripik.lampung")
    remove = reverse("products:link_remove", args=[product.pk, link.pk])
    assert owner_client.post(remove).status_code == 302
    assert not MarketplaceLink.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"url": "https://tokopedia.com.evil.id/toko"}, "Tautan harus ke salah satu marketplace"),
        ({"url": "http://www.tokopedia.com/toko"}, "Tautan tidak sah"),
        ({"url": "https://shopee.co.id/toko", "marketplace": "tokopedia"}, "milik Shopee"),
    ],
)
def test_marketplace_link_refusal_shown(owner_client, product, data, message):
    response = owner_client.post(reverse("products:link_add", args=[product.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MarketplaceLink.objects.exists()


def test_csrf_enforced(owner_user, product):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner_user)
    response = client.post(reverse("products:publish", args=[product.pk]), {"published": "0"})
    assert response.status_code == 403
    photo = client.post(reverse("products:photo_add", args=[product.pk]), {})
    assert photo.status_code == 403
    product.refresh_from_db()
    assert product.is_published


def test_enterprise_pages_link_to_products(owner_client, complete_enterprise):
    url = reverse("products:list", args=[complete_enterprise.pk])
    assert url in owner_client.get(reverse("registry:mine")).content.decode()
    detail = owner_client.get(reverse("registry:detail", args=[complete_enterprise.pk]))
    assert url in detail.content.decode()


def test_single_price_leaves_the_upper_box_empty(owner_client, product):
    """Stored as a range of one; showing 15.000 twice would refuse a later raise of the
    lower price with "Harga tertinggi harus ≥ harga terendah"."""
    page = owner_client.get(reverse("products:edit", args=[product.pk]))
    form = page.context["form"]
    assert (form["price_min"].value(), form["price_max"].value()) == ("15.000", None)
    data = {"name": product.name, "price_min": "17.500", "price_max": "", "unit": "bungkus"}
    owner_client.post(reverse("products:edit", args=[product.pk]), {**data, "min_order": "10"})
    product.refresh_from_db()
    assert (product.price_min, product.price_max) == (17_500, 17_500)
