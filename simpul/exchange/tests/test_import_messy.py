"""Issue 3 acceptance: one messy office list, written as XLSX, XLS, ODS and four kinds of
CSV, gives the same verdict on every row; the commit then writes exactly what the
preview promised.

The list has what real Dinas lists have: title rows, a blank row, a two-row header with
"Tenaga Kerja" merged over L and P, amounts as "1.500.000", "1,5 juta", "Rp 2 jt",
"2.5 M"; years as "Th. 2015", "Maret 2018", a date cell or "5 Agustus 2012"; phones that
lost their leading 0 or were wrecked by Excel ("8.52348e+010"); a NIK Excel turned into
"1.87101E+15"; region names with Kel./Ds./Kec./Kab., a typo, a roman numeral and a row
with only coordinates; a KBLI column with a number, a blank and a code that does not
exist; legal forms "UD.", "CV", "Koperasi", "PT Perorangan"; a known and an unknown
sentra. No import field takes a yes/no answer, so the yes/no parser is not exercised
here (test_values covers it)."""

from __future__ import annotations

import datetime as dt

import pytest

from simpul.exchange import services
from simpul.exchange.choices import BatchStatus, RowAction
from simpul.exchange.models import ImportRow
from simpul.exchange.tests import files
from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry.models import Enterprise, Owner, Sentra

HEADER = [
    "No",
    "Nama Usaha",
    "Bentuk Usaha",
    "Nama Pemilik",
    "NIK",
    "No HP",
    "E-mail",
    "Alamat",
    "Desa/Kelurahan",
    "Kecamatan",
    "Kab/Kota",
    "Produk",
    "KBLI",
    "Tenaga Kerja",
    None,
    "Nilai Investasi",
    "Omzet",
    "Tahun Berdiri",
    "Sentra",
    "lat",
    "lng",
]
SUB_HEADER = [None] * 13 + ["L", "P"] + [None] * 6
COLUMNS = [*HEADER[:13], "Tenaga Kerja L", "Tenaga Kerja P", *HEADER[15:]]
EXPECTED_MAPPING = {
    "No": None,
    "Nama Usaha": "name",
    "Bentuk Usaha": "legal_form",
    "Nama Pemilik": "owner_name",
    "NIK": "nik",
    "No HP": "phone",
    "E-mail": "email",
    "Alamat": "address",
    "Desa/Kelurahan": "village",
    "Kecamatan": "district",
    "Kab/Kota": "regency",
    "Produk": "products",
    "KBLI": "kbli",
    "Tenaga Kerja L": "workers_male",
    "Tenaga Kerja P": "workers_female",
    "Nilai Investasi": "investment_value",
    "Omzet": "annual_sales",
    "Tahun Berdiri": "year_started",
    "Sentra": "sentra",
    "lat": "latitude",
    "lng": "longitude",
}

