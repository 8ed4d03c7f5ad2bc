import csv
import os
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from simpul.exchange.mapping import FIELDS
from simpul.exchange.values import (
    FIELD_PARSERS,
    ParsedValue,
    parse_amount,
    parse_coordinate,
    parse_count,
    parse_date,
    parse_email,
    parse_lat_lng,
    parse_latitude,
    parse_longitude,
    parse_name,
    parse_nib,
    parse_nik,
    parse_phone,
    parse_text,
    parse_year,
    parse_yes_no,
)

LOST_ZERO = "angka 0 di depan hilang; dipulihkan"
UNRECOVERABLE = "nomor rusak oleh Excel (notasi ilmiah) dan tidak dapat dipulihkan"


def clean(value) -> ParsedValue:
    return ParsedValue(value)


# --- amounts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.500.000", 1_500_000),
        ("1,5 juta", 1_500_000),
        ("Rp 2 jt", 2_000_000),
        ("2.5 M", 2_500_000_000),
        ("2,5 M", 2_500_000_000),
        ("750 rb", 750_000),
        ("Rp. 1.500.000,-", 1_500_000),
        ("'1.500.000", 1_500_000),
        (1_500_000, 1_500_000),
        (2_500_000.0, 2_500_000),
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_amount(raw, expected):
    assert parse_amount(raw) == clean(expected)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("sekitar dua juta", "tidak terbaca"),
        ("2 kg", "Satuan “kg” tidak dikenal"),
        ("1,500", "pecahan Rupiah"),
        ("-500.000", "tidak boleh negatif"),
    ],
)
def test_parse_amount_errors(raw, message):
    parsed = parse_amount(raw)
    assert parsed.value is None and message in parsed.error


# --- counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        ("12 orang", 12),
        ("12 Org.", 12),
        ("1.200", 1200),
        ("3,0", 3),
        ("3.0", 3),
        (7, 7),
        (7.0, 7),
        ("0", 0),
        ("-", None),
        ("", None),
    ],
)
def test_parse_count(raw, expected):
    assert parse_count(raw) == clean(expected)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2,5", "Jumlah orang “2,5” bukan bilangan bulat."),
        (2.5, "Jumlah orang “2.5” bukan bilangan bulat."),
        ("banyak", "Jumlah orang “banyak” tidak terbaca"),
        ("-3", "Jumlah orang “-3” tidak terbaca"),
    ],
)
def test_parse_count_errors(raw, message):
    parsed = parse_count(raw)
    assert parsed.value is None and message in parsed.error


# --- years and dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015", 2015),
        ("Th. 2015", 2015),
        ("Thn 2015", 2015),
        ("Tahun 2015", 2015),
        ("2015-03-01", 2015),
        ("5 Maret 2015", 2015),
        (2015, 2015),
        (2015.0, 2015),
        (date(2015, 3, 1), 2015),
        (datetime(2015, 3, 1, 8, 0), 2015),
        ("1900", 1900),
        ("", None),
        ("-", None),
    ],
)
def test_parse_year(raw, expected):
    assert parse_year(raw) == clean(expected)


