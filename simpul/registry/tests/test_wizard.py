"""The self-registration form, step by step, through real requests."""

import pytest
from django.urls import reverse

from conftest import NIK_WOMAN
from simpul.core.audit import history_for
from simpul.registry.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_client(client, owner_user, regions, kbli):
    client.force_login(owner_user, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    return client


def _post(client, url, data, status=302):
    response = client.post(url, data)
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def test_register_step_by_step_and_submit(owner_client, owner_user):
    response = _post(
        owner_client,
        reverse("registry:start"),
        {
            "name": "Keripik Pisang Bu Siti",
            "legal_form": "perorangan",
            "nib": "",
            "products": "keripik pisang coklat",
            "business_phone": "0812-3456-7890",
            "year_started": "2015",
        },
    )
    e = Enterprise.objects.get(name="Keripik Pisang Bu Siti")
    assert response["Location"] == reverse("registry:wizard", kwargs={"pk": e.pk, "step": 2})
    assert e.business_phone == "+6281234567890" and e.owner.user == owner_user
    step = lambda n: reverse("registry:wizard", kwargs={"pk": e.pk, "step": n})  # noqa: E731
    _post(
        owner_client,
        step(2),
        {
            "full_name": "Siti Aminah",
            "nik": NIK_WOMAN,
            "gender": "P",
            "birth_date": "1985-03-12",
            "phone": "081234567890",
        },
    )
    _post(
        owner_client,
        step(3),
        {
            "province": "18",
            "regency": "18.71",
            "district": "18.71.01",
            "village": "18.71.01.1001",
            "address": "Jl. Pagar Alam 12",
            "postal_code": "35131",
        },
    )
    _post(owner_client, step(4), {"kbli": "10761"})
    _post(
        owner_client,
        step(5),
        {
            "workers_male": "1",
            "workers_female": "4",
            "investment_value": "Rp 25 juta",
            "business_capital": "50.000.000",
            "annual_sales": "2,5 juta",
        },
    )
    review = owner_client.get(step(6))
    assert review.status_code == 200
    page = review.content.decode()
    assert "1871**********01" in page and NIK_WOMAN not in page
    assert "Industri kecil" in page and "Usaha mikro" in page
    _post(owner_client, step(6), {})
    e.refresh_from_db()
    assert e.status == "submitted" and e.regency_code == "18.71"
    assert e.investment_value == 25_000_000 and e.annual_sales == 2_500_000
    assert history_for(e).filter(action="updated").count() >= 3


def test_wrong_nik_gets_indonesian_message_and_changes_nothing(owner_client, complete_enterprise):
    url = reverse("registry:wizard", kwargs={"pk": complete_enterprise.pk, "step": 2})
    response = _post(
        owner_client,
        url,
        {"full_name": "Siti", "nik": "1871011203850001", "gender": "P", "birth_date": "1985-03-12"},
        400,
    )
    assert "perempuan" in response.content.decode().lower()
    complete_enterprise.owner.refresh_from_db()
    assert complete_enterprise.owner.full_name == "Siti Aminah"


def test_unknown_village_is_refused(owner_client, complete_enterprise):
    url = reverse("registry:wizard", kwargs={"pk": complete_enterprise.pk, "step": 3})
    response = _post(owner_client, url, {"village": "99.99.99.9999", "address": "x"}, 400)
    assert "Pilih desa/kelurahan dari daftar" in response.content.decode()
    complete_enterprise.refresh_from_db()
    assert complete_enterprise.village_id == "18.71.01.1001"


def test_region_and_kbli_pickers(client, regions, kbli):
    options = client.get(reverse("regions:options"), {"parent": "18.71", "level": 3})
    assert "Tanjung Karang Pusat" in options.content.decode()
    found = client.get(reverse("kbli:search"), {"q": "kopi"})
    assert 'value="10761"' in found.content.decode()


def test_csrf_is_enforced(owner_user, regions):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner_user, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    response = strict.post(reverse("registry:start"), {"name": "Palsu", "legal_form": "perorangan"})
    assert response.status_code == 403
    assert not Enterprise.objects.filter(name="Palsu").exists()


def test_public_profile_only_for_verified(client, complete_enterprise):
    url = reverse(
        "public:profile",
        kwargs={"key": complete_enterprise.public_key, "slug": complete_enterprise.slug},
    )
    assert client.get(url).status_code == 404
    Enterprise.objects.filter(pk=complete_enterprise.pk).update(status="verified")
    page = client.get(url).content.decode()
    assert "Kopi Robusta Tapis Berseri" in page
    assert "1871" not in page  # neither the NIK nor its masked form
    for phone in ("+6281234567890", "812-3456-7890", "081234567890"):
        assert phone not in page  # the phone is not published as business contact
    Enterprise.objects.filter(pk=complete_enterprise.pk).update(
        business_phone="+6287811112222", publish_contact=True
    )
    assert "+62 878-1111-2222" in client.get(url).content.decode()


def test_officer_enters_an_enterprise_inside_the_jurisdiction_only(client, officer, regions, kbli):
    client.force_login(officer, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    _post(
        client,
        reverse("registry:start"),
        {"name": "Tenun Tapis Officer", "legal_form": "ud", "products": "kain tapis"},
    )
    e = Enterprise.objects.get(name="Tenun Tapis Officer")
    assert e.source == "officer" and e.regency_code == "18.71" and e.owner.user is None
    step3 = reverse("registry:wizard", kwargs={"pk": e.pk, "step": 3})
    assert client.get(step3).status_code == 200  # the draft is in the officer's scope
    response = _post(client, step3, {"village": "32.73.01.1001", "address": "Bandung"}, 400)
    assert "di luar wilayah kerja Anda" in response.content.decode()
    e.refresh_from_db()
    assert e.village_id is None and e.regency_code == "18.71"
    _post(client, step3, {"village": "18.71.01.1001", "address": "Jl. Tapis 3"})
    e.refresh_from_db()
    assert e.village_id == "18.71.01.1001"


def test_review_shows_no_size_class_before_the_figures(owner_client, regions):
    _post(
        owner_client,
        reverse("registry:start"),
        {"name": "Baru Mulai", "legal_form": "perorangan", "products": "tempe"},
    )
    e = Enterprise.objects.get(name="Baru Mulai")
    page = owner_client.get(reverse("registry:wizard", kwargs={"pk": e.pk, "step": 6}))
    text = page.content.decode()
    assert "Dihitung setelah angka usaha" in text and "Industri kecil" not in text
