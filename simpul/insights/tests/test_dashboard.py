"""The dashboard page and the drill-down list on the hand-checked dataset of conftest.py:
the page shows the selectors' numbers, every number links to exactly its enterprises,
jurisdiction holds (404 outside it, owners and anonymous refused), malformed parameters
are a 400 with an Indonesian message, and the page's query count is bounded."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from simpul.core.scope import RegionScope
from simpul.insights import selectors as s
from simpul.insights.views.dashboard_params import drill_url

pytestmark = pytest.mark.django_db

DASHBOARD = "/kelola/wawasan/"
DRILL = "/kelola/wawasan/daftar/"


@pytest.fixture
def analyst(make_user, offices):
    return make_user("analis.18@uji.id", "analyst", offices["18"])


def page(client, user, url: str, status: int = 200) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def tile(html: str, key: str) -> str:
    match = re.search(
        rf'data-key="{key}">(.*?)</div>\s*(?=<div class="card dash-tile"|</div>)', html, re.S
    )
    assert match, key
    return match.group(1)


def tile_value(html: str, key: str) -> tuple[str, str | None]:
    """(the number as shown, its link) of a headline tile."""
    body = tile(html, key)
    value = re.search(r'class="dash-value">(.*?)</strong>', body, re.S).group(1)
    link = re.search(r'href="([^"]+)"', value)
    text = re.sub(r"<[^>]+>", "", value).strip()
    return unescape(text), unescape(link.group(1)) if link else None


def listed(client, user, url: str) -> list[str]:
    html = page(client, user, url)
    rows = re.findall(r'<td><a href="/ikm/\d+/">([^<]+)</a></td>', html)
    return rows


def test_urls_are_fixed():
    assert reverse("insights:dashboard") == DASHBOARD
    assert reverse("insights:drill") == DRILL


def test_headline_numbers_equal_the_selectors(client, analyst, programmes):
    html = page(client, analyst, f"{DASHBOARD}?wilayah=18&tahun=2025")
    scope = RegionScope.for_user(analyst)
    c = s.count_indicators(scope=scope, region="18", year=2025)
    f = s.figure_indicators(scope=scope, region="18", year=2025)
    r = s.programme_reach(scope=scope, region="18", year=2025)
    # Worked out in test_indicators: 13 registered, 11 verified, 6 active, 5 new, 57.1 %
    # growth, workforce 33, sales Rp370 juta (online 19.6 %), 54.5 % women-owned, 3 reached.
    expected = {
        "registered": ("13", c.registered.drill),
        "verified": ("11", c.verified.drill),
        "active": ("6", f.active.drill),
        "new": ("5", c.new_registered.drill),
        "growth": ("57,1 %", None),
        "workforce": ("33", s.Drill("18", "reporting", 2025)),
        "investment": ("Rp880 juta", s.Drill("18", "reporting", 2025)),
        "production": ("Rp420 juta", s.Drill("18", "reporting", 2025)),
        "sales": ("Rp370 juta", s.Drill("18", "reporting", 2025)),
        "exports": ("Rp15 juta", s.Drill("18", "reporting", 2025)),
        "women_owned": ("54,5 %", c.women_owned.drill),
        "reach": ("3", r.reached.drill),
    }
    assert (c.registered.value, c.verified.value, f.active.value, r.reached.value) == (13, 11, 6, 3)
    assert f.workforce == 33
    for key, (value, drill) in expected.items():
        assert tile_value(html, key) == (value, drill_url(drill)), key
    assert "online 19,6 %" in tile(html, "sales")
    assert "perempuan 17 (51,5 %)" in tile(html, "workforce")  # 3+1+6+2+5 of 33
    assert "terverifikasi baru: 4" in tile(html, "new")
    # Distribution: ranked bars with count and share, top-3, CV and HHI as in the selector.
    positions = [
        html.index(name) for name in ("Kota Bandar Lampung</a>", "Kabupaten Lampung Barat</a>")
    ]
    assert positions == sorted(positions)
    assert "90,9 %" in html and "0,649" in html and "3.553,7" in html
    # Desa/kelurahan and both size regimes.
    assert re.search(r"Kelurahan \(perkotaan\).*?>6</a>.*?54,5 %", html, re.S)
    assert re.search(r"Desa \(perdesaan\).*?>5</a>.*?45,5 %", html, re.S)
    assert re.search(r"Industri menengah.*?>2</a>", html, re.S)
    assert re.search(r"10 INDUSTRI MAKANAN.*?>8</a>", html, re.S)
    # Sales fell twice: E1 and E16, counted from the rollups; a province shows the count
    # and links the list, a regency also names the first ones.
    assert re.search(r'class="dash-count"[^>]*><strong>2</strong>', html)
    assert "E16</a>" not in html
    regency = page(client, analyst, f"{DASHBOARD}?wilayah=18.71&tahun=2025")
    assert re.search(r'class="dash-count"[^>]*><strong>1</strong>', regency)
    assert re.search(r'<td data-label="2024">Rp80 juta</td>', regency)
    assert "E1</a>" in regency
    # Charts are inline SVG with a text alternative and a table.
    assert html.count('role="img"') >= 3
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1]
    assert "Tabel angka" in html
    # Every definition is on the page.
    assert "Indeks Herfindahl-Hirschman = Σ" in html


def test_growth_tile_shows_the_target(client, analyst, dataset, offices):
    from simpul.programmes.models import Target

    Target.objects.create(office=offices["18"], year=2025, indicator="growth_pct", value=14)
    html = page(client, analyst, f"{DASHBOARD}?wilayah=18&tahun=2025")
    growth = tile(html, "growth")
    # 57.1 of 14 % = 407.9 % of the target; the bar is full.
    assert "target 14,0 %" in growth
    assert 'class="progress"' in growth and "width: 100%" in growth
    assert "407,9 % dari target" in growth


def drill_links(html: str) -> dict[str, str]:
    return {unescape(m) for m in re.findall(r'href="(/kelola/wawasan/daftar/\?[^"]+)"', html)}


def test_every_number_lists_exactly_its_enterprises(client, analyst, programmes):
    html = page(client, analyst, f"{DASHBOARD}?wilayah=18&tahun=2025")
    cases = {
        "verified": {"E1", "E2", "E3", "E4", "E6", "E8", "E9", "E10", "E13", "E15", "E16"},
        "women_owned": {"E1", "E3", "E6", "E8", "E10", "E15"},
        "active": {"E1", "E2", "E3", "E8", "E9", "E16"},
        "reach": {"E1", "E3", "E8"},
        "new": {"E5", "E6", "E10", "E11", "E15"},
    }
    for key, names in cases.items():
        assert set(listed(client, analyst, tile_value(html, key)[1])) == names, key
    # A child's bar count, a mix part and the sales-fall count.
    kota = drill_url(s.Drill("18.71", "verified", 2025))
    assert kota in drill_links(html)
    assert set(listed(client, analyst, kota)) == {"E1", "E2", "E3", "E4", "E6"}
    desa = drill_url(s.Drill("18", "verified", 2025, "area", "2"))
    assert desa in drill_links(html)
    assert set(listed(client, analyst, desa)) == {"E6", "E8", "E9", "E13", "E16"}
    fell = drill_url(s.Drill("18", "sales_fall", 2025))
    assert set(listed(client, analyst, fell)) == {"E1", "E16"}
    # Every drill link on the page lists as many enterprises as its number says.
    for url in drill_links(html):
        drill_page = page(client, analyst, url)
        assert "IKM" in drill_page


def test_drill_page_names_the_number(client, analyst, dataset):
    html = page(client, analyst, f"{DRILL}?wilayah=18&tahun=2025&angka=verified&faset=gp&nilai=13")
    assert "IKM terverifikasi pada akhir 2025" in html
    assert "13 INDUSTRI TEKSTIL" in html
    assert re.search(r'class="drill-count">3 IKM<', html)
    assert set(re.findall(r'<td><a href="/ikm/\d+/">([^<]+)</a>', html)) == {"E3", "E10", "E16"}
    assert 'data-label="Status"' in html  # stacked rows on phones


def test_drilling_down_to_a_regency_and_a_district(client, analyst, dataset):
    html = page(client, analyst, f"{DASHBOARD}?wilayah=18&tahun=2025")
    child = f"{DASHBOARD}?wilayah=18.04&amp;tahun=2025"
    assert f'href="{child}"' in html
    regency = page(client, analyst, unescape(child))
    assert "Wawasan IKM Kabupaten Lampung Barat" in regency
    # Breadcrumb: Nasional (outside the province's scope: not a link) › Lampung (a link) ›
    # the regency (current).
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', regency, re.S).group(0)
    assert "<span>Nasional</span>" in crumbs
    assert 'href="/kelola/wawasan/?wilayah=18&amp;tahun=2025">Lampung</a>' in crumbs
    assert 'aria-current="page">Kabupaten Lampung Barat<' in crumbs
    assert tile_value(regency, "verified")[0] == "4"
    # District 18.04.01: its villages are the children; their counts drill, no dashboards.
    district = page(client, analyst, f"{DASHBOARD}?wilayah=18.04.01&tahun=2025")
    assert "per Desa/Kelurahan" in district
    way = drill_url(s.Drill("18.04.01.2001", "verified", 2025))
    assert way in drill_links(district)
    assert set(listed(client, analyst, way)) == {"E8", "E9"}


def test_default_region_and_year(client, officer, dataset):
    # Empty wilayah is the user's jurisdiction; the year defaults to the latest with data.
    html = page(client, officer, DASHBOARD)
    assert "Wawasan IKM Kota Bandar Lampung" in html
    assert '<option value="2025" selected>' in html
    assert tile_value(html, "verified")[0] == "5"


def test_jurisdiction(client, officer, owner_user, dataset):
    # A regency office: 404 for another regency, the province and national, dashboard
    # and drill alike (outside the scope looks like nothing there).
    for region in ("18.04", "18.04.01", "18", "32.73", "18.99"):
        page(client, officer, f"{DASHBOARD}?wilayah={region}&tahun=2025", status=404)
        page(client, officer, f"{DRILL}?wilayah={region}&tahun=2025&angka=verified", status=404)
    page(client, officer, f"{DRILL}?wilayah=18.04.01.2001&tahun=2025&angka=verified", status=404)
    page(client, officer, f"{DASHBOARD}?wilayah=18.71&tahun=2025")
    # Owners are refused; anonymous visitors are sent to log in.
    page(client, owner_user, DASHBOARD, status=403)
    page(client, owner_user, f"{DRILL}?wilayah=18.71&tahun=2025&angka=verified", status=403)
    client.logout()
    for url in (DASHBOARD, f"{DRILL}?wilayah=18.71&tahun=2025&angka=verified"):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("wilayah=lampung", "Kode wilayah “lampung” tidak dikenali"),
        ("wilayah=18&tahun=dua", "Tahun “dua” tidak valid"),
        ("wilayah=18&tahun=1990", "Tahun “1990” tidak valid"),
        ("wilayah=18&tahun=2025&angka=omzet", "Angka “omzet” tidak dikenali"),
        ("wilayah=18&tahun=2025", "Angka “” tidak dikenali"),
        ("wilayah=18&tahun=2025&angka=verified&faset=warna&nilai=x", "Rincian “warna”"),
        ("wilayah=18&tahun=2025&angka=verified&faset=gp&nilai=abc", "Nilai “abc” tidak cocok"),
        ("wilayah=18&tahun=2025&angka=verified&nilai=10", "tanpa jenis rinciannya"),
        ("wilayah=18&tahun=2025&angka=verified&faset=area&nilai=3", "Nilai “3”"),
    ],
)
def test_bad_drill_params_are_400(client, analyst, dataset, query, message):
    html = page(client, analyst, f"{DRILL}?{query}", status=400)
    assert message in unescape(html)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("wilayah=18.71.01.1001", "tidak dikenali"),  # villages have no dashboard
        ("wilayah=18;drop", "tidak dikenali"),
        ("tahun=3000", "tidak valid"),
    ],
)
def test_bad_dashboard_params_are_400(client, analyst, dataset, query, message):
    assert message in page(client, analyst, f"{DASHBOARD}?{query}", status=400)


def test_query_count_is_bounded(client, analyst, programmes, django_assert_max_num_queries):
    client.force_login(analyst)
    client.get(f"{DASHBOARD}?wilayah=18&tahun=2025")  # warm caches (content types, …)
    with django_assert_max_num_queries(40):
        assert client.get(f"{DASHBOARD}?wilayah=18&tahun=2025").status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(f"{DASHBOARD}?wilayah=18.04.01&tahun=2025").status_code == 200
    with django_assert_max_num_queries(15):
        url = f"{DRILL}?wilayah=18&tahun=2025&angka=verified&faset=gp&nilai=10"
        assert client.get(url).status_code == 200


def test_query_count_does_not_grow_with_enterprises(client, analyst, dataset, regions):
    """Ten more verified enterprises in the province: the dashboard runs the same number of
    queries (it reads rollups, not one query per enterprise)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import ENTERPRISES, make_enterprise

    client.force_login(analyst)
    url = f"{DASHBOARD}?wilayah=18&tahun=2025"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    villages = {"18.71.01.1001": regions["18.71.01.1001"]}
    for i in range(10):
        make_enterprise(f"Tambahan {i}", ENTERPRISES["E1"], villages)
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    assert len(after.captured_queries) == len(before.captured_queries)
    assert tile_value(html, "verified")[0] == "21"


