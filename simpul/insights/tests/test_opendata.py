"""Open data on the hand-checked dataset of conftest.py (year 2025) and the suppression
rule on a table worked out by hand. Verified at the end of 2025: Lampung 11 (18.71: E1 E2
E3 E4 E6 = 5; 18.04: E8 E9 E10 E13 = 4; 18.72: E15; 18.01: E16), Jawa Barat 1 (E14),
national 12."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from simpul.insights.opendata.suppression import suppress
from simpul.insights.opendata.tables import indicators, kbli_size

from .conftest import ENTERPRISES, M

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ the rule itself


def test_primary_and_secondary_on_a_two_by_three_table():
    # Rows A and B with totals, columns 1–3 with totals, grand total 43.
    #        1   2   3 | row
    #   A   10   3   8 | 21
    #   B    6   7   9 | 22
    #  col  16  10  17 | 43
    values = {
        "A1": 10, "A2": 3, "A3": 8, "B1": 6, "B2": 7, "B3": 9,
        "A": 21, "B": 22, "C1": 16, "C2": 10, "C3": 17, "G": 43,
    }  # fmt: skip
    relations = [
        ("A", ["A1", "A2", "A3"]),
        ("B", ["B1", "B2", "B3"]),
        ("C1", ["A1", "B1"]),
        ("C2", ["A2", "B2"]),
        ("C3", ["A3", "B3"]),
        ("G", ["A", "B"]),
        ("G", ["C1", "C2", "C3"]),
    ]
    # A2 = 3 is primary. Row A would give it back (21 − 10 − 8): its smallest other part
    # A3 = 8 goes too. Column 2 (10 − 7) then hides B2; column 3 (17 − 9) hides B3; row B
    # now has two hidden, column 1 none: done. No relation has exactly one hidden entry.
    hidden = suppress(values, relations)
    assert hidden == {"A2", "A3", "B2", "B3"}
    for total, parts in relations:
        assert sum(k in hidden for k in [total, *parts]) != 1


def test_a_hidden_total_hides_a_part_and_zero_is_never_picked():
    # The total is hidden elsewhere (seeded); with all parts published it would be their
    # sum, so the smallest non-zero part is hidden (a and b tie at 6: first by key).
    assert suppress({"T": 12, "a": 6, "b": 6, "z": 0}, [("T", ["a", "b", "z"])], hidden=["T"]) == {
        "T",
        "a",
    }
    # 0 is published and never the partner; 1–4 are primary; 5 is published.
    assert suppress({"T": 9, "a": 4, "b": 5, "z": 0}, [("T", ["a", "b", "z"])]) == {"a", "b"}
    assert suppress({"x": 5, "y": 0}, []) == set()


def test_shares_are_suppressed_with_their_complements_and_hidden_counts(monkeypatch):
    """The women-owned share per regency (counts worked out by hand). Province P: 50
    verified, 27 women-owned. A: 20 verified, 17 women (3 others: hidden). B: 30 verified,
    10 women. Publishing B's and P's shares would give A's 17 back (27 − 10), so B's goes
    too (before, A's complement was hidden after the secondary pass and B's stayed).
    Province Q: C has 3 verified (hidden), D 12 (hidden with it, Q = C + D); their shares
    go with their counts."""
    from simpul.insights.opendata import tables

    names = {"": "Indonesia", "P": "P", "P.A": "A", "P.B": "B", "Q": "Q", "Q.C": "C", "Q.D": "D"}
    children = {"": ["P", "Q"], "P": ["P.A", "P.B"], "Q": ["Q.C", "Q.D"]}
    verified = {"": 65, "P": 50, "P.A": 20, "P.B": 30, "Q": 15, "Q.C": 3, "Q.D": 12}
    women = {"": 35, "P": 27, "P.A": 17, "P.B": 10, "Q": 8, "Q.C": 2, "Q.D": 6}
    cube = {
        code: {
            "registered": verified[code],
            "verified": verified[code],
            "new_registered": 0,
            "new_verified": 0,
            "verified_prev": verified[code],
            "women": women[code],
        }
        for code in names
    }
    monkeypatch.setattr(tables, "_regions", lambda: (names, children))
    monkeypatch.setattr(tables, "_count_cube", lambda year: cube)
    monkeypatch.setattr(tables, "_figure_cube", lambda year: {})
    hidden = tables.count_suppression(2025)
    assert hidden["verified"] == {"Q.C", "Q.D"}  # C primary; D with it (Q = C + D)
    assert hidden["verified_prev"] == {"Q.C", "Q.D"}
    assert hidden["women"] == {"P.A", "P.B", "Q.C", "Q.D"}
    for parent, kids in children.items():
        assert sum(code in hidden["women"] for code in [parent, *kids]) != 1


# ------------------------------------------------------------------ tables on the dataset


def by_code(table) -> dict[str, tuple[dict, list[str]]]:
    return {
        row["kode_wilayah"]: (row, hidden)
        for row, hidden in zip(table.rows, table.hidden, strict=True)
    }


def test_indicators_national_and_provinces(dataset):
    t = by_code(indicators(2025))
    assert list(t) == ["", "18", "32"]
    national, hidden = t[""]
    # National: registered 14, verified 12, new registered 5 (E5 E6 E10 E11 E15), new
    # verified 4 (<5: hidden), growth (12 − 8) ÷ 8 = 50.0 %, women 6 of 12 = 50.0 %.
    assert national["ikm_terdaftar"] == 14
    assert national["ikm_terverifikasi"] == 12
    assert national["ikm_baru_terdaftar"] == 5
    assert national["ikm_baru_terverifikasi"] is None
    assert str(national["pertumbuhan_persen"]) == "50.0"
    assert str(national["milik_perempuan_persen"]) == "50.0"
    # Figures 2025 of the verified: E1 E2 E3 E8 E9 E16 E14 reported (7 ≥ 5). Workforce
    # 5+2+10+5+10+1+2 = 35; sales 60+40+30+150+70+20+7 = 377 M; production
    # 70+45+40+160+80+25+8 = 428 M; investment 50+20+300+100+400+10+5 = 885 M; exports 15 M.
    assert national["ikm_melapor"] == 7
    assert national["tenaga_kerja"] == 35
    assert national["nilai_penjualan"] == 377 * M
    assert national["nilai_produksi"] == 428 * M
    assert national["nilai_investasi"] == 885 * M
    assert national["nilai_ekspor"] == 15 * M
    assert hidden == ["ikm_baru_terverifikasi"]
    # Jawa Barat has one verified IKM (primary). National 12 = Lampung + Jawa Barat, so
    # Lampung's 11 is hidden too (secondary), and with it its growth and women share;
    # the same for registered (13 + 1) and the reporting count (6 + 1) with the figures.
    lampung, hidden18 = t["18"]
    assert lampung["ikm_terverifikasi"] is None and lampung["ikm_terdaftar"] is None
    assert lampung["pertumbuhan_persen"] is None
    assert lampung["milik_perempuan_persen"] is None
    assert lampung["ikm_melapor"] is None and lampung["nilai_penjualan"] is None
    # New registered: Lampung 5, Jawa Barat 0 → both published (0 reveals nothing).
    assert lampung["ikm_baru_terdaftar"] == 5
    assert t["32"][0]["ikm_baru_terdaftar"] == 0
    assert "ikm_terverifikasi" in hidden18 and "nilai_penjualan" in hidden18
    assert t["32"][0]["ikm_terverifikasi"] is None


def test_indicators_of_a_province_lists_its_regencies(dataset):
    t = by_code(indicators(2025, "18"))
    assert list(t) == ["18", "18.01", "18.04", "18.71", "18.72"]
    r71, _h = t["18.71"]
    # 18.71: registered E1–E6 = 6, verified 5 (published); 2024 it had 3 → growth hidden.
    assert (r71["ikm_terdaftar"], r71["ikm_terverifikasi"]) == (6, 5)
    assert r71["pertumbuhan_persen"] is None
    assert r71["nama_wilayah"] == "Kota Bandar Lampung"
    # 18.04: registered E8 E9 E10 E11 E13 = 5 (E12 rejected), verified 4 → hidden.
    r04, h04 = t["18.04"]
    assert (r04["ikm_terdaftar"], r04["ikm_terverifikasi"]) == (5, None)
    assert "ikm_terverifikasi" in h04
    # 18.72 and 18.01: one each, hidden.
    assert t["18.72"][0]["ikm_terverifikasi"] is None
    assert t["18.01"][0]["ikm_terdaftar"] is None


def test_kbli_size_cells_and_regency_totals(dataset):
    table = kbli_size(2025, "permenperin", "18")
    rows = {
        (r["kode_kabupaten_kota"], r["kbli_golongan_pokok"], r["kelas_usaha"]): r["jumlah_ikm"]
        for r in table.rows
    }
    # 18.71: 10|kecil = E1 E2 E4 E6 = 4, 13|menengah = E3 = 1 → every cell and subtotal is
    # under 5; the regency total 5 is published.
    assert rows[("18.71", "10", "kecil")] is None
    assert rows[("18.71", "13", "menengah")] is None
    assert rows[("18.71", "(semua)", "(semua)")] == 5
    # 18.04 total 4: all hidden.
    assert rows[("18.04", "(semua)", "(semua)")] is None
    assert all(v is None for (r, _g, _k), v in rows.items() if r != "18.71" or _g != "(semua)")
    pp7 = kbli_size(2025, "pp7", "18")
    totals = {
        r["kode_kabupaten_kota"]: r["jumlah_ikm"]
        for r in pp7.rows
        if r["kelas_usaha"] == "(semua)" and r["kbli_golongan_pokok"] == "(semua)"
    }  # noqa: E501
    assert totals == {"18.01": None, "18.04": None, "18.71": 5, "18.72": None}


def test_kbli_size_secondary_inside_a_regency(dataset, regions):
    """Four more verified 10|kecil in 18.71 (8 in all) and one more 13|menengah (2):
    13|menengah = 2 is hidden; golongan pokok 13's
    subtotal (2) is hidden by itself; the regency total 10 is published, so subtotal 10
    (= 10 − 2) is hidden too, and then the cell 10|kecil, its only part."""
    from .conftest import make_enterprise

    villages = {"18.71.01.1001": regions["18.71.01.1001"]}
    spec = ENTERPRISES["E1"]
    for i in range(4):
        make_enterprise(f"X{i}", spec, villages)
    make_enterprise("X9", ENTERPRISES["E3"], villages)
    table = kbli_size(2025, "permenperin", "18")
    rows = {
        (r["kbli_golongan_pokok"], r["kelas_usaha"]): r["jumlah_ikm"]
        for r in table.rows
        if r["kode_kabupaten_kota"] == "18.71"
    }
    assert rows[("(semua)", "(semua)")] == 10
    assert rows[("13", "menengah")] is None  # 2: primary
    assert rows[("13", "(semua)")] is None  # 2: primary
    assert rows[("(semua)", "menengah")] is None  # 2: primary
    # 10 = 8 and kecil = 8: each would be 10 − 2; hidden by the secondary rule.
    assert rows[("10", "(semua)")] is None
    assert rows[("(semua)", "kecil")] is None
    # The cell 10|kecil is the only part of subtotal 10, so it equals it and goes too.
    assert rows[("10", "kecil")] is None
    # Every relation in the regency has 0 or ≥ 2 hidden entries.
    assert sum(v is None for v in rows.values()) == 6


# ------------------------------------------------------------------ the endpoints


def test_anonymous_json_csv_and_metadata(dataset):
    client = Client()
    url = reverse("opendata:indicators_year", kwargs={"year": 2025, "fmt": "json"})
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    body = json.loads(response.content)
    meta = body["metadata"]
    assert meta["sumber"] == "Simpul IKM — registri IKM"
    assert meta["tahun"] == 2025
    assert meta["dibuat"] and "CC BY 4.0" in meta["lisensi"]
    assert "1–4 IKM" in meta["penekanan_sel_kecil"]
    assert any(
        c["nama"] == "ikm_terverifikasi" and "terverifikasi" in c["definisi"] for c in meta["kolom"]
    )
    national = body["data"][0]
    assert national["ikm_terverifikasi"] == 12 and national["ikm_baru_terverifikasi"] is None
    assert national["pertumbuhan_persen"] == 50.0

    # The same with ?tahun= on opendata:indicators.
    same = client.get(reverse("opendata:indicators", kwargs={"fmt": "json"}), {"tahun": 2025})
    assert json.loads(same.content)["data"] == body["data"]

    response = client.get(
        reverse("opendata:indicators", kwargs={"fmt": "csv"}), {"tahun": 2025, "provinsi": "18"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "public" in response["Cache-Control"]
    assert "describedby" in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by = {r["kode_wilayah"]: r for r in rows}
    assert by["18.71"]["ikm_terverifikasi"] == "5"
    assert by["18.04"]["ikm_terverifikasi"] == ""
    assert "ikm_terverifikasi" in by["18.04"]["ditekan"].split(";")
    assert by["18.71"]["ditekan"] == "" or "ikm_terverifikasi" not in by["18.71"]["ditekan"]

    meta = client.get(reverse("opendata:metadata", kwargs={"table": "kbli_kelas"}), {"tahun": 2025})
    assert json.loads(meta.content)["sumber"] == "Simpul IKM — registri IKM"


def test_table_endpoints_and_no_personal_data(dataset):
    client = Client()
    for fmt in ("csv", "json"):
        response = client.get(
            reverse("opendata:table", kwargs={"fmt": fmt}), {"tahun": 2025, "kelas": "pp7"}
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert "Pemilik" not in text  # owners' names
        if fmt == "json":
            data = json.loads(text)["data"]
            values = {str(v) for row in data for v in row.values()}
        else:
            data = list(csv.DictReader(io.StringIO(text)))
            values = {v for row in data for v in row.values()}
        assert data
        assert not values & set(ENTERPRISES)  # no enterprise names (E1 … E16)
    assert client.get(reverse("opendata:table", kwargs={"fmt": "xml"})).status_code == 404
    assert (
        client.get(reverse("opendata:table", kwargs={"fmt": "csv"}), {"kelas": "x"}).status_code
        == 404
    )
    assert (
        client.get(reverse("opendata:table", kwargs={"fmt": "csv"}), {"tahun": "1900"}).status_code
        == 404
    )


def test_csv_is_formula_safe(dataset):
    from simpul.regions.models import Region

    Region.objects.filter(code="18.71").update(name='=HYPERLINK("http://x","y")')
    response = Client().get(
        reverse("opendata:indicators", kwargs={"fmt": "csv"}), {"tahun": 2025, "provinsi": "18"}
    )
    rows = {r["kode_wilayah"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["18.71"]["nama_wilayah"].startswith("'=")


def test_page_shows_marker_and_rules(dataset):
    response = Client().get(reverse("opendata:index"), {"tahun": 2025, "provinsi": "18"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;5" in html
    assert "Kota Bandar Lampung" in html
    assert "Simpul IKM — registri IKM" in html
    assert "public" in response["Cache-Control"]
    assert "Pemilik" not in html
