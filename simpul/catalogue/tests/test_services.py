import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from simpul.catalogue import services
from simpul.catalogue.models import Product
from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.registry import services as registry

pytestmark = pytest.mark.django_db


def test_published_product_of_verified_enterprise_is_public(product):
    assert product.is_public
    assert product.price_min == product.price_max == 15_000  # one price, a range of one
    assert product.regency_code == "18.71" and product.village_id == "18.71.01.1001"
    assert product.kbli_division == "10"
    assert "keripik" in product.search_document.split()
    assert "lampung" in product.search_document.split()  # region names are searchable
    actions = list(history_for(product).values_list("action", flat=True))
    assert actions == ["published", "created"]


def test_product_of_unverified_enterprise_stays_private(complete_enterprise, owner_prov):
    item = services.product_create(
        enterprise=complete_enterprise, provenance=owner_prov, data={"name": "Kopi bubuk"}
    )
    item = services.product_publish(product=item, provenance=owner_prov, published=True)
    assert item.is_published and not item.is_public


def test_verification_follows_to_products(complete_enterprise, owner_prov, officer_prov):
    item = services.product_create(
        enterprise=complete_enterprise, provenance=owner_prov, data={"name": "Kopi bubuk"}
    )
    services.product_publish(product=item, provenance=owner_prov, published=True)
    registry.enterprise_submit(enterprise=complete_enterprise, provenance=owner_prov)
    registry.enterprise_verify(enterprise=complete_enterprise, provenance=officer_prov)
    item.refresh_from_db()
    assert item.is_public


def test_enterprise_rename_reaches_search_document(product, officer_prov):
    registry.enterprise_update(
        enterprise=product.enterprise, provenance=officer_prov, data={"name": "Sinar Tapis"}
    )
    product.refresh_from_db()
    assert "sinar" in product.search_document.split()


def test_owner_edits_only_own_products(product, make_user):
    stranger = make_user("lain@uji.id")
    prov = Provenance(actor=stranger, source=Source.SELF_REGISTRATION)
    with pytest.raises(PermissionDenied):
        services.product_update(product=product, provenance=prov, data={"name": "Curian"})
    with pytest.raises(PermissionDenied):
        services.product_create(enterprise=product.enterprise, provenance=prov, data={"name": "X"})
    product.refresh_from_db()
    assert product.name == "Keripik Pisang Coklat"


def test_officer_only_inside_jurisdiction(product, officer_prov, other_officer):
    services.product_update(product=product, provenance=officer_prov, data={"min_order": 20})
    prov = Provenance(actor=other_officer, source=Source.OFFICER)
    with pytest.raises(PermissionDenied):
        services.product_update(product=product, provenance=prov, data={"min_order": 1})
    with pytest.raises(PermissionDenied):
        services.product_hide(product=product, provenance=prov, reason="Di luar wilayah kerja")
    product.refresh_from_db()
    assert product.min_order == 20 and not product.is_hidden


def test_hidden_product_is_never_public(product, owner_prov, officer_prov):
    services.product_feature(product=product, provenance=officer_prov, featured=True)
    services.product_hide(
        product=product, provenance=officer_prov, reason="Foto bukan produk sendiri."
    )
    product.refresh_from_db()
    assert not product.is_public and product.featured_at is None
    # Publishing again does not bring it back: only the Dinas can unhide.
    services.product_publish(product=product, provenance=owner_prov, published=False)
    services.product_publish(product=product, provenance=owner_prov, published=True)
    product.refresh_from_db()
    assert not product.is_public
    assert product.hidden_reason == "Foto bukan produk sendiri."
    with pytest.raises(PermissionDenied):
        services.product_unhide(product=product, provenance=owner_prov)
    services.product_unhide(product=product, provenance=officer_prov)
    product.refresh_from_db()
    assert product.is_public


def test_withdrawn_product_leaves_the_home_page(product, owner_prov, officer_prov):
    from simpul.catalogue.selectors.public import featured_products

    services.product_feature(product=product, provenance=officer_prov, featured=True)
    assert [p.pk for p in featured_products()] == [product.pk]
    services.product_publish(product=product, provenance=owner_prov, published=False)
    product.refresh_from_db()
    assert product.featured_at is None and not product.is_public
    last = history_for(product).first()
    assert last.action == "unpublished" and last.changes["featured_at"][1] is None
    # Published again, it is not featured until the Dinas features it anew.
    services.product_publish(product=product, provenance=owner_prov, published=True)
    product.refresh_from_db()
    assert product.is_public and product.featured_at is None
    assert featured_products() == []


def test_hide_needs_a_reason(product, officer_prov):
    with pytest.raises(ValidationError):
        services.product_hide(product=product, provenance=officer_prov, reason="  ")
    assert Product.objects.get(pk=product.pk).is_public


def test_price_range_must_be_ordered(product, owner_prov):
    with pytest.raises(ValidationError):
        services.product_update(
            product=product, provenance=owner_prov, data={"price_min": 9, "price_max": 5}
        )
    product.refresh_from_db()
    assert (product.price_min, product.price_max) == (15_000, 15_000)


@pytest.mark.parametrize(
    "url, marketplace",
    [
        ("https://www.tokopedia.com/keripikmaju/keripik-pisang", "tokopedia"),
        ("shopee.co.id/keripikmaju", "shopee"),
        ("https://tk.tokopedia.com/ZSabc/", "tokopedia"),
        ("https://www.lazada.co.id/shop/keripik-maju/", "lazada"),
    ],
)
def test_marketplace_link_accepted(product, owner_prov, url, marketplace):
    link = services.marketplace_link_add(product=product, provenance=owner_prov, url=url)
    assert link.marketplace == marketplace and link.url.startswith("https://")