GOTONG = ("Tanjung Karang Pusat", "Kota Bandar Lampung")
# fmt: off
DATA = [
    # row 6: complete; becomes verified when the batch asks for it
    [1, "UD. Sari Rasa", "UD.", "Siti Aminah", "1871015203850001", "0812-3456-7890",
     "Siti@Contoh.ID", "Jl. Kopi No. 1", "Kel. Gotong Royong", "Kec. Tanjung Karang Pusat",
     "Kota Bandar Lampung", "kopi bubuk", 10761, 2, 3, "1.500.000", "Rp 2 jt", "Th. 2015",
     "SENTRA KOPI TANJUNG KARANG", -5.4105, 105.258],
    # row 7: NIK wrecked by Excel → error
    [2, "CV Maju Jaya", "CV", "Budi Santoso", 1.87101e15, "081298765432", None,
     "Jl. Raden Intan 5", "Gotong Royong", "Tanjungkarang Pusat", "Bandar Lampung",
     "kopi luwak", "10761", 4, 1, "1,5 juta", None, "2010", None, -5.4125, 105.26],
    # row 8: desa in a kabupaten; phone lost its 0; KBLI suggested; unknown sentra
    [3, "Keripik Pisang – Cap Gajah", "Koperasi", "Wayan", None, 81252774189, None,
     "Jl. Way Mengaku – Liwa", "Ds. Way Mengaku", "Kec. Balik Bukit", "Kab. Lampung Barat",
     "keripik pisang", None, 1, "–", "Rp 150.000.000,-", "2.5 M", "Maret 2018",
     "Sentra Batik Tulis", None, None],
    # row 9: phone in scientific notation, bad e-mail, village typo, date cell as year
    [4, "Kopi Tanjung", "PT Perorangan", "Andi", None, "8.52348e+010", "andi(at)contoh",
     "Jl. Tiga", "Gotong Royog", "Tanjung Karang Pusat", "Bandar Lampung",
     "kopi bubuk robusta", None, None, None, "2,5 juta", None, dt.date(2019, 5, 1), None,
     None, None],
    # row 10: only coordinates (near rows 6 and 7); a KBLI code that does not exist
    [5, "Dodol Durian", "-", "Made", None, None, None, "Jl. Lima", None, None, None,
     "dodol durian", "10769", None, None, None, None, None, None, -5.42, 105.265],
    # row 11: roman numeral village; 25 workers and Rp2,5 miliar → menengah; complete
    [6, "Tenun Tapis Jaya", "Usaha Dagang", "Rina Marlina", "1871014507900002",
     "+62 812-1111-2222", None, "Jl. Tapis 9", "Jagabaya 3", "Kec. Tanjungkarang Pusat",
     "Kota Bandar Lampung", "kain tenun tapis", 13121, 20, 5, "2.5 M", "Rp 2.500.000.000",
     "5 Agustus 2012", None, None, None],
    # row 12: the business of row 6 again, written another way → duplicate in the file
    [7, "SARI RASA", None, "Siti Aminah", None, "081234567890", None, "Jl. Kopi 1",
     "Gotong Royong", "Tanjung Karang Pusat", None, "kopi", 10761, 1, 1, None, None, None,
     None, None, None],
    # row 13: a village of another province → error naming it
    [8, "Kerupuk Bandung", "CV", "Asep", None, None, None, "Jl. Sarijadi", "Sarijadi",
     "Sukasari", "Kota Bandung", "kerupuk", None, 2, 2, None, None, None, None, None, None],
    # row 14 is blank
    [None] * 21,
    # row 15: no business name → error
    [9, None, None, "Tanpa Nama", None, None, None, "Jl. Tujuh", "Gotong Royong", *GOTONG,
     "kopi", 10761, 1, None, None, None, None, None, None, None],
    # row 16: a year that cannot be right → imported without it, with a warning
    [10, "Kopi Gotong", "CV", "Joko", "1871010101800003", "0812 3333 4444", None,
     "Jl. Enam", "Gotong Royong", *GOTONG, "kopi", 10761, 1, 1, "10 jt", None,
     "Tahun 1850", None, None, None],
]
# fmt: on
SHEET = [
    ["DATA INDUSTRI KECIL DAN MENENGAH PROVINSI LAMPUNG"],
    ["Keadaan Desember 2024 – Bidang Perindustrian"],
    [],
    HEADER,
    SUB_HEADER,
    *DATA,
]
MERGES = ((0, 0, 0, 20), (3, 13, 3, 14))


def _formats() -> dict[str, tuple[str, bytes]]:
    return {
        "xlsx": ("daftar.xlsx", files.xlsx_bytes(SHEET, MERGES)),
        "xls": ("daftar.xls", files.xls_bytes(SHEET, MERGES)),
        "ods": ("daftar.ods", files.ods_bytes(SHEET, MERGES)),
        "csv-comma-utf8": ("daftar.csv", files.csv_sheet(SHEET)),
        "csv-semicolon-cp1252": (
            "daftar.csv",
            files.csv_sheet(SHEET, delimiter=";", encoding="cp1252"),
        ),
        "csv-bom": ("daftar.csv", files.csv_sheet(SHEET, bom=True)),
        "csv-tab": ("daftar.txt", files.csv_sheet(SHEET, delimiter="\t")),
    }


FORMATS = list(_formats())


