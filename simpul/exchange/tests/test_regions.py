"""Region resolution against the real shipped regions of Lampung, Jawa Barat, Jawa Tengah
and Jawa Timur (≈ 26,000 regions)."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pytest

from simpul.exchange.region_resolve import RegionResolver, fold, name_keys
from simpul.exchange.region_resolve.coordinates import distance_km
from simpul.regions.loaders import load_regions
from simpul.regions.regionfile import read_region_file, write_region_file

PROVINCES = {"18", "32", "33", "35"}


def _shared_data() -> Path:
    default = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    return Path(os.environ.get("SIMPUL_SHARED_DATA", default))


@pytest.fixture(scope="session")
def region_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("regions") / "four-provinces.csv.gz"
    write_region_file((r for r in read_region_file() if r[0][:2] in PROVINCES), path)
    return path


@pytest.fixture
def regions(region_file, db) -> None:
    load_regions(region_file)


@pytest.fixture
def lampung(regions) -> RegionResolver:
    return RegionResolver("18")


@pytest.fixture
def national(regions) -> RegionResolver:
    return RegionResolver("")


# --- names ---------------------------------------------------------------------------


def test_name_keys_drop_type_words_spaces_and_read_roman_numerals():
    assert name_keys(3, "Kec. Tanjung Karang Pusat").keys == (
        "kectanjungkarangpusat",
        "tanjungkarangpusat",
    )
    assert name_keys(4, "Jagabaya III").keys == ("jagabaya3",)
    assert name_keys(2, "Kab/Kota Bandung").kind == ""
    assert name_keys(2, "Kota Bandung").kind == "kota"
    assert name_keys(2, "KAB. BANDUNG").kind == "kabupaten"
    assert fold("soerabaja") == fold("surabaya")
    assert fold("djebres") == fold("jebres")
    assert fold("tjilatjap") == fold("cilacap")


# --- names → regions -------------------------------------------------------------------


def test_exact_with_abbreviations(lampung):
    match = lampung.resolve(
        village="Kel. Gotong Royong",
        district="Kec. Tanjung Karang Pusat",
        regency="Kota Bandar Lampung",
    )
    assert (match.code, match.confidence, match.level_reached) == ("18.71.06.1002", "exact", 4)
    assert match.warning == match.error == ""
    assert match.label == (
        "Gotong Royong (Kecamatan Tanjungkarang Pusat, Kota Bandar Lampung) — 18.71.06.1002"
    )
    assert match.codes == {1: "18", 2: "18.71", 3: "18.71.06", 4: "18.71.06.1002"}


def test_case_and_spaces(lampung):
    match = lampung.resolve(village="GOTONG  ROYONG", district="TANJUNGKARANG PUSAT")
    assert (match.code, match.confidence) == ("18.71.06.1002", "exact")


def test_typo_is_read_with_a_warning(lampung):
    match = lampung.resolve(village="Gotong Royog", district="Tanjungkarang Pusat")
    assert (match.code, match.confidence) == ("18.71.06.1002", "fuzzy")
    assert match.warning == "“Gotong Royog” dibaca sebagai Gotong Royong."


def test_old_spelling(national):
    match = national.resolve(village="Djebres", district="Djebres", regency="Kota Soerakarta")
    assert (match.code, match.confidence) == ("33.72.04.1010", "fuzzy")
    assert "“Kota Soerakarta” dibaca sebagai Kota Surakarta." in match.warning
    assert national.resolve(regency="Kota Soerabaja").code == "35.78"


def test_roman_numerals_and_digits(lampung):
    assert lampung.resolve(village="Jagabaya 3", district="Way Halim").code == "18.71.15.1006"
    assert lampung.resolve(village="jagabaya-ii", district="Way Halim").code == "18.71.15.1005"


def test_same_village_name_in_two_districts_is_told_apart_by_the_district(lampung):
    natar = lampung.resolve(village="Tanjung Sari", district="Natar", regency="Lampung Selatan")
    palas = lampung.resolve(village="Tanjungsari", district="Kec. Palas")
    assert (natar.code, palas.code) == ("18.01.04.2008", "18.01.10.2004")


def test_ambiguous_without_district_lists_the_candidates(lampung):
    match = lampung.resolve(village="Tanjung Sari", regency="Kab. Lampung Selatan")
    assert match.code == "" and not match.ok
    assert match.error.startswith("Desa/kelurahan “Tanjung Sari” ada di 2 tempat")
    assert match.candidates == [
        "Tanjung Sari (Kecamatan Natar, Kabupaten Lampung Selatan) — 18.01.04.2008",
        "Tanjung Sari (Kecamatan Palas, Kabupaten Lampung Selatan) — 18.01.10.2004",
    ]


def test_kota_and_kabupaten_bandung(national):
    assert national.resolve(regency="Kota Bandung").code == "32.73"
    assert national.resolve(regency="Kab. Bandung").code == "32.04"
    assert national.resolve(regency="Kabupaten Bandung").code == "32.04"
    both = national.resolve(regency="Bandung")
    assert "ada di 2 tempat" in both.error
    assert [c.split(" — ")[1] for c in both.candidates] == ["32.04", "32.73"]
    # A district that exists only in the city settles it.
    assert national.resolve(district="Coblong", regency="Bandung").code == "32.73.02"


def test_a_name_outside_the_jurisdiction_is_named(regions):
    probolinggo = RegionResolver("35.74")
    match = probolinggo.resolve(village="Gotong Royong")
    assert match.error == (
        "Desa/kelurahan “Gotong Royong” di luar wilayah kerja kantor Anda: Gotong Royong "
        "(Kecamatan Tanjungkarang Pusat, Kota Bandar Lampung) — 18.71.06.1002."
    )
    kab = probolinggo.resolve(district="Dringu", regency="Kab. Probolinggo")
    assert (
        "di luar wilayah kerja kantor Anda: Kabupaten Probolinggo (Jawa Timur) — 35.13" in kab.error
    )
    # The jurisdiction's own parents are still recognised.
    inside = probolinggo.resolve(village="Jati", district="Mayangan", province="Jawa Timur")
    assert inside.code == "35.74.03.1004"


def test_unknown_name_lists_the_nearest_candidates(lampung):
    match = lampung.resolve(village="Gotong Rantau", district="Tanjungkarang Pusat")
    assert match.error == (
        "Desa/kelurahan “Gotong Rantau” tidak ditemukan di wilayah kerja kantor Anda."
    )
    assert match.candidates[0].startswith("Gotong Royong (Kecamatan Tanjungkarang Pusat")
    assert len(match.candidates) <= 5


def test_village_in_the_wrong_district(lampung):
    match = lampung.resolve(village="Gotong Royong", district="Way Halim")
    assert "tidak ada di Way Halim, tetapi ada di wilayah lain" in match.error
    assert match.candidates == [
        "Gotong Royong (Kecamatan Tanjungkarang Pusat, Kota Bandar Lampung) — 18.71.06.1002"
    ]


def test_district_only_is_a_partial_match(lampung):
    match = lampung.resolve(district="Kec. Way Halim", regency="Bandar Lampung")
    assert (match.code, match.level_reached, match.error) == ("18.71.15", 3, "")
    assert match.warning == "Desa/kelurahan tidak diisi; wilayah hanya sampai kecamatan Way Halim."


def test_blank_cells(lampung):
    assert lampung.resolve(village="-", district=" ").error == (
        "Wilayah kosong: isi desa/kelurahan dan kecamatan."
    )


# --- coordinates ---------------------------------------------------------------------


def test_coordinates_alone_need_learned_villages(lampung):
    alone = lampung.resolve(lat="-5.41", lng="105.26")
    assert alone.error == (
        "Lokasi perlu nama desa/kelurahan; koordinat saja belum dapat dipetakan ke wilayah."
    )
    # Two named rows with coordinates teach where Gotong Royong lies …
    for lat, lng in ((-5.4105, 105.2580), (-5.4125, 105.2600)):
        lampung.resolve(village="Gotong Royong", district="Tanjungkarang Pusat", lat=lat, lng=lng)
    match = lampung.resolve(lat="-5.4200", lng="105.2650")
    assert (match.code, match.confidence, match.level_reached) == (
        "18.71.06.1002",
        "coordinates",
        4,
    )
    assert "1.2 km dari 2 usaha lain" in match.warning
    # … a district-only row nearby is completed; a point 10 km away is not guessed.
    partial = lampung.resolve(district="Tanjungkarang Pusat", lat=-5.411, lng=105.259)
    assert (partial.code, partial.confidence) == ("18.71.06.1002", "coordinates")
    assert not lampung.resolve(lat=-5.50, lng=105.26).ok


def test_distance():
    assert distance_km((-5.4115, 105.259), (-5.42, 105.265)) == pytest.approx(1.15, abs=0.05)


# --- scale ---------------------------------------------------------------------------


def _generated_rows(resolver: RegionResolver, n: int) -> list[dict[str, str]]:
    """n rows cycling through the real villages, spelled the way officers do."""
    index = resolver.index
    villages = [c for c in index.names if len(c) == 13]
    rows = []
    for i in range(n):
        code = villages[(i * 7919) % len(villages)]
        village, district = index.names[code], index.names[code[:8]]
        variant = i % 3
        rows.append(
            {
                "village": village.upper() if variant == 0 else f"Ds. {village}",
                "district": f"Kec. {district}" if variant < 2 else district.lower(),
                "regency": index.names[code[:5]],
            }
        )
    return rows


def test_many_rows_need_a_bounded_number_of_queries(regions, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        resolver = RegionResolver("")
        rows = _generated_rows(resolver, 5000)
        started = time.monotonic()
        results = [resolver.resolve(**row) for row in rows]
    assert time.monotonic() - started < 10
    assert all(r.ok and r.level_reached == 4 for r in results)


# --- a real list -------------------------------------------------------------------------

PROBOLINGGO = _shared_data() / "ikm-probolinggo-olahan-ikan" / "ikm.csv"


@pytest.mark.skipif(not PROBOLINGGO.exists(), reason="../shared/data is not available")
def test_kota_probolinggo_fish_processors(regions):
    """All 68 rows write KELURAHAN and KECAMATAN in capitals with today's official names
    (14 distinct pairs, e.g. MAYANGAN/MAYANGAN ×40, KANIGARAN/KANIGARAN ×9), so every
    row resolves exactly to a kelurahan; none needs a fuzzy reading and none fails."""
    resolver = RegionResolver("35.74")
    with PROBOLINGGO.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    results = [
        resolver.resolve(
            village=r["KELURAHAN"], district=r["KECAMATAN"], lat=r["lat"], lng=r["lng"]
        )
        for r in rows
    ]
    confidences = [r.confidence for r in results]
    assert len(rows) == 68
    assert confidences.count("exact") == 68
    assert confidences.count("fuzzy") == 0
    assert sum(not r.ok for r in results) == 0
    assert all(r.level_reached == 4 and r.code.startswith("35.74.") for r in results)
    assert sum(r.code == "35.74.03.1001" for r in results) == 40  # Kelurahan Mayangan
    # Every row has coordinates, so the villages were learned along the way: the first
    # row's point alone now finds Mayangan again.
    alone = resolver.resolve(lat=rows[0]["lat"], lng=rows[0]["lng"])
    assert (alone.code, alone.confidence) == ("35.74.03.1001", "coordinates")
