"""Every URL that takes an enterprise id answers 404 outside the caller's jurisdiction."""

import pytest
from django.urls import reverse

from simpul.core.scope import RegionScope
from simpul.registry import selectors
from simpul.registry.models import Enterprise

pytestmark = pytest.mark.django_db

ID_VIEWS = [
    ("get", "registry:detail", {}),
    ("get", "registry:history", {}),
    ("get", "registry:wizard", {"step": 1}),
    ("post", "registry:wizard", {"step": 1}),
    ("post", "registry:decide", {}),
    ("post", "registry:nik", {}),
]


def _login(client, user):
    client.force_login(user, backend="simpul.accounts.backends.EmailOrPhoneBackend")


@pytest.mark.parametrize(("method", "name", "extra"), ID_VIEWS)
def test_other_regency_officer_gets_404(
    client, complete_enterprise, other_officer, method, name, extra
):
    _login(client, other_officer)
    url = reverse(name, kwargs={"pk": complete_enterprise.pk, **extra})
    data = {"decision": "verify", "name": "Dibajak"} if method == "post" else None
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    e = Enterprise.objects.get(pk=complete_enterprise.pk)
    assert e.name == "Kopi Robusta Tapis Berseri" and e.status == "draft"


@pytest.mark.parametrize(("method", "name", "extra"), ID_VIEWS)
def test_other_owner_gets_404(client, complete_enterprise, make_user, method, name, extra):
    _login(client, make_user("tetangga@uji.id"))
    url = reverse(name, kwargs={"pk": complete_enterprise.pk, **extra})
    data = {"decision": "verify", "name": "Dibajak"} if method == "post" else None
    response = getattr(client, method)(url, data)
    # The decision view is for office staff only and refuses owners before any lookup.
    assert response.status_code == (403 if name == "registry:decide" else 404)
    e = Enterprise.objects.get(pk=complete_enterprise.pk)
    assert e.name == "Kopi Robusta Tapis Berseri" and e.status == "draft"


def test_same_regency_officer_and_province_and_nation_see_it(
    client, complete_enterprise, officer, make_user, offices
):
    for user in (
        officer,
        make_user("prov@uji.id", "analyst", offices["18"]),
        make_user("nas@uji.id", "analyst", offices["national"]),
    ):
        client.logout()
        _login(client, user)
        url = reverse("registry:detail", kwargs={"pk": complete_enterprise.pk})
        assert client.get(url).status_code == 200, user.email


def test_scope_filters_lists(complete_enterprise, officer, other_officer, offices, make_user):
    in_scope = selectors.enterprise_list(scope=RegionScope.for_user(officer))
    out_scope = selectors.enterprise_list(scope=RegionScope.for_user(other_officer))
    assert list(in_scope) == [complete_enterprise] and list(out_scope) == []
    bandung = RegionScope(prefix="32.73")
    assert not bandung.apply(Enterprise.objects.all()).exists()
    assert RegionScope.for_user(None).apply(Enterprise.objects.all()).count() == 0


def test_list_filter_cannot_widen_scope(client, complete_enterprise, other_officer):
    _login(client, other_officer)
    response = client.get(reverse("registry:list"), {"wilayah": "18.71"})
    assert response.status_code == 200
    assert "Kopi Robusta" not in response.content.decode()


def test_anonymous_is_sent_to_login(client, complete_enterprise):
    response = client.get(reverse("registry:detail", kwargs={"pk": complete_enterprise.pk}))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_list_filters_and_sentra_choices_are_scoped(client, complete_enterprise, officer, regions):
    from simpul.registry.models import Sentra

    mine = Sentra.objects.create(name="Sentra Kopi Gotong Royong", commodity="kopi")
    mine.set_village(regions["18.71.01.1001"])
    mine.save()
    theirs = Sentra.objects.create(name="Sentra Rajut Sarijadi", commodity="rajut")
    theirs.set_village(regions["32.73.01.1001"])
    theirs.save()
    Enterprise.objects.filter(pk=complete_enterprise.pk).update(sentra=mine)
    _login(client, officer)
    page = client.get(reverse("registry:list")).content.decode()
    assert "Sentra Kopi Gotong Royong" in page and "Sentra Rajut Sarijadi" not in page
    hit = client.get(
        reverse("registry:list"),
        {"sentra": mine.pk, "kbli": "10", "kelas": "kecil", "q": "robusta"},
    )
    assert "Kopi Robusta Tapis Berseri" in hit.content.decode()
    foreign = client.get(reverse("registry:list"), {"sentra": theirs.pk})
    assert "Kopi Robusta Tapis Berseri" not in foreign.content.decode()


def test_list_region_pickers_start_below_the_jurisdiction(client, complete_enterprise, officer):
    _login(client, officer)
    page = client.get(reverse("registry:list")).content.decode()
    assert 'name="w3"' in page and 'name="w1"' not in page  # a regency office picks districts
    assert "Tanjung Karang Pusat" in page and "Balik Bukit" not in page
    hit = client.get(reverse("registry:list"), {"w3": "18.71.01"}).content.decode()
    assert "Kopi Robusta Tapis Berseri" in hit
    miss = client.get(reverse("registry:list"), {"w3": "18.04.01"}).content.decode()
    assert "Kopi Robusta Tapis Berseri" not in miss


def test_every_url_with_an_enterprise_id_is_covered_above():
    """A new view that takes an id must be added to ID_VIEWS, so the 404 test covers it."""
    from simpul.registry import urls as registry_urls

    with_pk = {
        f"registry:{p.name}" for p in registry_urls.urlpatterns if "<int:pk>" in str(p.pattern)
    }
    assert with_pk == {name for _, name, _ in ID_VIEWS}
