"""Coordinates inside Indonesia, with swapped or sign-less values caught."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import ParsedValue, _is_blank, _text

# --- coordinates ---------------------------------------------------------------------

# Indonesia's extent with a margin: Sabang to Merauke, Miangas to Rote.
LATITUDE_RANGE = (Decimal(-11), Decimal(6))
LONGITUDE_RANGE = (Decimal(94), Decimal(142))
_COORDINATE_PLACES = Decimal("0.000001")  # the registry stores 6 decimals (≈ 10 cm)
_AXES = {
    "lat": (LATITUDE_RANGE, gettext_lazy("Lintang")),
    "lng": (LONGITUDE_RANGE, gettext_lazy("Bujur")),
}


def _read_coordinate(value: object) -> Decimal | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = _text(value).replace(",", ".").replace(" ", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_coordinate(value: object, axis: str) -> ParsedValue:
    """One coordinate in decimal degrees; axis is "lat" or "lng"."""
    (low, high), label = _AXES[axis]
    if _is_blank(_text(value)):
        return ParsedValue(None)
    number = _read_coordinate(value)
    if number is None or not number.is_finite():
        return ParsedValue(
            None,
            error=_("%(axis)s “%(value)s” bukan angka derajat desimal, misalnya -7.5781.")
            % {"axis": label, "value": _text(value)},
        )
    if low <= number <= high:
        return ParsedValue(number.quantize(_COORDINATE_PLACES, rounding=ROUND_HALF_EVEN))
    hint = _("; mungkin tanda minus (-) hilang") if low <= -number <= high else ""
    return ParsedValue(
        None,
        error=_("%(axis)s %(value)s di luar wilayah Indonesia (%(low)s sampai %(high)s)%(hint)s.")
        % {"axis": label, "value": number, "low": low, "high": high, "hint": hint},
    )


def parse_latitude(value: object) -> ParsedValue:
    return parse_coordinate(value, "lat")


def parse_longitude(value: object) -> ParsedValue:
    return parse_coordinate(value, "lng")


def parse_lat_lng(lat: object, lng: object) -> ParsedValue:
    """Both coordinates at once → (lat, lng); swapped columns are put right with a warning."""
    lat_blank, lng_blank = _is_blank(_text(lat)), _is_blank(_text(lng))
    if lat_blank and lng_blank:
        return ParsedValue(None)
    if lat_blank or lng_blank:
        return ParsedValue(
            None,
            error=_("Koordinat tidak lengkap: isi lintang dan bujur, atau kosongkan keduanya."),
        )
    first, second = parse_latitude(lat), parse_longitude(lng)
    if first.ok and second.ok:
        return ParsedValue((first.value, second.value))
    swapped_lat, swapped_lng = parse_latitude(lng), parse_longitude(lat)
    if swapped_lat.ok and swapped_lng.ok:
        return ParsedValue(
            (swapped_lat.value, swapped_lng.value),
            warning=_(
                "Lintang dan bujur tertukar; sudah ditukar kembali (lintang %(lat)s, "
                "bujur %(lng)s)."
            )
            % {"lat": swapped_lat.value, "lng": swapped_lng.value},
        )
    return ParsedValue(None, error=" ".join(part.error for part in (first, second) if part.error))