@pytest.fixture
def lampung(regions, kbli, offices, make_user):
    """A provincial officer (so both a kota and a kabupaten are inside), two more
    villages with roman numerals, three more KBLI codes and a sentra."""
    L = Region.Level
    for code, name in (("18.71.01.1002", "Jagabaya II"), ("18.71.01.1003", "Jagabaya III")):
        Region.objects.create(code=code, name=name, level=L.VILLAGE, parent_id="18.71.01")
    K = Kbli.Level
    for code, parent, title in (
        ("10794", "107", "INDUSTRI KERUPUK, KERIPIK, PEYEK DAN SEJENISNYA"),
        ("13121", "13", "INDUSTRI PERTENUNAN (BUKAN PERTENUNAN KARUNG GONI)"),
    ):
        if not Kbli.objects.filter(code=parent).exists():
            Kbli.objects.create(code=parent, level=K.GOLONGAN_POKOK, kategori="C", title="X")
        Kbli.objects.create(code=code, level=K.KELOMPOK, kategori="C", title=title)
    sentra = Sentra(name="Sentra Kopi Tanjung Karang", commodity="kopi")
    sentra.set_village(regions["18.71.01.1001"])
    sentra.save()
    officer = make_user("petugas.18@uji.id", "officer", offices["18"])
    return officer, sentra


def _preview(officer, capture, name: str, data: bytes):
    batch = services.batch_upload(actor=officer, file_name=name, data=data)
    services.batch_configure(
        batch=batch, actor=officer, mapping=batch.mapping, new_status="verified"
    )
    with capture(execute=True):
        services.batch_start_preview(batch=batch, actor=officer)
    batch.refresh_from_db()
    return batch


def _rows(batch) -> dict[int, ImportRow]:
    return {row.row_number: row for row in ImportRow.objects.filter(batch=batch)}


KOPI = "10761"
KERIPIK = "10794"
SUGGESTED = "disarankan dari"
INCOMPLETE = "diimpor sebagai draf, bukan terverifikasi"

