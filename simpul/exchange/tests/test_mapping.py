from collections import Counter

import pytest

from simpul.exchange.mapping import (
    FIELDS,
    HEADER_VARIANTS,
    MappingSuggestion,
    normalize_header,
    shape_key,
    suggest_mapping,
    suggest_mapping_detailed,
)

# The header variants named in the bulk-import issue, each alone in a one-column file.
ISSUE_VARIANTS = [
    ("Nama Usaha", "name"),
    ("Nama Perusahaan", "name"),
    ("Nama IKM", "name"),
    ("Perusahaan", "name"),
    ("Nama", "name"),
    ("Pemilik", "owner_name"),
    ("Nama Pemilik", "owner_name"),
    ("Kontak", "owner_name"),
    ("Nama Pemilik Usaha", "owner_name"),
    ("Alamat", "address"),
    ("Jalan", "address"),
    ("Alamat Usaha", "address"),
    ("Desa", "village"),
    ("Kelurahan", "village"),
    ("Desa/Kelurahan", "village"),
    ("Kel.", "village"),
    ("Kecamatan", "district"),
    ("Kec.", "district"),
    ("Kab/Kota", "regency"),
    ("Kabupaten", "regency"),
    ("Kota", "regency"),
    ("Kabupaten/Kota", "regency"),
    ("Komoditi", "products"),
    ("Produk", "products"),
    ("Jenis Produk", "products"),
    ("Kategori", "products"),
    ("Kegiatan", "products"),
    ("KBLI", "kbli"),
    ("Kode KBLI", "kbli"),
    ("TK L", "workers_male"),
    ("Tenaga Kerja L", "workers_male"),
    ("Laki-laki", "workers_male"),
    ("TK P", "workers_female"),
    ("Tenaga Kerja P", "workers_female"),
    ("Perempuan", "workers_female"),
    ("Jumlah TK", "workers_total"),
    ("Tenaga Kerja", "workers_total"),
    ("TK", "workers_total"),
    ("Nilai Investasi", "investment_value"),
    ("Investasi", "investment_value"),
    ("Kapasitas Produksi", "production_capacity"),
    ("Nilai Produksi", "production_value"),
    ("Omzet", "annual_sales"),
    ("Omset", "annual_sales"),
    ("Nilai Penjualan", "annual_sales"),
    ("NIB", "nib"),
    ("NIK", "nik"),
    ("No KTP", "nik"),
    ("No HP", "phone"),
    ("HP", "phone"),
    ("WA", "phone"),
    ("No WA", "phone"),
    ("Telp", "phone"),
    ("Telepon", "phone"),
    ("TELP", "phone"),
    ("Tahun Berdiri", "year_started"),
    ("Tahun Mulai", "year_started"),
    ("Sentra", "sentra"),
    ("lat", "latitude"),
    ("latitude", "latitude"),
    ("lintang", "latitude"),
    ("lng", "longitude"),
    ("lon", "longitude"),
    ("longitude", "longitude"),
    ("bujur", "longitude"),
    ("Bentuk Usaha", "legal_form"),
    ("Badan Usaha", "legal_form"),
    ("Email", "email"),
    ("E-mail", "email"),
]


@pytest.mark.parametrize(("header", "field"), ISSUE_VARIANTS)
def test_issue_header_variants(header, field):
    assert suggest_mapping([header]) == {header: field}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NAMA USAHA", "name"),
        ("  nama   perusahaan ", "name"),
        ("No. HP", "phone"),
        ("No. Telp.", "phone"),
        ("Nomor HP", "phone"),
        ("TK (L)", "workers_male"),
        ("TK (P)", "workers_female"),
        ("Kab / Kota", "regency"),
        ("KAB./KOTA", "regency"),
        ("Nilai Investasi (Rp)", "investment_value"),
        ("Omzet per tahun (Rp)", "annual_sales"),
        ("Jumlah Tenaga Kerja (orang)", "workers_total"),
    ],
)
def test_punctuation_case_and_units_do_not_matter(header, field):
    assert suggest_mapping([header]) == {header: field}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Kecamtan", "district"),  # typo
        ("Omzset", "annual_sales"),
        ("Nama Desa", "village"),
        ("Alamat Lengkap Usaha", "address"),
        ("Nilai Investasi Mesin", "investment_value"),
    ],
)
def test_similar_headers_are_suggested_below_a_known_spelling(header, field):
    [suggestion] = suggest_mapping_detailed([header])
    assert suggestion.field == field
    assert 0.6 <= suggestion.score < 1.0


@pytest.mark.parametrize("header", ["icon", "No", "Keterangan", "NPWP", "Harga", "", "Wilayah"])
def test_unknown_columns_stay_unmapped(header):
    assert suggest_mapping([header]) == {header: None}


def test_every_field_has_a_label_and_variants_never_collide():
    assert list(HEADER_VARIANTS) == list(FIELDS)
    owners: dict[str, str] = {}
    for field, variants in HEADER_VARIANTS.items():
        for variant in variants:
            normalized = normalize_header(variant)
            assert owners.setdefault(normalized, field) == field, variant


def test_probolinggo_headers():
    # ikm-probolinggo-olahan-ikan/ikm.csv
    columns = [
        "lat", "lng", "icon", "PERUSAHAAN", "KONTAK", "JALAN", "KELURAHAN", "KECAMATAN",
        "TELP", "KATEGORI", "PRODUK",
    ]  # fmt: skip
    assert suggest_mapping(columns) == {
        "lat": "latitude",
        "lng": "longitude",
        "icon": None,
        "PERUSAHAAN": "name",
        "KONTAK": "owner_name",
        "JALAN": "address",
        "KELURAHAN": "village",
        "KECAMATAN": "district",
        "TELP": "phone",
        # Both could hold products; the precise PRODUK wins although KATEGORI is leftmost.
        "KATEGORI": None,
        "PRODUK": "products",
    }


