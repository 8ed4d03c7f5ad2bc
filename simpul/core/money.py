"""Rupiah amounts as people write them (`1.500.000`, `Rp 2,5 juta`, `1,5 M`) ↔ whole-Rupiah
integers. Decimal throughout: a float would turn `Rp 2,3 juta` into 2.299.999,99…"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_RUPIAH = 2**63 - 1  # stored in a 64-bit integer column

# Indonesian money words. "M" is miliar (10^9), not million: that is how it is written here.
_UNITS: dict[str, int] = {
    "rb": 10**3,
    "ribu": 10**3,
    "k": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
}

_AMOUNT = re.compile(
    r"""^(?P<minus1>-)?\s*
    (?:rp\.?|idr)?\s*
    (?P<minus2>-)?\s*
    (?P<number>\d[\d.,]*?)
    (?:[.,]-)?\s*               # "Rp 1.500.000,-"
    (?P<unit>[a-z]+)?\.?$""",
    re.VERBOSE,
)
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")


def parse_rupiah(text: str | int) -> int:
    """Read an amount of money and return whole Rupiah; ValidationError when unreadable,
    negative, fractional or empty (the caller decides what an empty box means)."""
    if isinstance(text, bool):
        raise ValidationError(_("Jumlah uang tidak terbaca."))
    if isinstance(text, int):
        return _checked(Decimal(text), str(text))
    raw = str(text).strip()
    if not raw:
        raise ValidationError(_("Jumlah uang belum diisi."))
    match = _AMOUNT.match(re.sub(r"\s*rupiah$", "", raw.lower()))
    if match is None:
        raise ValidationError(
            _("Jumlah uang “%(value)s” tidak terbaca; tulis misalnya 1.500.000 atau 2,5 juta.")
            % {"value": raw}
        )
    unit = match["unit"]
    if unit is not None and unit not in _UNITS:
        raise ValidationError(
            _("Satuan “%(unit)s” tidak dikenal; pakai rb, ribu, jt, juta, M atau miliar.")
            % {"unit": unit}
        )
    amount = _read_number(match["number"], raw)
    if match["minus1"] or match["minus2"]:
        raise ValidationError(_("Jumlah uang tidak boleh negatif."))
    return _checked(amount * _UNITS.get(unit or "", 1), raw)


def _read_number(number: str, raw: str) -> Decimal:
    """Decide which of "." and "," is the thousands separator and which the decimal point."""
    dots, commas = number.count("."), number.count(",")
    if dots and commas:
        # Both present: the last one is the decimal point ("1.500.000,00", "1,500,000.00").
        decimal_sep = "," if number.rfind(",") > number.rfind(".") else "."
        thousands_sep = "." if decimal_sep == "," else ","
        whole, _sep, fraction = number.rpartition(decimal_sep)
        return _decimal(_ungroup(whole, thousands_sep, raw) + "." + fraction, raw)
    if dots > 1 or commas > 1:
        # Several groups can only be thousands ("1.500.000", "1,500,000").
        return _decimal(_ungroup(number, "." if dots else ",", raw), raw)
    if dots == 1:
        # Indonesian habit: a single dot before exactly 3 digits groups thousands ("1.500");
        # otherwise it is a decimal point written the English way ("2.5 juta").
        whole, _sep, fraction = number.partition(".")
        if len(fraction) == 3:
            return _decimal(whole + fraction, raw)
        return _decimal(number, raw)
    # A single comma is the Indonesian decimal comma ("2,5 juta"); "1,500" stays 1,5 and is
    # then refused as fractional rather than silently read as a thousand.
    return _decimal(number.replace(",", "."), raw)


def _ungroup(number: str, separator: str, raw: str) -> str:
    if not _GROUPED.match(number.replace(separator, "X")):
        raise ValidationError(
            _("Pemisah ribuan pada “%(value)s” tidak beraturan; tiap kelompok harus 3 digit.")
            % {"value": raw}
        )
    return number.replace(separator, "")


def _decimal(number: str, raw: str) -> Decimal:
    try:
        return Decimal(number)
    except InvalidOperation:
        raise ValidationError(
            _("Jumlah uang “%(value)s” tidak terbaca.") % {"value": raw}
        ) from None


def _checked(amount: Decimal, raw: str) -> int:
    if amount < 0:
        raise ValidationError(_("Jumlah uang tidak boleh negatif."))
    if amount != amount.to_integral_value():
        raise ValidationError(
            _("Jumlah uang “%(value)s” berisi pecahan Rupiah; tulis angka bulat.") % {"value": raw}
        )
    if amount > MAX_RUPIAH:
        raise ValidationError(_("Jumlah uang “%(value)s” terlalu besar.") % {"value": raw})
    return int(amount)


def group_thousands(value: int) -> str:
    """`1500000` → `1.500.000`: Indonesian thousands separators for any whole number."""
    return f"{value:,}".replace(",", ".")


def format_rupiah(value: int | None) -> str:
    """`Rp1.500.000`; `–` for an unknown amount (not `Rp0`, which would be a claim)."""
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{group_thousands(abs(int(value)))}"


_SHORT_UNITS: tuple[tuple[int, str], ...] = (
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
)


def format_rupiah_short(value: int | None) -> str:
    """`Rp2,5 juta`, `Rp1,2 miliar`; below a million the full amount."""
    if value is None:
        return "–"
    magnitude = abs(int(value))
    for size, word in _SHORT_UNITS:
        if magnitude >= size:
            # Round down, never up: Rp999.999.999 must not show as "Rp1 miliar", which is
            # exactly where the size-class thresholds lie.
            amount = (Decimal(magnitude) / size).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
            text = f"{amount:f}".removesuffix(".0").replace(".", ",")
            sign = "-" if value < 0 else ""
            return f"{sign}Rp{text} {word}"
    return format_rupiah(value)
