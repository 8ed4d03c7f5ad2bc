"""Curation by the Dinas through the views: feature, hide with a reason the owner reads,
show again; inside the jurisdiction only; analysts look but do not act."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

REASON = "Foto produk memuat merek dagang pihak lain."


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.18@uji.id", "analyst", offices["18"])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_officer_sees_public_products_with_actions(officer_client, product):
    response = officer_client.get(reverse("products:curation"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keripik Pisang Coklat" in html
    assert "Unggulkan di beranda" in html and "Sembunyikan" in html


def test_name_filter(officer_client, product):
    assert (
        "Keripik"
        in officer_client.get(reverse("products:curation"), {"q": "pisang"}).content.decode()
    )
    other = officer_client.get(reverse("products:curation"), {"q": "tenun"})
    assert "Keripik Pisang Coklat" not in other.content.decode()


def test_draft_products_are_not_curated(officer_client, product, owner_prov):
    from simpul.catalogue import services

    services.product_publish(product=product, provenance=owner_prov, published=False)
    html = officer_client.get(reverse("products:curation")).content.decode()
    assert "Keripik Pisang Coklat" not in html


def test_feature_and_unfeature(officer_client, product):
    url = reverse("products:feature", args=[product.pk])
    response = officer_client.post(url, {"featured": "1"})
    assert response["Location"] == reverse("products:curation")
    product.refresh_from_db()
    assert product.featured_at is not None
    page = officer_client.get(reverse("products:curation"), {"tampil": "unggulan"})
    assert "Batalkan unggulan" in page.content.decode()
    officer_client.post(url, {"featured": "0"})
    product.refresh_from_db()
    assert product.featured_at is None


def test_feature_refused_for_draft_shows_message(officer_client, product, owner_prov):
    from simpul.catalogue import services

    services.product_publish(product=product, provenance=owner_prov, published=False)
    url = reverse("products:feature", args=[product.pk])
    response = officer_client.post(url, {"featured": "1"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert "Hanya produk yang tampil publik yang dapat diunggulkan." in messages
    product.refresh_from_db()
    assert product.featured_at is None


def test_hide_needs_a_reason(officer_client, product):
    url = reverse("products:hide", args=[product.pk])
    response = officer_client.post(url, {"reason": "jelek"})
    assert response.status_code == 400
    assert "paling sedikit 10 karakter" in response.content.decode()
    product.refresh_from_db()
    assert not product.is_hidden and product.is_public


def test_hidden_reason_reaches_the_owner_and_unhide(client, officer, owner_user, product):
    client.force_login(officer)
    next_url = reverse("products:curation") + "?tampil=publik"
    response = client.post(
        reverse("products:hide", args=[product.pk]), {"reason": REASON, "next": next_url}
    )
    assert response["Location"] == next_url
    product.refresh_from_db()
    assert product.is_hidden and not product.is_public and product.hidden_reason == REASON
    hidden_tab = client.get(reverse("products:curation"), {"tampil": "tersembunyi"})
    assert REASON in hidden_tab.content.decode()

    client.force_login(owner_user)
    listing = client.get(reverse("products:list", args=[product.enterprise_id])).content.decode()
    assert "Disembunyikan Dinas" in listing and REASON in listing
    assert REASON in client.get(reverse("products:edit", args=[product.pk])).content.decode()
    # The owner may not lift it themselves.
    assert client.post(reverse("products:unhide", args=[product.pk])).status_code == 403

    client.force_login(officer)
    client.post(reverse("products:unhide", args=[product.pk]))
    product.refresh_from_db()
    assert not product.is_hidden and product.is_public


def test_outside_jurisdiction_is_404(client, other_officer, product):
    client.force_login(other_officer)
    assert "Keripik" not in client.get(reverse("products:curation")).content.decode()
    for name, data in [
        ("products:feature", {"featured": "1"}),
        ("products:hide", {"reason": REASON}),
        ("products:unhide", {}),
    ]:
        assert client.post(reverse(name, args=[product.pk]), data).status_code == 404
    product.refresh_from_db()
    assert product.featured_at is None and not product.is_hidden


def test_analyst_views_without_buttons_and_posts_are_403(client, analyst, product):
    client.force_login(analyst)
    page = client.get(reverse("products:curation"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Keripik Pisang Coklat" in html
    assert reverse("products:feature", args=[product.pk]) not in html
    for name, data in [
        ("products:feature", {"featured": "1"}),
        ("products:hide", {"reason": REASON}),
        ("products:hide", {"reason": ""}),
        ("products:unhide", {}),
    ]:
        assert client.post(reverse(name, args=[product.pk]), data).status_code == 403
    product.refresh_from_db()
    assert product.featured_at is None and not product.is_hidden


def test_owner_has_no_curation(client, owner_user, product):
    client.force_login(owner_user)
    assert client.get(reverse("products:curation")).status_code == 403
    response = client.post(reverse("products:feature", args=[product.pk]), {"featured": "1"})
    assert response.status_code == 403


def test_foreign_next_is_ignored(officer_client, product):
    url = reverse("products:feature", args=[product.pk])
    response = officer_client.post(url, {"featured": "1", "next": "https://jahat.example/"})
    assert response["Location"] == reverse("products:curation")


def test_csrf_enforced(officer, product):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("products:hide", args=[product.pk]), {"reason": REASON})
    assert response.status_code == 403
    product.refresh_from_db()
    assert not product.is_hidden


def test_staff_menu_links_curation(officer_client, client, analyst):
    assert (
        reverse("products:curation")
        in officer_client.get(reverse("registry:list")).content.decode()
    )
    client.force_login(analyst)  # analysts read the list (without buttons)
    assert reverse("products:curation") in client.get(reverse("registry:list")).content.decode()