def test_surakarta_headers():
    # umkm-surakarta/umkm.csv
    columns = ["Nama", "Kegiatan", "Kecamatan", "Wilayah", "Kategori", "lat", "lng"]
    assert suggest_mapping(columns) == {
        "Nama": "name",
        "Kegiatan": "products",
        "Kecamatan": "district",
        "Wilayah": None,
        "Kategori": None,
        "lat": "latitude",
        "lng": "longitude",
    }


def test_two_row_headers_joined_by_the_reader():
    # "Tenaga Kerja" over "L | P | Jumlah", joined into one header per column.
    columns = [
        "No", "Nama Perusahaan", "Tenaga Kerja L", "Tenaga Kerja P", "Tenaga Kerja Jumlah",
        "Nilai Investasi (Rp)",
    ]  # fmt: skip
    assert suggest_mapping(columns) == {
        "No": None,
        "Nama Perusahaan": "name",
        "Tenaga Kerja L": "workers_male",
        "Tenaga Kerja P": "workers_female",
        "Tenaga Kerja Jumlah": "workers_total",
        "Nilai Investasi (Rp)": "investment_value",
    }


@pytest.mark.parametrize(
    "columns",
    [
        ["Tenaga Kerja | L", "Tenaga Kerja | P"],
        ["Tenaga Kerja - L", "Tenaga Kerja - P"],
        ["Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan"],
        ["TK Pria", "TK Wanita"],
    ],
)
def test_workforce_by_gender(columns):
    assert list(suggest_mapping(columns).values()) == ["workers_male", "workers_female"]


def test_a_full_dinas_list():
    columns = [
        "No", "Nama Usaha", "Nama Pemilik", "NIK", "Alamat", "Desa/Kel.", "Kec.", "Kab/Kota",
        "Jenis Produk", "Kode KBLI", "TK L", "TK P", "Jumlah TK", "Nilai Investasi",
        "Kapasitas Produksi", "Nilai Produksi", "Omzet", "NIB", "No. HP/WA", "Tahun Berdiri",
        "Sentra", "Bentuk Usaha", "E-mail", "Keterangan",
    ]  # fmt: skip
    mapping = suggest_mapping(columns)
    assert mapping["No"] is None and mapping["Keterangan"] is None
    assert sorted(field for field in mapping.values() if field) == sorted(
        set(FIELDS) - {"latitude", "longitude", "code", "village_code"}
    )


def test_no_field_is_used_twice():
    columns = ["Nama", "Nama Usaha", "Perusahaan", "HP", "Telp", "WA", "Kota", "Kab/Kota"]
    suggestions = suggest_mapping_detailed(columns)
    fields = [suggestion.field for suggestion in suggestions if suggestion.field]
    assert Counter(fields).most_common(1)[0][1] == 1
    by_column = {suggestion.column: suggestion.field for suggestion in suggestions}
    # The best score wins; among equals the leftmost column.
    assert by_column["Nama Usaha"] == "name"
    assert by_column["Nama"] is None and by_column["Perusahaan"] is None
    assert (by_column["HP"], by_column["Telp"], by_column["WA"]) == ("phone", None, None)
    assert (by_column["Kota"], by_column["Kab/Kota"]) == (None, "regency")


def test_duplicate_headers_keep_the_first_suggestion():
    suggestions = suggest_mapping_detailed(["NIK", "NIK"])
    assert suggestions == [
        MappingSuggestion("NIK", "nik", 1.0),
        MappingSuggestion("NIK", None, 0.0),
    ]
    assert suggest_mapping(["NIK", "NIK"]) == {"NIK": "nik"}


def test_detailed_suggestions_follow_column_order_and_accept_non_text_headers():
    suggestions = suggest_mapping_detailed(iter(["Alamat", None, 2024, "Nama IKM"]))
    assert [(s.column, s.field) for s in suggestions] == [
        ("Alamat", "address"),
        ("None", None),
        ("2024", None),
        ("Nama IKM", "name"),
    ]


def test_normalize_header():
    assert normalize_header("Kab/Kota") == "kab kota"
    assert normalize_header("No. HP") == "no hp"
    assert normalize_header("Nomor  HP") == "no hp"
    assert normalize_header("TK (L)") == "tk l"
    assert normalize_header("Nilai Investasi (Rp)") == "nilai investasi"
    assert normalize_header("Rp") == "rp"
    assert normalize_header("Kelurahan\u00a0") == "kelurahan"


def test_shape_key_is_stable_under_case_spacing_and_punctuation():
    key = shape_key(["Nama Usaha", "Kab/Kota", "No. HP"])
    assert key == shape_key(["NAMA  USAHA", " kab / kota ", "No HP"])
    assert key == shape_key(["Nama Usaha", "Kab/Kota", "No. HP", "", None])  # empty tail
    assert len(key) == 64 and int(key, 16) >= 0


def test_shape_key_differs_for_different_headers():
    base = shape_key(["Nama Usaha", "Kab/Kota", "No. HP"])
    assert base != shape_key(["Nama Usaha", "Kab/Kota"])
    assert base != shape_key(["Kab/Kota", "Nama Usaha", "No. HP"])  # order matters
    assert base != shape_key(["Nama Usaha", "Kab/Kota", "No. WA"])
    # Joining must not make ["a b", "c"] look like ["a", "b c"].
    assert shape_key(["a b", "c"]) != shape_key(["a", "b c"])