# Row number → (action, the values ImportRow.data must hold, substrings of its errors,
# substrings of its warnings). Every error and warning is listed, so a new message fails.
EXPECTED: dict[int, tuple[str, dict, list[str], list[str]]] = {
    6: (
        RowAction.NEW,
        {
            "name": "UD. Sari Rasa",
            "legal_form": "ud",
            "region": "18.71.01.1001",
            "kbli": KOPI,
            "kbli_suggested": False,
            "workers_male": 2,
            "workers_female": 3,
            "workers_unspecified": None,
            "investment_value": 1_500_000,
            "annual_sales": 2_000_000,
            "year_started": 2015,
            "phone": "+6281234567890",
            "email": "siti@contoh.id",
            "nik_masked": "1871**********01",
            "gender": "P",
            "latitude": "-5.410500",
            "longitude": "105.258000",
        },
        [],
        [],
    ),
    7: (
        RowAction.ERROR,
        {"name": "CV Maju Jaya", "legal_form": "cv", "investment_value": 1_500_000},
        ["NIK: NIK 1.87101E+15 rusak karena diubah Excel menjadi notasi ilmiah"],
        [],
    ),
    8: (
        RowAction.NEW,
        {
            "name": "Keripik Pisang – Cap Gajah",
            "address": "Jl. Way Mengaku – Liwa",
            "legal_form": "koperasi",
            "region": "18.04.01.2001",
            "kbli": KERIPIK,
            "kbli_suggested": True,
            "workers_male": 1,
            "workers_female": None,
            "investment_value": 150_000_000,
            "annual_sales": 2_500_000_000,
            "year_started": 2018,
            "phone": "+6281252774189",
            "sentra": None,
        },
        [],
        [
            "No HP: Angka 0 di depan hilang; dipulihkan.",
            "Sentra: sentra “Sentra Batik Tulis” tidak ada di wilayah Anda; dikosongkan.",
            f"KBLI: {KERIPIK} (INDUSTRI KERUPUK, KERIPIK, PEYEK DAN SEJENISNYA) "
            "disarankan dari “keripik pisang”",
            f"Belum lengkap (NIK, KBLI); {INCOMPLETE}",
        ],
    ),
    9: (
        RowAction.NEW,
        {
            "name": "Kopi Tanjung",
            "legal_form": "pt_perorangan",
            "region": "18.71.01.1001",
            "kbli": KOPI,
            "kbli_suggested": True,
            "investment_value": 2_500_000,
            "year_started": 2019,
            "phone": "",
            "email": "",
        },
        [],
        [
            "No HP: “8.52348e+010”: nomor rusak oleh Excel (notasi ilmiah) dan tidak dapat "
            "dipulihkan; minta nomor yang benar kepada pemiliknya. Kolom ini dikosongkan; "
            "baris tetap diimpor.",
            "E-mail: Alamat e-mail “andi(at)contoh” tidak valid. Kolom ini dikosongkan",
            "Wilayah: “Gotong Royog” dibaca sebagai Gotong Royong.",
            f"KBLI: {KOPI} (INDUSTRI PENGOLAHAN KOPI) disarankan dari “kopi bubuk robusta”",
            f"Belum lengkap (NIK, KBLI, tenaga kerja); {INCOMPLETE}",
        ],
    ),
    10: (
        RowAction.NEW,
        {
            "name": "Dodol Durian",
            "legal_form": "perorangan",
            "region": "18.71.01.1001",
            "kbli": None,
            "kbli_suggested": False,
            "latitude": "-5.420000",
            "longitude": "105.265000",
        },
        [],
        [
            "Wilayah: Desa/kelurahan tidak diisi; dari koordinat dipetakan ke Gotong Royong "
            "(Kecamatan Tanjung Karang Pusat, Kota Bandar Lampung) — 18.71.01.1001, 1.2 km "
            "dari 2 usaha lain di desa itu dalam berkas ini.",
            "KBLI: kode “10769” tidak ada di KBLI 2020.",
            f"Belum lengkap (NIK, KBLI, tenaga kerja); {INCOMPLETE}",
        ],
    ),
    11: (
        RowAction.NEW,
        {
            "name": "Tenun Tapis Jaya",
            "legal_form": "ud",
            "region": "18.71.01.1003",
            "kbli": "13121",
            "kbli_suggested": False,
            "workers_male": 20,
            "workers_female": 5,
            "investment_value": 2_500_000_000,
            "annual_sales": 2_500_000_000,
            "year_started": 2012,
            "phone": "+6281211112222",
            "nik_masked": "1871**********02",
            "gender": "P",
        },
        [],
        [],
    ),
    12: (
        RowAction.DUPLICATE,
        {"name": "SARI RASA", "region": "18.71.01.1001"},
        [],
        ["Sama dengan baris 6 (Nama usaha dan desa/kelurahan); baris ini dilewati."],
    ),
    13: (
        RowAction.ERROR,
        {"name": "Kerupuk Bandung"},
        [
            "Wilayah: Kabupaten/kota “Kota Bandung” di luar wilayah kerja kantor Anda: "
            "Kota Bandung (Jawa Barat) — 32.73."
        ],
        [f"KBLI: {KERIPIK} (INDUSTRI KERUPUK, KERIPIK, PEYEK DAN SEJENISNYA) {SUGGESTED}"],
    ),
    15: (RowAction.ERROR, {"name": ""}, ["Nama Usaha: nama usaha kosong."], []),
    16: (
        RowAction.NEW,
        {
            "name": "Kopi Gotong",
            "nik_masked": "1871**********03",
            "gender": "L",
            "year_started": None,
        },
        [],
        ["Tahun Berdiri: Tahun 1850 tidak masuk akal; harus antara 1900 dan"],
    ),
}


