"""Shareable pages: JSON-LD read back field by field, the </script> escape, Open Graph,
the WhatsApp link (published business contact only), sitemap.xml and robots.txt."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from simpul.catalogue import services
from simpul.registry import services as registry

from .conftest import image_bytes
from .test_public_pages import make_unverified_product

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _jsonld(html: str) -> dict:
    import json

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _meta(html: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match[1] if match else ""


def _product_url(product) -> str:
    return reverse("catalogue:product", args=[product.public_key, product.slug])


@pytest.fixture
def contact(verified_enterprise, officer_prov):
    def set_contact(phone: str, published: bool):
        return registry.enterprise_update(
            enterprise=verified_enterprise,
            provenance=officer_prov,
            data={"business_phone": phone, "publish_contact": published},
        )

    return set_contact


def test_product_jsonld_field_by_field(client, product, owner_prov):
    photo = services.photo_add(
        product=product, provenance=owner_prov, upload=io.BytesIO(image_bytes())
    )
    services.certification_add(product=product, provenance=owner_prov, kind="pirt", number="P-123")
    html = client.get(_product_url(product)).content.decode()
    data = _jsonld(html)
    url = f"http://testserver{_product_url(product)}"
    enterprise = product.enterprise
    profile_path = reverse("public:profile", args=[enterprise.public_key, enterprise.slug])
    profile = f"http://testserver{profile_path}"
    assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
    assert data["name"] == "Keripik Pisang Coklat"
    assert data["description"] == "Keripik pisang kepok dengan balutan coklat, renyah."
    assert data["sku"] == product.public_key
    assert data["url"] == url
    assert data["image"] == [f"http://testserver{photo.share_url}"]
    assert data["brand"] == {"@type": "Brand", "name": "Kopi Robusta Tapis Berseri"}
    assert data["manufacturer"] == {
        "@type": "Organization",
        "name": "Kopi Robusta Tapis Berseri",
        "url": profile,
    }
    assert data["offers"] == {
        "@type": "Offer",
        "price": "15000",
        "priceCurrency": "IDR",
        "availability": "https://schema.org/InStock",
        "url": url,
    }
    assert data["hasCertification"][0]["certificationIdentification"] == "P-123"


def test_price_range_is_an_aggregate_offer(client, product, owner_prov):
    services.product_update(
        product=product, provenance=owner_prov, data={"price_min": 15_000, "price_max": 25_000}
    )
    html = client.get(_product_url(product)).content.decode()
    offers = _jsonld(html)["offers"]
    assert offers["@type"] == "AggregateOffer"
    assert (offers["lowPrice"], offers["highPrice"]) == ("15000", "25000")
    assert "Rp15.000–Rp25.000" in html


def test_a_name_cannot_break_out_of_the_script(client, product, owner_prov):
    name = 'Keripik </script><script>alert("x")</script> & Co'
    services.product_update(product=product, provenance=owner_prov, data={"name": name})
    product.refresh_from_db()
    html = client.get(_product_url(product)).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw
    assert _jsonld(html)["name"] == name  # read back unchanged
    assert '<script>alert("x")' not in html


def test_open_graph_tags_with_absolute_urls(client, product, owner_prov):
    photo = services.photo_add(
        product=product, provenance=owner_prov, upload=io.BytesIO(image_bytes())
    )
    html = client.get(_product_url(product)).content.decode()
    canonical = f"http://testserver{_product_url(product)}"
    assert _meta(html, "og:title") == "Keripik Pisang Coklat"
    assert _meta(html, "og:type") == "product"
    assert _meta(html, "og:url") == canonical
    assert _meta(html, "og:image") == f"http://testserver{photo.share_url}"
    assert _meta(html, "og:description").startswith("Keripik pisang kepok")
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_whatsapp_only_with_published_business_phone(client, product, contact):
    url = _product_url(product)
    # The owner's personal phone (+6281234567890 in the fixtures) is never used.
    assert "wa.me" not in client.get(url).content.decode()
    contact("0812-9876-5432", published=False)
    assert "wa.me" not in client.get(url).content.decode()
    contact("", published=True)
    assert "wa.me" not in client.get(url).content.decode()
    contact("12345", published=True)  # not a valid number: no broken link
    assert "wa.me" not in client.get(url).content.decode()

    contact("0812-9876-5432", published=True)
    html = client.get(url).content.decode()
    message = (
        "Halo Kopi Robusta Tapis Berseri, saya tertarik dengan Keripik Pisang Coklat di "
        f"Simpul IKM: http://testserver{url}"
    )
    expected = f"https://wa.me/6281298765432?text={quote(message, safe='')}"
    assert f'href="{expected}"' in html
    assert "%20saya%20tertarik%20dengan%20" in expected and "http%3A%2F%2Ftestserver" in expected


def test_profile_jsonld_og_and_whatsapp(client, product, verified_enterprise, contact):
    contact("+62 721 123456", published=True)
    url = reverse("public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug])
    html = client.get(url).content.decode()
    data = _jsonld(html)
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Kopi Robusta Tapis Berseri"
    assert data["url"] == f"http://testserver{url}"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Jl. Kopi 1",
        "addressLocality": "Kota Bandar Lampung",
        "addressRegion": "Lampung",
        "addressCountry": "ID",
    }
    assert data["telephone"] == "+62721123456"
    assert _meta(html, "og:url") == f"http://testserver{url}"
    assert "https://wa.me/62721123456?text=Halo%20Kopi%20Robusta" in html
    assert "Keripik Pisang Coklat" in html


def test_profile_og_image_is_the_jpeg_share_copy(client, product, owner_prov):
    photo = services.photo_add(
        product=product, provenance=owner_prov, upload=io.BytesIO(image_bytes())
    )
    enterprise = product.enterprise
    url = reverse("public:profile", args=[enterprise.public_key, enterprise.slug])
    html = client.get(url).content.decode()
    assert _meta(html, "og:image") == f"http://testserver{photo.share_url}"
    assert _meta(html, "og:image").endswith(".jpg")  # WhatsApp shows no WebP preview


def test_profile_without_published_contact_has_no_phone(client, verified_enterprise, contact):
    contact("0812-9876-5432", published=False)
    url = reverse("public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug])
    html = client.get(url).content.decode()
    assert "telephone" not in _jsonld(html)
    assert "wa.me" not in html and "9876" not in html and "81234567890" not in html


@pytest.mark.parametrize(
    "published, lat, lng",
    [
        (True, -5.429137, 105.261049),  # the owner publishes a business contact: exact
        (False, -5.43, 105.26),  # otherwise rounded to about 1 km
    ],
)
def test_profile_geo_is_exact_only_with_published_contact(
    client, verified_enterprise, officer_prov, published, lat, lng
):
    registry.enterprise_update(
        enterprise=verified_enterprise,
        provenance=officer_prov,
        data={
            "latitude": Decimal("-5.429137"),
            "longitude": Decimal("105.261049"),
            "publish_contact": published,
        },
    )
    url = reverse("public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug])
    html = client.get(url).content.decode()
    assert _jsonld(html)["geo"] == {"@type": "GeoCoordinates", "latitude": lat, "longitude": lng}
    if not published:
        assert "5.429137" not in html and "105.261049" not in html


def test_profile_without_coordinates_has_no_geo(client, verified_enterprise):
    url = reverse("public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug])
    assert "geo" not in _jsonld(client.get(url).content.decode())


def _sitemap_locs(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [el.text for el in root.iter(f"{SM}loc")]


def test_sitemap_index_and_sections(
    client, product, owner_prov, verified_enterprise, regions, make_user
):
    unverified_product = make_unverified_product(regions, make_user)
    draft = services.product_create(
        enterprise=verified_enterprise, provenance=owner_prov, data={"name": "Produk Draf"}
    )
    sections = _sitemap_locs(client, "/sitemap.xml")
    assert {s.rsplit("/", 1)[1] for s in sections} >= {
        "sitemap-produk.xml",
        "sitemap-ikm.xml",
        "sitemap-halaman.xml",
    }
    urls = [u for s in sections for u in _sitemap_locs(client, s.replace("http://testserver", ""))]
    assert f"http://testserver{_product_url(product)}" in urls
    assert f"http://testserver{_product_url(draft)}" not in urls
    assert f"http://testserver{_product_url(unverified_product)}" not in urls
    profile = reverse(
        "public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug]
    )
    assert f"http://testserver{profile}" in urls
    assert not any(unverified_product.enterprise.public_key in u for u in urls)
    assert "http://testserver/katalog/" in urls and "http://testserver/direktori/" in urls


def test_sitemap_is_paginated(client, product, verified_enterprise, owner_prov, monkeypatch):
    from simpul.catalogue.views import seo

    monkeypatch.setattr(seo.ProductSitemap, "limit", 1)
    services.product_publish(
        product=services.product_create(
            enterprise=verified_enterprise, provenance=owner_prov, data={"name": "Kopi Bubuk"}
        ),
        provenance=owner_prov,
        published=True,
    )
    sections = _sitemap_locs(client, "/sitemap.xml")
    pages = [s for s in sections if "sitemap-produk.xml" in s]
    assert len(pages) == 2 and pages[1].endswith("?p=2")
    second = _sitemap_locs(client, "/sitemap-produk.xml?p=2")
    assert len(second) == 1
    assert client.get("/sitemap-produk.xml?p=9").status_code == 404


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ("/kelola/", "/ikm/", "/impor/", "/akun/", "/django-admin/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /katalog/" not in lines and "Disallow: /produk/" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
