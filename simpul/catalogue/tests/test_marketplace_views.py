"""The marketplace-files pages: who may see and download, what a forged request gets,
and that each download is audited."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from simpul.catalogue.marketplace.files import AUDIT_ACTION
from simpul.catalogue.tests.test_marketplace_files import make_product
from simpul.core.audit import Provenance, history_for
from simpul.core.models import Source
from simpul.registry import services as registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(verified_enterprise, owner_prov):
    return make_product(
        verified_enterprise, owner_prov, photos=1, name="Kopi Bubuk", price_min=25_000
    )


@pytest.fixture
def stranger(make_user, regions, kbli):
    """Another owner with an enterprise and a published product of their own."""
    user = make_user("lain@uji.id")
    prov = Provenance(actor=user, source=Source.SELF_REGISTRATION)
    enterprise = registry.enterprise_create_draft(
        provenance=prov, name="Tapis Lain", legal_form="ud", village=regions["18.71.01.1001"]
    )
    product = make_product(enterprise, prov, name="Kain Tapis Orang Lain", price_min=90_000)
    return user, enterprise, product


def page_url(enterprise) -> str:
    return reverse("marketplace:enterprise", args=[enterprise.pk])


def data_names(response, first_row: int = 7) -> list[str]:
    """Product names in a Shopee workbook response (name is the second column)."""
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [row[1] for row in sheet.iter_rows(min_row=first_row, values_only=True)]


def test_owner_sees_published_products_all_ticked(client, owner_user, listed, verified_enterprise):
    draft = make_product(verified_enterprise, Provenance(actor=owner_user), publish=False)
    client.force_login(owner_user)
    response = client.get(page_url(verified_enterprise))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kopi Bubuk" in html and draft.name not in html
    assert f'value="{listed.pk}" checked' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_owner_downloads_shopee_and_it_is_audited(client, owner_user, listed, verified_enterprise):
    client.force_login(owner_user)
    response = client.post(
        page_url(verified_enterprise), {"format": "shopee", "produk": [listed.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="shopee-')
    assert data_names(response) == ["Kopi Bubuk"]
    record = history_for(verified_enterprise).filter(action=AUDIT_ACTION).get()
    assert record.actor == owner_user and record.note == "Shopee (XLSX): 1 produk"


def test_other_enterprises_ids_are_ignored(
    client, owner_user, listed, verified_enterprise, stranger
):
    _, _, foreign = stranger
    client.force_login(owner_user)
    url = page_url(verified_enterprise)
    response = client.post(url, {"format": "shopee", "produk": [listed.pk, foreign.pk]})
    assert data_names(response) == ["Kopi Bubuk"]
    response = client.post(url, {"format": "shopee", "produk": [foreign.pk, "x", "-1"]})
    assert response.status_code == 400
    assert "Pilih minimal satu produk." in response.content.decode()
    assert history_for(verified_enterprise).filter(action=AUDIT_ACTION).count() == 1


def test_bad_format_and_empty_feed_say_why(client, owner_user, verified_enterprise, owner_prov):
    bare = make_product(verified_enterprise, owner_prov, name="Tanpa Foto", price_min=1_000)
    client.force_login(owner_user)
    url = page_url(verified_enterprise)
    response = client.post(url, {"format": "lazada", "produk": [bare.pk]})
    assert (
        response.status_code == 400
        and "Pilih salah satu jenis berkas." in response.content.decode()
    )
    response = client.post(url, {"format": "google", "produk": [bare.pk]})
    assert response.status_code == 400 and "punya foto" in response.content.decode()
    assert not history_for(verified_enterprise).filter(action=AUDIT_ACTION).exists()


def test_google_and_meta_downloads(client, owner_user, listed, verified_enterprise):
    client.force_login(owner_user)
    url = page_url(verified_enterprise)
    google = client.post(url, {"format": "google", "produk": [listed.pk]})
    assert google["Content-Type"] == "application/xml"
    # Links are absolute with the request's host.
    assert f"http://testserver/produk/{listed.public_key}/".encode() in google.content
    meta = client.post(url, {"format": "meta", "produk": [listed.pk]})
    assert meta["Content-Type"].startswith("text/csv")
    assert meta.content.decode().splitlines()[0].startswith("id,title,description,availability")


def test_another_owner_gets_404(client, stranger, listed, verified_enterprise):
    user, own_enterprise, _ = stranger
    client.force_login(user)
    assert client.get(page_url(verified_enterprise)).status_code == 404
    post = client.post(page_url(verified_enterprise), {"format": "shopee", "produk": [listed.pk]})
    assert post.status_code == 404
    assert client.get(page_url(own_enterprise)).status_code == 200


def test_officers_by_jurisdiction(client, officer, other_officer, listed, verified_enterprise):
    client.force_login(other_officer)
    assert client.get(page_url(verified_enterprise)).status_code == 404
    client.force_login(officer)
    assert client.get(page_url(verified_enterprise)).status_code == 200
    response = client.post(
        page_url(verified_enterprise), {"format": "tokopedia", "produk": [listed.pk]}
    )
    assert response.status_code == 200
    assert history_for(verified_enterprise).get(action=AUDIT_ACTION).actor == officer


def test_analyst_inside_jurisdiction_may_download(
    client, make_user, offices, listed, verified_enterprise
):
    analyst = make_user("analis@uji.id", "analyst", offices["18"])
    outsider = make_user("analis.lambar@uji.id", "analyst", offices["18.04"])
    client.force_login(outsider)
    assert client.get(page_url(verified_enterprise)).status_code == 404
    client.force_login(analyst)
    response = client.post(page_url(verified_enterprise), {"format": "meta", "produk": [listed.pk]})
    assert response.status_code == 200


def test_anonymous_is_sent_to_login(client, verified_enterprise):
    response = client.get(page_url(verified_enterprise))
    assert response.status_code == 302 and "/akun/" in response["Location"]


@pytest.fixture
def sentra(officer_prov, regions, verified_enterprise, stranger):
    """A sentra in Kota Bandar Lampung with both enterprises as members."""
    item = registry.sentra_create(
        provenance=officer_prov,
        name="Sentra Tapis Gotong Royong",
        commodity="tapis",
        village=regions["18.71.01.1001"],
    )
    for enterprise in (verified_enterprise, stranger[1]):
        registry.enterprise_update(
            enterprise=enterprise, provenance=officer_prov, data={"sentra": item}
        )
    return item


def test_sentra_file_for_staff_inside_jurisdiction(
    client, officer, other_officer, owner_user, sentra, listed, stranger
):
    url = reverse("marketplace:sentra", args=[sentra.pk])
    client.force_login(owner_user)
    assert client.get(url).status_code == 403  # owners: never a sentra's file
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    page = client.get(url)
    assert page.status_code == 200 and "Kain Tapis Orang Lain" in page.content.decode()
    ids = [listed.pk, stranger[2].pk]
    response = client.post(url, {"format": "shopee", "produk": ids})
    assert sorted(data_names(response)) == ["Kain Tapis Orang Lain", "Kopi Bubuk"]
    assert history_for(sentra).get(action=AUDIT_ACTION).note == "Shopee (XLSX): 2 produk"


def test_sentra_ignores_products_outside_it(
    client, officer, sentra, owner_prov, regions, make_user
):
    user = make_user("bukan.anggota@uji.id")
    prov = Provenance(actor=user, source=Source.SELF_REGISTRATION)
    other = registry.enterprise_create_draft(
        provenance=prov, name="Bukan Anggota", legal_form="ud", village=regions["18.71.01.1001"]
    )
    outsider = make_product(other, prov, name="Produk Luar Sentra", price_min=5_000)
    client.force_login(officer)
    url = reverse("marketplace:sentra", args=[sentra.pk])
    assert "Produk Luar Sentra" not in client.get(url).content.decode()
    response = client.post(url, {"format": "shopee", "produk": [outsider.pk]})
    assert response.status_code == 400


def test_filename_carries_the_date(client, owner_user, listed, verified_enterprise):
    client.force_login(owner_user)
    response = client.post(page_url(verified_enterprise), {"format": "meta", "produk": [listed.pk]})
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"].endswith(f'kopi-robusta-tapis-berseri-{today}.csv"')


def test_public_google_feed_of_a_verified_enterprise(rf, listed, verified_enterprise, owner_prov):
    from simpul.catalogue import services
    from simpul.catalogue.views.marketplace import google_feed

    hidden = make_product(verified_enterprise, owner_prov, photos=1, name="Belum Siap", price_min=1)
    services.product_publish(product=hidden, provenance=owner_prov, published=False)
    response = google_feed(rf.get("/feed/google/x.xml"), key=verified_enterprise.public_key)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert b"Kopi Bubuk" in response.content and b"Belum Siap" not in response.content
    assert "public" in response["Cache-Control"]


def test_public_google_feed_refuses_unverified(rf, complete_enterprise):
    from django.http import Http404

    from simpul.catalogue.views.marketplace import google_feed

    with pytest.raises(Http404):
        google_feed(rf.get("/"), key=complete_enterprise.public_key)
    with pytest.raises(Http404):
        google_feed(rf.get("/"), key="tidakada")


def test_public_google_feed_url_needs_no_login(client, listed, verified_enterprise):
    url = reverse("catalogue:google_feed", args=[verified_enterprise.public_key])
    assert url == f"/feed/google/{verified_enterprise.public_key}.xml"
    response = client.get(url)
    assert response.status_code == 200 and b"<rss" in response.content
    assert client.get("/feed/google/tidakada.xml").status_code == 404