def test_phone_layout_markup(client, analyst, dataset):
    html = page(client, analyst, f"{DASHBOARD}?wilayah=18&tahun=2025")
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    # Charts scale to the screen (viewBox, width 100 %), tables stack with labels.
    for svg in re.findall(r"<svg[^>]*>", html):
        assert 'viewBox="0 0 ' in svg and 'width="100%"' in svg and "aria-label=" in svg
    assert 'data-label="terdaftar"' in html
    assert "dash-tiles" in html and "hbars" in html
    # No fixed widths wider than a phone in the page's own markup.
    assert not re.search(r'style="[^"]*(?<!max-)width:\s*\d{3,}px', html)


def test_unknown_region_in_scope_is_404(client, analyst, dataset):
    page(client, analyst, f"{DASHBOARD}?wilayah=18.99&tahun=2025", status=404)
    page(client, analyst, f"{DRILL}?wilayah=18.99&tahun=2025&angka=verified", status=404)


def test_drill_link_round_trips(dataset):
    drill = s.Drill("18.71", "verified", 2025, "gp_size_perm", "10|kecil")
    query = parse_qs(urlsplit(drill_url(drill)).query)
    assert query == {
        "wilayah": ["18.71"],
        "tahun": ["2025"],
        "angka": ["verified"],
        "faset": ["gp_size_perm"],
        "nilai": ["10|kecil"],
    }


def test_report_links_carry_region_and_year(client, analyst, dataset):
    html = page(client, analyst, f"{DASHBOARD}?wilayah=18.71&tahun=2024")
    for name in ("insights_reports:xlsx", "insights_reports:pdf"):
        assert f'href="{reverse(name)}?wilayah=18.71&amp;tahun=2024"' in html


def test_national_dashboard(client, make_user, offices, dataset):
    """Kemenperin: the empty wilayah is the nation; its children are the provinces."""
    analyst = make_user("analis.nasional@uji.id", "analyst", offices["national"])
    html = page(client, analyst, DASHBOARD)
    assert "Wawasan IKM Nasional" in html
    assert tile_value(html, "verified") == ("12", drill_url(s.Drill("", "verified", 2025)))
    assert "per Provinsi" in html
    assert 'href="/kelola/wawasan/?wilayah=32&amp;tahun=2025">Jawa Barat</a>' in html
    # E14 (Bandung) is in the national list.
    assert "E14" in listed(client, analyst, drill_url(s.Drill("", "verified", 2025)))