def test_parse_year_accepts_this_year_and_refuses_implausible_ones():
    this_year = timezone.localdate().year
    assert parse_year(str(this_year)) == clean(this_year)
    future = parse_year(str(this_year + 1))
    assert future.value is None
    assert (
        future.error
        == f"Tahun {this_year + 1} tidak masuk akal; harus antara 1900 dan {this_year}."
    )
    assert "Tahun 1899 tidak masuk akal" in parse_year("1899").error
    assert "Tahun “lama” tidak terbaca" in parse_year("lama").error
    # A five-digit number is not a year, even though it could be an Excel date serial.
    assert "tidak terbaca" in parse_year("45356").error


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5 Maret 2024", date(2024, 3, 5)),
        ("05 Mar 2024", date(2024, 3, 5)),
        ("5-Mar-2024", date(2024, 3, 5)),
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("17 Agt 2020", date(2020, 8, 17)),
        ("1 Nopember 2019", date(2019, 11, 1)),
        ("Selasa, 5 Maret 2024", date(2024, 3, 5)),
        ("05-03-2024", date(2024, 3, 5)),
        ("05/03/2024", date(2024, 3, 5)),
        ("5.3.2024", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024/03/05", date(2024, 3, 5)),
        ("2024-03-05 00:00:00", date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        (datetime(2024, 3, 5, 13, 30), date(2024, 3, 5)),
        ("", None),
        ("-", None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == clean(expected)


def test_parse_date_month_and_year_only_is_the_first_with_a_warning():
    parsed = parse_date("Mar 2024")
    assert parsed.value == date(2024, 3, 1)
    assert parsed.warning == "“Mar 2024” hanya berisi bulan dan tahun; dianggap tanggal 1."
    assert parse_date("Agustus 2020").value == date(2020, 8, 1)


@pytest.mark.parametrize("raw", ["45356", 45356, 45356.0])
def test_parse_date_excel_serial(raw):
    parsed = parse_date(raw)
    assert parsed.value == date(2024, 3, 5)
    assert "nomor seri tanggal Excel: 05-03-2024" in parsed.warning
    assert not parsed.error


def test_parse_date_interpretations_are_flagged():
    us_order = parse_date("03/25/2024")
    assert us_order.value == date(2024, 3, 25)
    assert "bulan dulu" in us_order.warning
    short_year = parse_date("05/03/24")
    assert short_year.value == date(2024, 3, 5)
    assert short_year.warning == "Tahun dua digit dibaca sebagai 2024."


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31-02-2024", "Tanggal “31-02-2024” tidak ada di kalender."),
        ("30 Februari 2024", "tidak ada di kalender"),
        ("kemarin", "Tanggal “kemarin” tidak terbaca"),
        ("5 Marett 2024", "tidak terbaca"),
        ("2015", "tidak terbaca"),
    ],
)
def test_parse_date_errors(raw, message):
    parsed = parse_date(raw)
    assert parsed.value is None and message in parsed.error


# --- phones ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081252478505", "+6281252478505"),
        ("0811356407", "+62811356407"),
        ("0335 - 436067", "+62335436067"),
        ("0335-428738", "+62335428738"),
        ("(0335) 425943", "+62335425943"),
        ("+62 812-5277-4189", "+6281252774189"),
        ("6281252774189", "+6281252774189"),
        ("'081252774189", "+6281252774189"),
    ],
)
def test_parse_phone(raw, expected):
    assert parse_phone(raw) == clean(expected)


@pytest.mark.parametrize("raw", ["81252774189", 81252774189, 81252774189.0])
def test_parse_phone_restores_the_lost_leading_zero(raw):
    parsed = parse_phone(raw)
    assert parsed.value == "+6281252774189"
    assert LOST_ZERO in parsed.warning.lower()
    assert not parsed.error


def test_parse_phone_recovers_exact_scientific_notation():
    # Eleven digits shown: every digit of 81252774189 survived.
    parsed = parse_phone("8.1252774189E+10")
    assert parsed.value == "+6281252774189"
    assert "notasi ilmiah" in parsed.warning and LOST_ZERO in parsed.warning.lower()


@pytest.mark.parametrize(
    "raw", ["8.52348e+010", "8.23302e+010", "8,52348E+10", "8.125277418912E+10"]
)
def test_parse_phone_refuses_lossy_scientific_notation(raw):
    parsed = parse_phone(raw)
    assert parsed.value is None
    assert UNRECOVERABLE in parsed.error
    assert raw in parsed.error


def test_parse_phone_with_two_numbers_keeps_the_first():
    parsed = parse_phone("0335 - 422546 / 085204883992")
    assert parsed.value == "+62335422546"
    assert parsed.warning == (
        "Sel berisi 2 nomor; yang dipakai 0335 - 422546, yang lain (085204883992) tidak disimpan."
    )
    assert parse_phone("(0335) 425943, 081230971022").value == "+62335425943"


@pytest.mark.parametrize("raw", ["-", "", None, " "])
def test_parse_phone_blank(raw):
    assert parse_phone(raw) == clean(None)


@pytest.mark.parametrize(
    ("raw", "message"), [("12", "tidak valid"), ("hubungi kantor", "bukan nomor")]
)
def test_parse_phone_errors(raw, message):
    parsed = parse_phone(raw)
    assert parsed.value is None and message in parsed.error
    assert raw in parsed.error  # the officer sees what was written, not a repaired guess


