import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("simpul.regions.tests.urls")]


def options(client, **params):
    response = client.get("/wilayah/pilihan/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_provinces_without_parent(client, regions):
    html = options(client, level=1)
    assert html.startswith('<option value="">— Pilih provinsi —</option>')
    assert '<option value="18">Lampung</option>' in html
    assert '<option value="32">Jawa Barat</option>' in html


def test_children_of_a_regency_are_districts(client, regions):
    html = options(client, parent="18.71", level=3)
    assert '<option value="">— Pilih kecamatan —</option>' in html
    assert '<option value="18.71.01">Tanjung Karang Pusat</option>' in html
    assert "18.04.01" not in html


def test_level_is_derived_from_the_parent_when_absent_or_invalid(client, regions):
    html = options(client, parent="18.71.01")
    assert "— Pilih desa/kelurahan —" in html
    assert '<option value="18.71.01.1001">Gotong Royong</option>' in html
    assert "— Pilih kabupaten/kota —" in options(client, parent="18", level="x")


@pytest.mark.parametrize(
    "params",
    [
        {"parent": "99.99", "level": 3},
        {"parent": "<script>", "level": 3},
        {"parent": "18.71", "level": 4},
        {"parent": "", "level": 3},
        {"parent": "18.71.01.1001", "level": ""},
    ],
)
def test_bad_parent_gives_only_the_placeholder(client, regions, params):
    html = options(client, **params)
    assert html.count("<option") == 1
    assert 'value=""' in html


def test_no_login_needed_and_names_are_escaped(client, regions):
    from simpul.regions.models import Region

    Region.objects.filter(code="18").update(name="Lampung <b>")
    html = options(client, level=1)
    assert "Lampung &lt;b&gt;" in html