def _check_row(number: int, row: ImportRow, sentra_id: int) -> None:
    action, values, errors, warnings = EXPECTED[number]
    assert row.action == action, (number, row.errors, row.warnings)
    expected = {**values, "sentra": sentra_id} if number == 6 else values
    assert {k: row.data.get(k) for k in expected} == expected, number
    assert len(row.errors) == len(errors), (number, row.errors)
    for text, message in zip(errors, row.errors, strict=True):
        assert text in message, (number, message)
    assert len(row.warnings) == len(warnings), (number, row.warnings)
    for text, message in zip(warnings, row.warnings, strict=True):
        assert text in message, (number, message)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_same_verdict_on_every_row(
    fmt, lampung, django_capture_on_commit_callbacks
):
    officer, sentra = lampung
    name, data = _formats()[fmt]
    if fmt == "csv-semicolon-cp1252":
        assert b"Pisang \x96 Cap" in data  # the en dash as Windows-1252 writes it
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    batch = _preview(officer, django_capture_on_commit_callbacks, name, data)
    assert batch.status == BatchStatus.PREVIEWED, batch.message
    assert batch.file_format == ("csv" if fmt.startswith("csv") else fmt)
    assert (batch.sheet, batch.header_row) == ("CSV" if fmt.startswith("csv") else "Data IKM", 4)
    assert batch.columns == COLUMNS
    assert batch.mapping == EXPECTED_MAPPING
    rows = _rows(batch)
    assert sorted(rows) == sorted(EXPECTED)  # the blank row 14 is no row at all
    for number, row in rows.items():
        _check_row(number, row, sentra.pk)
    assert rows[12].duplicate_of == 6 and rows[12].match_rule == "name_village"
    assert (batch.rows_total, batch.rows_new, batch.rows_duplicate, batch.rows_error) == (
        10,
        6,
        1,
        3,
    )
    assert batch.rows_warning == 6  # rows 8, 9, 10, 12, 13 and 16
    # The NIK is in the row's data only as hash, ciphertext and mask.
    for row in rows.values():
        assert "1871015203850001" not in str(row.data)
        assert "1871014507900002" not in str(row.data)
    assert Enterprise.objects.count() == 0 and Owner.objects.count() == 0


def test_all_formats_agree_field_by_field(lampung, django_capture_on_commit_callbacks):
    """Beyond the values asserted above: every parsed value, error and warning of every
    row is identical whichever format carried the list."""
    officer, _sentra = lampung
    outcomes = {}
    for fmt, (name, data) in _formats().items():
        batch = _preview(officer, django_capture_on_commit_callbacks, name, data)
        outcomes[fmt] = [
            (
                row.row_number,
                row.action,
                {k: v for k, v in row.data.items() if k != "nik_encrypted"},
                row.errors,
                row.warnings,
                row.duplicate_of,
            )
            for row in ImportRow.objects.filter(batch=batch)
        ]
    reference = outcomes.pop("xlsx")
    assert len(reference) == 10
    for fmt, outcome in outcomes.items():
        for got, want in zip(outcome, reference, strict=True):
            assert got == want, (fmt, _difference(got, want))