def _shared_data() -> Path:
    configured = os.environ.get("SIMPUL_SHARED_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


PROBOLINGGO = _shared_data() / "ikm-probolinggo-olahan-ikan" / "ikm.csv"


@pytest.mark.skipif(not PROBOLINGGO.exists(), reason="shared data not available")
def test_probolinggo_phone_column():
    with PROBOLINGGO.open(encoding="utf-8", newline="") as handle:
        phones = [row["TELP"].strip() for row in csv.DictReader(handle) if row["TELP"].strip()]
    assert len(phones) == 33  # PROVENANCE: 33 rows have TELP

    # What each cell must become, decided from its written form alone.
    lossy = [p for p in phones if re.fullmatch(r"\d\.\d{5}e\+0?10", p)]
    blank = [p for p in phones if p == "-"]
    several = [p for p in phones if re.search(r"[/,]", p)]
    lost_zero = [p for p in phones if re.fullmatch(r"8\d{8,11}", p)]
    plain = [p for p in phones if re.fullmatch(r"\(?0[\d\s()-]+", p)]
    assert len(lossy) == 6  # PROVENANCE: 6 numbers in scientific notation
    assert len(blank) + len(lossy) + len(several) + len(lost_zero) + len(plain) == len(phones)

    results = {phone: parse_phone(phone) for phone in phones}
    assert len(results) == len(phones)  # no repeated cell, so counting by cell is exact
    unrecoverable = [p for p, r in results.items() if r.error]
    warned = [p for p, r in results.items() if r.value and r.warning]
    recovered = [p for p, r in results.items() if r.value]
    assert sorted(unrecoverable) == sorted(lossy)
    assert all(UNRECOVERABLE in results[p].error for p in lossy)
    assert sorted(warned) == sorted(several + lost_zero)
    assert all(LOST_ZERO in results[p].warning.lower() for p in lost_zero)
    assert len(recovered) == len(plain) + len(several) + len(lost_zero)
    assert [results[p].value for p in blank] == [None] * len(blank)
    assert all(re.fullmatch(r"\+62\d{8,12}", results[p].value) for p in recovered)
    assert (len(recovered), len(warned), len(unrecoverable)) == (26, 4, 6)


# --- NIK, NIB --------------------------------------------------------------------------

NIK = "3174015203850001"  # Jakarta Selatan, woman born 12-03-1985


@pytest.mark.parametrize("raw", [NIK, "3174 0152 0385 0001", "3174.015203.850001", f"'{NIK}"])
def test_parse_nik(raw):
    assert parse_nik(raw) == clean(NIK)


def test_parse_nik_does_not_check_the_region_yet():
    # 99.99 is no Kemendagri code; the import engine checks regions against its office.
    assert parse_nik("9999015203850001") == clean("9999015203850001")


def test_parse_nik_stored_as_a_spreadsheet_number_is_flagged():
    parsed = parse_nik(int(NIK))
    assert parsed.value == NIK
    assert "hanya menyimpan 15 digit" in parsed.warning


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1.87101E+15", "notasi ilmiah; digit terakhirnya sudah hilang"),
        ("1,87101E+15", "notasi ilmiah"),
        ("317401520385000", "NIK harus 16 digit angka; yang diisi 15 digit."),
        ("3174019903850001", "tertulis 99"),
        ("3174015213850001", "Bulan lahir pada NIK"),
        ("3174015203850000", "tidak boleh 0000"),
        ("NIK-KU", "hanya boleh berisi angka"),
    ],
)
def test_parse_nik_errors(raw, message):
    parsed = parse_nik(raw)
    assert parsed.value is None and message in parsed.error


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("9120001234567", "9120001234567"), (9120001234567, "9120001234567"), ("-", None)],
)
def test_parse_nib(raw, expected):
    assert parse_nib(raw) == clean(expected)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("9.12E+12", "NIB 9.12E+12 rusak karena diubah Excel menjadi notasi ilmiah"),
        ("912000123456", "NIB harus 13 digit angka; yang diisi 12 digit."),
        ("NIB 9120001234567", "hanya boleh berisi angka"),
    ],
)
def test_parse_nib_errors(raw, message):
    parsed = parse_nib(raw)
    assert parsed.value is None and message in parsed.error


