from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from simpul.core.validation import (
    NikInfo,
    clean_nib,
    clean_npwp,
    clean_postal_code,
    normalize_phone,
    normalize_phone_or_none,
    validate_nik,
)

MAN = "1871011507900001"  # 15-07-1990, laki-laki
WOMAN = "1871015507900002"  # 15+40 → 15-07-1990, perempuan


def known(code: str) -> bool:
    return code in {"18", "18.71"}


def message(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.messages[0]


def nik_error(value: str, **kwargs) -> str:
    kwargs.setdefault("region_exists", known)
    with pytest.raises(ValidationError) as excinfo:
        validate_nik(value, **kwargs)
    return message(excinfo)


# --- NIK -----------------------------------------------------------------------------------


def test_nik_man_decoded() -> None:
    assert validate_nik(MAN, region_exists=known) == NikInfo(
        nik=MAN,
        province_code="18",
        regency_code="18.71",
        district_code="18.71.01",
        birth_date=date(1990, 7, 15),
        gender="L",
    )


def test_nik_woman_day_plus_40() -> None:
    info = validate_nik(WOMAN, region_exists=known)
    assert info.gender == "P"
    assert info.birth_date == date(1990, 7, 15)


@pytest.mark.parametrize(("day", "expected"), [("41", 1), ("71", 31)])
def test_nik_woman_day_bounds(day: str, expected: int) -> None:
    info = validate_nik(f"187101{day}0190" + "0001", region_exists=known)
    assert (info.gender, info.birth_date) == ("P", date(1990, 1, expected))


def test_nik_spaces_and_dots_stripped() -> None:
    assert validate_nik("1871 0115 0790 0001", region_exists=known).nik == MAN
    assert validate_nik("18.71.01.150790.0001", region_exists=known).nik == MAN


def test_nik_region_codes_asked() -> None:
    asked: list[str] = []

    def record(code: str) -> bool:
        asked.append(code)
        return True

    validate_nik(MAN, region_exists=record)
    assert asked == ["18", "18.71"]


@pytest.mark.parametrize(("value", "count"), [("187101150790001", 15), ("18710115079000011", 17)])
def test_nik_wrong_length_says_count(value: str, count: int) -> None:
    assert nik_error(value) == f"NIK harus 16 digit angka; yang diisi {count} digit."


def test_nik_letters() -> None:
    assert nik_error("18710115079O0001") == "NIK hanya boleh berisi angka."


@pytest.mark.parametrize("value", ["1.87101E+15", "1,87101E+15", "1.87101e15"])
def test_nik_scientific_notation(value: str) -> None:
    assert nik_error(value).startswith(f"NIK {value} rusak karena diubah Excel")


def test_nik_unknown_province() -> None:
    assert nik_error("9971011507900001") == "Kode provinsi 99 pada NIK (digit 1–2) tidak dikenal."


def test_nik_unknown_regency() -> None:
    assert nik_error("1899011507900001") == (
        "Kode kabupaten/kota 18.99 pada NIK (digit 1–4) tidak dikenal."
    )


@pytest.mark.parametrize("day", ["00", "32", "40", "72"])
def test_nik_day_out_of_range(day: str) -> None:
    assert nik_error(f"187101{day}07900001") == (
        "Tanggal lahir pada NIK (digit 7–8) harus 01–31 untuk laki-laki atau 41–71 untuk "
        f"perempuan; tertulis {day}."
    )


@pytest.mark.parametrize("month", ["00", "13"])
def test_nik_month_out_of_range(month: str) -> None:
    assert nik_error(f"18710115{month}900001") == (
        f"Bulan lahir pada NIK (digit 9–10) harus 01–12; tertulis {month}."
    )


@pytest.mark.parametrize(
    ("ddmmyy", "shown"), [("310299", "31-02-99"), ("290201", "29-02-01"), ("710499", "31-04-99")]
)
def test_nik_date_not_in_calendar(ddmmyy: str, shown: str) -> None:
    assert nik_error(f"187101{ddmmyy}0001") == (
        f"Tanggal lahir pada NIK ({shown}) tidak ada di kalender."
    )


def test_nik_leap_day_2000() -> None:
    assert validate_nik("1871012902000001", region_exists=known).birth_date == date(2000, 2, 29)


def test_nik_century_never_in_future() -> None:
    today = timezone.localdate()
    yy = (today.year + 1) % 100  # next year's two digits can only mean the last century
    info = validate_nik(f"1871010101{yy:02d}0001", region_exists=known)
    assert info.birth_date == date(1900 + yy, 1, 1)
    recent = validate_nik("1871010101050001", region_exists=known)
    assert recent.birth_date == date(2005, 1, 1)


def test_nik_sequence_zero() -> None:
    assert nik_error("1871011507900000") == ("Nomor urut NIK (4 digit terakhir) tidak boleh 0000.")


def test_nik_gender_matches() -> None:
    assert validate_nik(MAN, gender="L", region_exists=known).gender == "L"
    assert validate_nik(WOMAN, gender="P", region_exists=known).gender == "P"


def test_nik_gender_mismatch_woman() -> None:
    assert nik_error(WOMAN, gender="L") == (
        "NIK ini milik perempuan (tanggal lahir ditambah 40), tetapi jenis kelamin yang "
        "dipilih laki-laki."
    )


def test_nik_gender_mismatch_man() -> None:
    assert nik_error(MAN, gender="P") == (
        "NIK ini milik laki-laki (tanggal lahir tidak ditambah 40), tetapi jenis kelamin "
        "yang dipilih perempuan."
    )


def test_nik_birth_date_matches() -> None:
    info = validate_nik(WOMAN, birth_date=date(1990, 7, 15), region_exists=known)
    assert info.birth_date == date(1990, 7, 15)


def test_nik_birth_date_settles_century() -> None:
    info = validate_nik("1871010101200001", birth_date=date(1920, 1, 1), region_exists=known)
    assert info.birth_date == date(1920, 1, 1)


def test_nik_birth_date_mismatch() -> None:
    assert nik_error(MAN, birth_date=date(1990, 7, 16)) == (
        "Tanggal lahir pada NIK (15-07-90) tidak sama dengan tanggal lahir yang diisi (16-07-1990)."
    )


@pytest.fixture
def lampung(db) -> None:
    from simpul.regions.models import Region

    province = Region.objects.create(code="18", name="Lampung", level=1)
    Region.objects.create(code="18.71", name="Kota Bandar Lampung", level=2, parent=province)


@pytest.mark.django_db
def test_nik_region_from_database(lampung: None) -> None:
    assert validate_nik(MAN).regency_code == "18.71"
    with pytest.raises(ValidationError) as excinfo:
        validate_nik("1872011507900001")
    assert message(excinfo) == "Kode kabupaten/kota 18.72 pada NIK (digit 1–4) tidak dikenal."
    with pytest.raises(ValidationError) as excinfo:
        validate_nik("3171011507900001")
    assert message(excinfo) == "Kode provinsi 31 pada NIK (digit 1–2) tidak dikenal."


@pytest.mark.django_db
def test_nik_region_check_skipped_when_table_empty() -> None:
    assert validate_nik("9999011507900001").province_code == "99"


# --- NIB ---------------------------------------------------------------------------------


def test_nib_ok() -> None:
    assert clean_nib(" 9120 0012 3456 7 ") == "9120001234567"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("912000123456", "NIB harus 13 digit angka; yang diisi 12 digit."),
        ("91200012345678", "NIB harus 13 digit angka; yang diisi 14 digit."),
        ("912000123456A", "NIB hanya boleh berisi angka."),
    ],
)
def test_nib_errors(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        clean_nib(value)
    assert message(excinfo) == expected


def test_nib_scientific() -> None:
    with pytest.raises(ValidationError) as excinfo:
        clean_nib("9.12E+12")
    assert message(excinfo).startswith("NIB 9.12E+12 rusak karena diubah Excel")


# --- NPWP --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01.312.166.0-091.000", "013121660091000"),
        ("013121660091000", "013121660091000"),
        ("0013121660091000", "0013121660091000"),  # 16 digits: leading 0 + old number
        ("1871011507900001", "1871011507900001"),  # 16 digits: a NIK
    ],
)
def test_npwp_ok(value: str, expected: str) -> None:
    assert clean_npwp(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01.312.166.0-091", "NPWP harus 15 atau 16 digit angka; yang diisi 12 digit."),
        ("01.312.166.1-091.000", "Digit pemeriksa NPWP tidak cocok; periksa kembali nomor NPWP."),
        ("01.312.166.0-091.00X", "NPWP hanya boleh berisi angka."),
        (
            "1871013507900001",
            "Tanggal lahir pada NIK (digit 7–8) harus 01–31 untuk laki-laki "
            "atau 41–71 untuk perempuan; tertulis 35.",
        ),
    ],
)
def test_npwp_errors(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        clean_npwp(value)
    assert message(excinfo) == expected


# --- Postal code -------------------------------------------------------------------------


def test_postal_code_ok() -> None:
    assert clean_postal_code(" 35111 ") == "35111"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3511", "Kode pos harus 5 digit angka; yang diisi 4 digit."),
        ("351110", "Kode pos harus 5 digit angka; yang diisi 6 digit."),
        ("05111", "Kode pos Indonesia tidak diawali angka 0."),
        ("35II1", "Kode pos hanya boleh berisi angka."),
    ],
)
def test_postal_code_errors(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        clean_postal_code(value)
    assert message(excinfo) == expected


# --- Phone -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62-812-3456-7890", "+6281234567890"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),  # leading 0 eaten by Excel
        ("0721-123456", "+62721123456"),
        ("(0721) 774123", "+62721774123"),
        ("721123456", "+62721123456"),
        ("+65 6512 3456", "+6565123456"),
    ],
)
def test_normalize_phone(value: str, expected: str) -> None:
    assert normalize_phone(value) == expected
    assert normalize_phone_or_none(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("08123", "Nomor telepon 08123 tidak valid; periksa jumlah digit dan awalannya."),
        ("halo", "“halo” bukan nomor telepon."),
        ("", "Nomor telepon belum diisi."),
        (
            "6,28123E+12",
            "Nomor telepon 6,28123E+12 rusak karena diubah Excel menjadi notasi ilmiah.",
        ),
    ],
)
def test_normalize_phone_errors(value: str, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(value)
    assert message(excinfo) == expected


@pytest.mark.parametrize("value", [None, "", "08123", "halo"])
def test_normalize_phone_or_none_rejects(value: str | None) -> None:
    assert normalize_phone_or_none(value) is None


# --- Form fields and display filters -----------------------------------------------------


@pytest.mark.django_db
def test_form_fields_clean() -> None:
    from simpul.core.forms import NibField, NikField, NpwpField, PhoneField, PostalCodeField

    assert PhoneField().clean("0812-3456-7890") == "+6281234567890"
    assert NibField().clean("9120001234567") == "9120001234567"
    assert NpwpField().clean("01.312.166.0-091.000") == "013121660091000"
    assert PostalCodeField().clean("35111") == "35111"
    assert NikField().clean("1871 0115 0790 0001") == MAN  # Region table empty: not checked


def test_form_fields_optional_and_required() -> None:
    from simpul.core.forms import NikField, PhoneField

    assert PhoneField(required=False).clean("") == ""
    with pytest.raises(ValidationError):
        PhoneField().clean("")
    with pytest.raises(ValidationError) as excinfo:
        NikField().clean("12345")
    assert message(excinfo) == "NIK harus 16 digit angka; yang diisi 5 digit."


def test_phone_field_widget() -> None:
    from simpul.core.forms import PhoneField

    assert PhoneField().widget.attrs["inputmode"] == "tel"


def test_phone_display_and_mask_filters() -> None:
    from django.template import Context, Template

    rendered = Template(
        "{% load simpul_format %}{{ phone|phone_display }}|{{ nik|mask_nik }}|{{ none|mask_nik }}"
    ).render(Context({"phone": "+6281234567890", "nik": MAN, "none": None}))
    assert rendered == "+62 812-3456-7890|1871**********01|"
