"""The public catalogue pages, seen by an anonymous visitor: search, product page,
directory and sentra pages; what is not public never shows; bad parameters never 500."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from simpul.catalogue import services
from simpul.registry import services as registry

from .conftest import image_bytes


def _product(enterprise, prov, name: str, price: int = 10_000, **extra):
    item = services.product_create(
        enterprise=enterprise,
        provenance=prov,
        data={"name": name, "price_min": price, "unit": "pcs", **extra},
    )
    return services.product_publish(product=item, provenance=prov, published=True)


@pytest.fixture
def draft(verified_enterprise, owner_prov):
    return services.product_create(
        enterprise=verified_enterprise,
        provenance=owner_prov,
        data={"name": "Keripik Draf Rahasia", "price_min": 5_000},
    )


@pytest.fixture
def hidden(verified_enterprise, owner_prov, officer_prov):
    item = _product(verified_enterprise, owner_prov, "Keripik Disembunyikan")
    return services.product_hide(product=item, provenance=officer_prov, reason="Foto tidak sesuai")


def make_unverified_product(regions, make_user):
    """A published product of an enterprise still in draft: never public."""
    from simpul.core.audit import Provenance
    from simpul.core.models import Source

    from .conftest import draft_enterprise_of

    user = make_user("pemilik2@uji.id")
    prov = Provenance(actor=user, source=Source.SELF_REGISTRATION)
    enterprise = draft_enterprise_of(user, regions, "Usaha Belum Diverifikasi")
    return _product(enterprise, prov, "Keripik Belum Verifikasi")


@pytest.fixture
def unverified_product(regions, kbli, make_user):
    return make_unverified_product(regions, make_user)


@pytest.fixture
def sentra(officer, regions, verified_enterprise, officer_prov):
    item = registry.sentra_create(
        provenance=officer_prov,
        name="Sentra Kopi Gotong Royong",
        commodity="Kopi bubuk",
        village=regions["18.71.01.1001"],
        managing_body="Koperasi Kopi Maju",
    )
    registry.enterprise_update(
        enterprise=verified_enterprise, provenance=officer_prov, data={"sentra": item}
    )
    return item


def test_search_page_lists_public_products_only(
    client, product, draft, hidden, unverified_product, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = client.get(reverse("catalogue:search"), {"q": "keripik"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Pisang Coklat" in html
    for name in ("Keripik Draf Rahasia", "Keripik Disembunyikan", "Keripik Belum Verifikasi"):
        assert name not in html
    assert reverse("catalogue:product", args=[product.public_key, product.slug]) in html
    assert "Rp15.000" in html and "/ bungkus" in html
    assert "Kopi Robusta Tapis Berseri" in html  # the enterprise
    assert "Kota Bandar Lampung" in html  # its regency, looked up by code


def test_search_facets_link_and_filter(client, product, verified_enterprise, owner_prov):
    services.certification_add(product=product, provenance=owner_prov, kind="halal", number="ID123")
    html = client.get(reverse("catalogue:search")).content.decode()
    assert "Lampung" in html  # province facet, named from the region table
    assert "10 · Industri makanan" in html  # KBLI golongan pokok, named from the KBLI table
    assert "cert=halal" in html and "Sertifikat halal" in html
    filtered = client.get(reverse("catalogue:search"), {"region": "32"}).content.decode()
    assert "Keripik Pisang Coklat" not in filtered
    assert "Belum ada produk" in filtered  # the empty state with suggestions
    chosen = client.get(reverse("catalogue:search"), {"region": "18", "cert": "halal"})
    assert "Keripik Pisang Coklat" in chosen.content.decode()
    assert 'class="chip selected"' in chosen.content.decode()


def test_first_photo_is_the_card_thumbnail(client, product, owner_prov):
    photo = services.photo_add(
        product=product, provenance=owner_prov, upload=io.BytesIO(image_bytes()), alt_text="Tas"
    )
    html = client.get(reverse("catalogue:search")).content.decode()
    assert photo.thumbnail.url in html
    assert 'loading="lazy"' in html


@pytest.mark.parametrize(
    "params,status",
    [
        ({"page": "abc"}, 404),
        ({"page": "0"}, 404),
        ({"page": "999999"}, 404),
        ({"page": "2"}, 404),  # beyond the last page
        ({"region": "xx"}, 200),
        ({"region": "18.71.01.1001"}, 200),
        ({"kbli": "abc"}, 200),
        ({"cert": "<script>"}, 200),
        ({"sentra": "'; drop"}, 200),
        ({"price": "-1"}, 200),
        ({"sort": "id"}, 200),
        ({"q": "x" * 5000}, 200),
    ],
)
def test_bad_parameters_never_fail(client, product, params, status):
    response = client.get(reverse("catalogue:search"), params)
    assert response.status_code == status
    if status == 200 and "q" not in params:
        assert "Keripik Pisang Coklat" in response.content.decode()  # dropped, not applied


def test_sentra_filter_uses_the_public_key(client, product, sentra):
    response = client.get(reverse("catalogue:search"), {"sentra": sentra.public_key})
    assert "Keripik Pisang Coklat" in response.content.decode()
    assert f"sentra={sentra.public_key}" in response.content.decode()


def test_product_page(client, product, owner_prov):
    today = dt.date.today()
    services.certification_add(
        product=product,
        provenance=owner_prov,
        kind="pirt",
        number="2101234567890-25",
        valid_until=today + dt.timedelta(days=300),
    )
    services.certification_add(
        product=product,
        provenance=owner_prov,
        kind="halal",
        number="ID31110000123",
        issued_on=today - dt.timedelta(days=800),
        valid_until=today - dt.timedelta(days=1),
    )
    services.marketplace_link_add(
        product=product, provenance=owner_prov, url="https://www.tokopedia.com/kopitapis/keripik"
    )
    response = client.get(reverse("catalogue:product", args=[product.public_key, product.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Keripik Pisang Coklat</h1>" in html
    assert "10 bungkus" in html  # minimum order with its unit
    assert "berlaku sampai" in html and "kedaluwarsa" in html
    link = re.search(r'<a [^>]*href="https://www.tokopedia.com/kopitapis/keripik"[^>]*>', html)
    assert 'rel="nofollow noopener"' in link.group(0) and 'target="_blank"' in link.group(0)
    profile = reverse(
        "public:profile", args=[product.enterprise.public_key, "kopi-robusta-tapis-berseri"]
    )
    assert profile in html


def test_product_short_and_wrong_slug_redirect(client, product):
    url = reverse("catalogue:product", args=[product.public_key, product.slug])
    short = client.get(reverse("catalogue:product_short", args=[product.public_key]))
    wrong = client.get(reverse("catalogue:product", args=[product.public_key, "nama-lama"]))
    assert (short.status_code, short["Location"]) == (301, url)
    assert (wrong.status_code, wrong["Location"]) == (301, url)


def test_non_public_products_are_404(client, draft, hidden, unverified_product):
    for item in (draft, hidden, unverified_product):
        url = reverse("catalogue:product", args=[item.public_key, item.slug])
        assert client.get(url).status_code == 404
    assert client.get("/produk/00000000/x/").status_code == 404


def test_unpublishing_removes_the_page(client, product, owner_prov):
    url = reverse("catalogue:product", args=[product.public_key, product.slug])
    services.product_publish(product=product, provenance=owner_prov, published=False)
    assert client.get(url).status_code == 404


def test_directory_lists_verified_enterprises(client, verified_enterprise, unverified_product):
    response = client.get(reverse("catalogue:directory"))
    html = response.content.decode()
    assert "Kopi Robusta Tapis Berseri" in html
    assert "Usaha Belum Diverifikasi" not in html
    assert (
        reverse("public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug])
        in html
    )
    for params, found in [
        ({"q": "robusta"}, True),
        ({"q": "batik"}, False),
        ({"region": "18.71"}, True),
        ({"region": "18.04"}, False),
        ({"region": ["32", "18.71"]}, False),  # a regency of another province is ignored
        ({"kbli": "10"}, True),
        ({"kbli": "13"}, False),
        ({"region": "zz", "kbli": "x", "c": "bukan-kursor"}, True),
    ]:
        page = client.get(reverse("catalogue:directory"), params)
        assert page.status_code == 200
        assert ("Kopi Robusta Tapis Berseri" in page.content.decode()) is found, params


@pytest.mark.parametrize(
    "published, lat, lng",
    [
        (True, -5.429137, 105.261049),  # the owner publishes a business contact: exact
        (False, -5.43, 105.26),  # otherwise about 1 km, enough to find the area
    ],
)
def test_sentra_page_with_coordinates(
    client, sentra, verified_enterprise, officer_prov, product, published, lat, lng
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
    short = client.get(reverse("catalogue:sentra_short", args=[sentra.public_key]))
    assert short.status_code == 301
    response = client.get(short["Location"])
    html = response.content.decode()
    assert "Sentra Kopi Gotong Royong" in html and "Koperasi Kopi Maju" in html
    assert "Kopi Robusta Tapis Berseri" in html and "Gotong Royong" in html  # member, village
    assert "Keripik Pisang Coklat" in html  # its public product
    points = json.loads(re.search(r'id="sentra-map-points"[^>]*>(.*?)</script>', html, re.S)[1])
    assert points == [
        {
            "name": "Kopi Robusta Tapis Berseri",
            "lat": lat,
            "lng": lng,
            "url": reverse(
                "public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug]
            ),
        }
    ]
    assert "vendor/leaflet/leaflet.js" in html and "simpul/map.js" in html
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "<script>" not in html  # no inline scripts: data in a JSON block, logic in map.js


def test_sentra_page_without_coordinates_has_no_map(client, sentra, hidden, draft):
    response = client.get(reverse("catalogue:sentra_short", args=[sentra.public_key]), follow=True)
    html = response.content.decode()
    assert "Kopi Robusta Tapis Berseri" in html  # the member list stands on its own
    assert "sentra-map" not in html and "leaflet" not in html
    assert "Keripik Disembunyikan" not in html and "Keripik Draf Rahasia" not in html


def test_sentra_list(client, sentra, verified_enterprise):
    html = client.get(reverse("catalogue:sentra_list")).content.decode()
    assert "Sentra Kopi Gotong Royong" in html and "1 IKM terverifikasi" in html
    assert client.get(reverse("catalogue:sentra_list"), {"region": "18.04"}).status_code == 200
    assert client.get("/sentra/zzzzzzzz/").status_code == 404


def test_home_shows_featured_products_and_search(client, product, officer_prov, draft):
    services.product_feature(product=product, provenance=officer_prov, featured=True)
    html = client.get(reverse("public:home")).content.decode()
    assert "Keripik Pisang Coklat" in html and "Keripik Draf Rahasia" not in html
    assert f'action="{reverse("catalogue:search")}"' in html


def test_profile_lists_public_products(client, product, hidden, verified_enterprise):
    url = reverse("public:profile", args=[verified_enterprise.public_key, verified_enterprise.slug])
    html = client.get(url).content.decode()
    assert "Keripik Pisang Coklat" in html and "Keripik Disembunyikan" not in html


def test_sentra_page_offers_marketplace_files_to_its_dinas_only(
    client, sentra, officer, other_officer
):
    url = reverse("catalogue:sentra_short", args=[sentra.public_key])
    files = reverse("marketplace:sentra", args=[sentra.pk])
    assert files not in client.get(url, follow=True).content.decode()  # the public
    client.force_login(other_officer)
    assert files not in client.get(url, follow=True).content.decode()
    client.force_login(officer)
    assert files in client.get(url, follow=True).content.decode()
    assert client.get(files).status_code == 200
