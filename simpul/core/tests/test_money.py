import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from simpul.core.forms import RupiahField
from simpul.core.money import format_rupiah, format_rupiah_short, parse_rupiah


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2500000", 2_500_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("Rp1.500.000,00", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp. 1.500.000,-", 1_500_000),
        ("IDR 1,500,000.00", 1_500_000),
        ("1.500.000 rupiah", 1_500_000),
        ("1.500", 1_500),
        ("Rp 2,5 juta", 2_500_000),
        ("Rp 2.5 juta", 2_500_000),
        ("2 jt", 2_000_000),
        ("2jt", 2_000_000),
        ("1,5 juta rupiah", 1_500_000),
        ("2.500 juta", 2_500_000_000),
        ("1,5 M", 1_500_000_000),
        ("1,5 miliar", 1_500_000_000),
        ("1,5 milyar", 1_500_000_000),
        ("Rp1,2 Miliar", 1_200_000_000),
        ("2 triliun", 2_000_000_000_000),
        ("750 rb", 750_000),
        ("750 ribu", 750_000),
        ("750rb", 750_000),
        ("50k", 50_000),
        ("2,3 juta", 2_300_000),  # a float would give 2.299.999,99…
        ("0", 0),
        ("Rp 0", 0),
        (1_500_000, 1_500_000),
        (0, 0),
    ],
)
def test_parse_rupiah(text: str | int, expected: int) -> None:
    assert parse_rupiah(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Jumlah uang belum diisi."),
        ("   ", "Jumlah uang belum diisi."),
        ("-500", "Jumlah uang tidak boleh negatif."),
        ("Rp -1.500.000", "Jumlah uang tidak boleh negatif."),
        (-5, "Jumlah uang tidak boleh negatif."),
        ("abc", "Jumlah uang “abc” tidak terbaca; tulis misalnya 1.500.000 atau 2,5 juta."),
        (
            "satu juta",
            "Jumlah uang “satu juta” tidak terbaca; tulis misalnya 1.500.000 atau 2,5 juta.",
        ),
        ("2,5", "Jumlah uang “2,5” berisi pecahan Rupiah; tulis angka bulat."),
        ("1,500", "Jumlah uang “1,500” berisi pecahan Rupiah; tulis angka bulat."),
        (
            "Rp1.500.000,50",
            "Jumlah uang “Rp1.500.000,50” berisi pecahan Rupiah; tulis angka bulat.",
        ),
        (
            "1,0000005 juta",
            "Jumlah uang “1,0000005 juta” berisi pecahan Rupiah; tulis angka bulat.",
        ),
        (
            "1.50.000",
            "Pemisah ribuan pada “1.50.000” tidak beraturan; tiap kelompok harus 3 digit.",
        ),
        (
            "1,50,000",
            "Pemisah ribuan pada “1,50,000” tidak beraturan; tiap kelompok harus 3 digit.",
        ),
        ("5 kg", "Satuan “kg” tidak dikenal; pakai rb, ribu, jt, juta, M atau miliar."),
        ("99999999 triliun", "Jumlah uang “99999999 triliun” terlalu besar."),
    ],
)
def test_parse_rupiah_errors(text: str | int, expected: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_rupiah(text)
    assert excinfo.value.messages == [expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "–"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1_500_000, "Rp1.500.000"),
        (15_000_000_001, "Rp15.000.000.001"),
        (-2_500, "-Rp2.500"),
    ],
)
def test_format_rupiah(value: int | None, expected: str) -> None:
    assert format_rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "–"),
        (750_000, "Rp750.000"),
        (1_000_000, "Rp1 juta"),
        (2_500_000, "Rp2,5 juta"),
        (2_599_999, "Rp2,5 juta"),
        (999_999_999, "Rp999,9 juta"),  # rounded down: never "Rp1 miliar" below the threshold
        (1_000_000_000, "Rp1 miliar"),
        (1_200_000_000, "Rp1,2 miliar"),
        (15_000_000_000, "Rp15 miliar"),
        (3_400_000_000_000, "Rp3,4 triliun"),
    ],
)
def test_format_rupiah_short(value: int | None, expected: str) -> None:
    assert format_rupiah_short(value) == expected


def test_round_trip() -> None:
    for amount in (0, 7, 1_500, 1_500_000, 15_000_000_001):
        assert parse_rupiah(format_rupiah(amount)) == amount


def test_rupiah_filters() -> None:
    rendered = Template(
        "{% load simpul_format %}{{ a|rupiah }} {{ a|rupiah_short }} {{ n|rupiah }}"
    )
    assert rendered.render(Context({"a": 2_500_000, "n": None})) == "Rp2.500.000 Rp2,5 juta –"


def test_rupiah_field() -> None:
    field = RupiahField()
    assert field.clean("Rp 2,5 juta") == 2_500_000
    assert field.widget.attrs["inputmode"] == "numeric"
    assert field.prepare_value(1_500_000) == "1.500.000"
    with pytest.raises(ValidationError) as excinfo:
        field.clean("2,5")
    assert excinfo.value.messages == ["Jumlah uang “2,5” berisi pecahan Rupiah; tulis angka bulat."]


def test_rupiah_field_empty() -> None:
    assert RupiahField(required=False).clean("") == 0
    assert RupiahField(required=False).clean(None) == 0
    with pytest.raises(ValidationError) as excinfo:
        RupiahField().clean("")
    assert excinfo.value.code == "required"