# --- yes/no ----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["ya", "Ya", "Y", "iya", "ada", "1", "true", "V", "✓", 1, True])
def test_parse_yes(raw):
    assert parse_yes_no(raw) == clean(True)


@pytest.mark.parametrize("raw", ["tidak", "Tidak", "tdk", "t", "no", "0", "-", "belum", 0, False])
def test_parse_no(raw):
    assert parse_yes_no(raw) == clean(False)


def test_parse_yes_no_empty_and_unknown():
    assert parse_yes_no("") == clean(None)
    assert parse_yes_no(None) == clean(None)
    assert parse_yes_no("mungkin") == ParsedValue(
        None, error="“mungkin” bukan jawaban ya/tidak; tulis ya atau tidak."
    )


# --- coordinates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "axis", "expected"),
    [
        ("-7.5781017", "lat", Decimal("-7.578102")),
        ("'-7.58", "lat", Decimal("-7.580000")),
        ("-7,5781017", "lat", Decimal("-7.578102")),
        (-7.55003, "lat", Decimal("-7.550030")),
        ("5.8", "lat", Decimal("5.800000")),
        ("110.84134", "lng", Decimal("110.841340")),
        ("110,84134", "lng", Decimal("110.841340")),
        ("141.0", "lng", Decimal("141.000000")),
        ("", "lat", None),
        ("-", "lng", None),
    ],
)
def test_parse_coordinate(raw, axis, expected):
    assert parse_coordinate(raw, axis) == clean(expected)


def test_parse_coordinate_errors():
    assert parse_latitude("7.58").error == (
        "Lintang 7.58 di luar wilayah Indonesia (-11 sampai 6); mungkin tanda minus (-) hilang."
    )
    assert parse_longitude("200").error == "Bujur 200 di luar wilayah Indonesia (94 sampai 142)."
    assert "Lintang “7°34' LS” bukan angka derajat desimal" in parse_latitude("7°34' LS").error
    assert parse_latitude("NaN").error


def test_parse_lat_lng():
    assert parse_lat_lng("-7.5781017", "110.84134") == clean(
        (Decimal("-7.578102"), Decimal("110.841340"))
    )
    assert parse_lat_lng("", "-") == clean(None)


def test_parse_lat_lng_puts_swapped_columns_right():
    parsed = parse_lat_lng("110.84134", "'-7.5781017")
    assert parsed.value == (Decimal("-7.578102"), Decimal("110.841340"))
    assert "Lintang dan bujur tertukar; sudah ditukar kembali" in parsed.warning
    assert not parsed.error


def test_parse_lat_lng_errors():
    assert "Koordinat tidak lengkap" in parse_lat_lng("-7.5", "").error
    parsed = parse_lat_lng("-7.5", "200")
    assert parsed.value is None
    assert parsed.error == "Bujur 200 di luar wilayah Indonesia (94 sampai 142)."


# --- text and the field table ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Kerupuk   Ikan\tTenggiri ", "Kerupuk Ikan Tenggiri"),
        ("-", None),
        ("—", None),
        ("", None),
        (None, None),
        ("0", "0"),
        (10750, "10750"),
    ],
)
def test_parse_text(raw, expected):
    assert parse_text(raw) == clean(expected)


def test_parse_name_treats_zero_as_blank():
    assert parse_name("0") == clean(None)
    assert parse_name(" UD  Sumber Rejeki ") == clean("UD Sumber Rejeki")


def test_parse_email():
    assert parse_email(" Info@IKM.co.id ") == clean("info@ikm.co.id")
    assert parse_email("-") == clean(None)
    assert parse_email("info@") == ParsedValue(None, error="Alamat e-mail “info@” tidak valid.")


def test_every_import_field_has_a_parser_that_never_raises():
    assert set(FIELD_PARSERS) == set(FIELDS)
    odd_cells = ["", "-", "x", "1.87101E+15", "0", 3.5, float("nan"), float("inf"), True, "'", "☺"]
    for parser in FIELD_PARSERS.values():
        for cell in odd_cells:
            assert isinstance(parser(cell), ParsedValue)