def _difference(got: tuple, want: tuple) -> dict:
    """The parts of one row's outcome that differ, for a readable failure."""
    found = {i: (g, w) for i, (g, w) in enumerate(zip(got, want, strict=True)) if g != w}
    if 2 in found:
        data_got, data_want = found.pop(2)
        keys = set(data_got) | set(data_want)
        found["data"] = {
            k: (data_got.get(k), data_want.get(k))
            for k in keys
            if data_got.get(k) != data_want.get(k)
        }
    return found


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv-semicolon-cp1252"])
def test_commit_writes_what_the_preview_promised(fmt, lampung, django_capture_on_commit_callbacks):
    officer, sentra = lampung
    capture = django_capture_on_commit_callbacks
    batch = _preview(officer, capture, *_formats()[fmt])
    with capture(execute=True):
        services.batch_start_commit(batch=batch, actor=officer, error_policy="skip")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED, batch.message
    written = {e.name: e for e in Enterprise.objects.select_related("owner")}
    assert sorted(written) == [
        "Dodol Durian",
        "Keripik Pisang – Cap Gajah",
        "Kopi Gotong",
        "Kopi Tanjung",
        "Tenun Tapis Jaya",
        "UD. Sari Rasa",
    ]
    sari = written["UD. Sari Rasa"]
    assert (sari.status, sari.legal_form, sari.village_id) == ("verified", "ud", "18.71.01.1001")
    assert (sari.province_code, sari.regency_code, sari.district_code) == (
        "18",
        "18.71",
        "18.71.01",
    )
    assert sari.verified_at is not None and sari.source == "import"
    assert (sari.kbli_id, sari.kbli_suggested, sari.sentra_id) == (KOPI, False, sentra.pk)
    assert (sari.workers_male, sari.workers_female, sari.workers_total) == (2, 3, 5)
    assert (sari.investment_value, sari.annual_sales, sari.year_started) == (
        1_500_000,
        2_000_000,
        2015,
    )
    assert str(sari.latitude) == "-5.410500" and str(sari.longitude) == "105.258000"
    assert (sari.size_class_permenperin, sari.size_class_pp7) == ("kecil", "mikro")
    assert sari.owner.full_name == "Siti Aminah" and sari.owner.gender == "P"
    assert sari.owner.nik_masked == "1871**********01" and sari.owner.nik_hash
    assert (sari.owner.phone, sari.owner.email) == ("+6281234567890", "siti@contoh.id")

    tapis = written["Tenun Tapis Jaya"]
    assert (tapis.status, tapis.village_id, tapis.kbli_id) == ("verified", "18.71.01.1003", "13121")
    assert tapis.workers_total == 25 and tapis.investment_value == 2_500_000_000
    # 25 workers and Rp2,5 miliar: menengah (Permenperin); sales Rp2,5 miliar: kecil (PP 7).
    assert (tapis.size_class_permenperin, tapis.size_class_pp7) == ("menengah", "kecil")

    keripik = written["Keripik Pisang – Cap Gajah"]
    assert (keripik.status, keripik.legal_form, keripik.village_id) == (
        "draft",
        "koperasi",
        "18.04.01.2001",
    )
    assert (keripik.kbli_id, keripik.kbli_suggested, keripik.sentra_id) == (KERIPIK, True, None)
    assert (keripik.workers_male, keripik.workers_female) == (1, 0)
    assert keripik.annual_sales == 2_500_000_000 and keripik.size_class_pp7 == "kecil"
    assert keripik.owner.phone == "+6281252774189" and keripik.owner.nik_hash == ""

    tanjung = written["Kopi Tanjung"]
    assert (tanjung.status, tanjung.legal_form) == ("draft", "pt_perorangan")
    assert (tanjung.owner.full_name, tanjung.owner.phone, tanjung.owner.email) == ("Andi", "", "")

    dodol = written["Dodol Durian"]
    assert (dodol.status, dodol.village_id, dodol.kbli_id) == ("draft", "18.71.01.1001", None)
    assert dodol.workers_total == 0 and dodol.investment_value == 0

    kopi = written["Kopi Gotong"]
    assert kopi.year_started is None and kopi.owner.full_name == "Joko"

    assert Owner.objects.count() == 6
    assert sorted(Owner.objects.values_list("full_name", flat=True)) == [
        "Andi",
        "Joko",
        "Made",
        "Rina Marlina",
        "Siti Aminah",
        "Wayan",
    ]
    assert ImportRow.objects.filter(batch=batch, action=RowAction.NEW).count() == 6
    assert batch.records.count() == 6


def test_a_city_in_the_kecamatan_column(officer, kbli, django_capture_on_commit_callbacks):
    """Lists without kecamatan put the city there; the row then reaches the city with a
    warning. A name of a region wider than the office's jurisdiction (the province, for
    a city office) is not taken: it would place the business outside the office."""
    rows = [
        ["Nama Usaha", "Kecamatan", "Produk"],
        ["Kopi Kota", "Kota Bandar Lampung", "kopi"],
        ["Kopi Bandar", "BANDAR LAMPUNG", "kopi"],
        ["Kopi Provinsi", "Lampung", "kopi"],
    ]
    batch = services.batch_upload(actor=officer, file_name="a.csv", data=files.csv_sheet(rows))
    services.batch_configure(batch=batch, actor=officer, mapping=batch.mapping)
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_start_preview(batch=batch, actor=officer)
    found = _rows(batch)
    assert [found[n].data.get("region") for n in (2, 3, 4)] == ["18.71", "18.71", None]
    assert found[2].warnings[0] == (
        "Wilayah: Kecamatan “Kota Bandar Lampung” adalah nama Kota Bandar Lampung, bukan "
        "nama kecamatan. Desa/kelurahan tidak diisi; wilayah hanya sampai kabupaten/kota "
        "Kota Bandar Lampung."
    )
    assert found[4].action == RowAction.ERROR
    assert found[4].errors == [
        "Wilayah: Kecamatan “Lampung” tidak ditemukan di wilayah kerja kantor Anda."
    ]