@pytest.mark.parametrize(
    "url",
    [
        "https://tokopedia.com.penipu.id/toko",
        "https://evil-shopee.co.id/x",
        "http://www.tokopedia.com/toko",  # not https
        "javascript:alert(1)",
        "https://bit.ly/abc",
    ],
)
def test_marketplace_link_refused(product, owner_prov, url):
    with pytest.raises(ValidationError):
        services.marketplace_link_add(product=product, provenance=owner_prov, url=url)
    assert not product.marketplace_links.exists()


@pytest.mark.parametrize(
    "url, message",
    [
        # Python reads the host after "@" (tokopedia.com); a browser turns "\\" into "/"
        # and opens evil.com.
        ("https://evil.com\\@tokopedia.com/x", "garis miring terbalik"),
        ("evil.com\\@tokopedia.com/x", "garis miring terbalik"),
        ("https://www.tokopedia.com\\toko", "garis miring terbalik"),
        ("https://evil.com@tokopedia.com/x", "tanda @"),
        ("https://penjual:rahasia@www.tokopedia.com/toko", "nama pengguna"),
        ("https://www.tokopedia.com@evil.com/toko", "tanda @"),
        ("ftp://www.tokopedia.com/toko", "Tautan tidak sah"),
        ("http://www.tokopedia.com/toko", "Tautan tidak sah"),
        ("https://www.tokopedia.com:abc/toko", "Tautan tidak sah"),
    ],
)
def test_marketplace_link_hiding_its_host_is_refused(product, owner_prov, url, message):
    with pytest.raises(ValidationError) as refused:
        services.clean_marketplace_url(url)
    assert message in refused.value.message_dict["url"][0]
    with pytest.raises(ValidationError):
        services.marketplace_link_add(product=product, provenance=owner_prov, url=url)
    assert not product.marketplace_links.exists()


@pytest.mark.parametrize(
    "url, stored",
    [
        ("HTTPS://WWW.Tokopedia.COM/KeripikMaju", "https://www.tokopedia.com/KeripikMaju"),
        (
            "shopee.co.id/keripikmaju?ref=wa#ulasan",
            "https://shopee.co.id/keripikmaju?ref=wa#ulasan",
        ),
        ("https://www.blibli.com:443/merchant/maju", "https://www.blibli.com:443/merchant/maju"),
    ],
)
def test_marketplace_link_is_stored_rebuilt_from_its_parts(product, owner_prov, url, stored):
    link = services.marketplace_link_add(product=product, provenance=owner_prov, url=url)
    assert link.url == stored


def test_link_must_match_chosen_marketplace(product, owner_prov):
    with pytest.raises(ValidationError, match="Shopee"):
        services.marketplace_link_add(
            product=product,
            provenance=owner_prov,
            url="https://shopee.co.id/toko",
            marketplace="tokopedia",
        )


def test_certification_sets_facet_and_refuses_bad_dates(product, owner_prov):
    import datetime as dt

    services.certification_add(
        product=product, provenance=owner_prov, kind="halal", number="ID18110000123450823"
    )
    product.refresh_from_db()
    assert product.cert_kinds == ",halal,"
    with pytest.raises(ValidationError):
        services.certification_add(
            product=product,
            provenance=owner_prov,
            kind="pirt",
            number="2061871010123-27",
            issued_on=dt.date(2025, 1, 1),
            valid_until=dt.date(2024, 1, 1),
        )
    assert product.certifications.count() == 1


def test_only_certificates_valid_today_count_in_the_facet(product, owner_prov):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    services.certification_add(
        product=product,
        provenance=owner_prov,
        kind="halal",
        number="ID18110000123450823",
        issued_on=today - dt.timedelta(days=800),
        valid_until=today - dt.timedelta(days=1),  # expired yesterday
    )
    product.refresh_from_db()
    assert product.cert_kinds == ""
    assert "halal" not in product.search_document.split()
    services.certification_add(
        product=product, provenance=owner_prov, kind="pirt", number="P-123", valid_until=today
    )
    services.certification_add(product=product, provenance=owner_prov, kind="sni", number="S-1")
    product.refresh_from_db()
    assert product.cert_kinds == ",pirt,sni,"  # valid through today; no end date


def test_products_sync_locks_the_products_it_rewrites(product):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert services.products_sync([product.enterprise_id]) == 1
    reads = [q["sql"] for q in queries if 'FROM "catalogue_product"' in q["sql"]]
    locked = [sql for sql in reads if "FOR UPDATE" in sql]
    if connection.features.has_select_for_update_of:
        assert locked and all('FOR UPDATE OF "catalogue_product"' in sql for sql in locked)
    else:
        assert not locked  # SQLite: no row locks, one writer at a time


def test_delete_removes_product_and_files(product, owner_prov, django_capture_on_commit_callbacks):
    from .conftest import image_bytes

    photo = services.photo_add(
        product=product, provenance=owner_prov, upload=io.BytesIO(image_bytes())
    )
    storage, name = photo.image.storage, photo.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.product_delete(product=product, provenance=owner_prov)
    assert not Product.objects.filter(pk=product.pk).exists()
    assert not storage.exists(name)
