"""Read one cell of an imported list into the value the registry stores.

Every parser returns a ParsedValue and never raises: an import reports all problems of a
file at once, row by row, next to the original value. `error` means the value cannot be
used as written; `warning` means it was repaired or interpreted and the officer should
glance at it. Cells arrive as text (CSV) or as numbers, dates and booleans (spreadsheets)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core.money import parse_rupiah
from simpul.core.validation import (
    clean_nib,
    looks_scientific,
    normalize_phone,
    validate_nik,
)


@dataclass
class ParsedValue:
    value: Any
    warning: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


# Ways of saying "nothing here" in office lists.
_BLANKS: frozenset[str] = frozenset({"", "-", "--", "–", "—", ".", "n/a", "na", "#n/a"})
_SPACES = re.compile(r"\s+")


def _text(value: object) -> str:
    """A cell as stripped text; the leading apostrophe spreadsheets use to force text
    ("'-7.58", "'0812…") is not part of the value."""
    if value is None:
        return ""
    text = _SPACES.sub(" ", str(value)).strip()
    return text[1:].strip() if text.startswith("'") else text


def _is_blank(text: str) -> bool:
    return text.lower() in _BLANKS


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _numeric_cell(value: object) -> int | None:
    """Whole numbers that a spreadsheet stored as numbers (int or integral float)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
        return int(value)
    return None


# --- text ----------------------------------------------------------------------------


def parse_text(value: object, *, zero_is_blank: bool = False) -> ParsedValue:
    """Free text with spaces tidied; dashes mean empty. `zero_is_blank` for names, where
    a 0 is a spreadsheet's way of leaving the cell empty, not a name."""
    text = _text(value)
    if _is_blank(text) or (zero_is_blank and text == "0"):
        return ParsedValue(None)
    return ParsedValue(text)


def parse_name(value: object) -> ParsedValue:
    return parse_text(value, zero_is_blank=True)


def parse_email(value: object) -> ParsedValue:
    text = _text(value).lower()
    if _is_blank(text):
        return ParsedValue(None)
    try:
        validate_email(text)
    except ValidationError:
        return ParsedValue(
            None, error=_("Alamat e-mail “%(value)s” tidak valid.") % {"value": text}
        )
    return ParsedValue(text)


# --- amounts and counts --------------------------------------------------------------


def parse_amount(value: object) -> ParsedValue:
    """Whole Rupiah from "1.500.000", "1,5 juta", "Rp 2 jt", "2.5 M" (miliar), "750 rb"."""
    number = _numeric_cell(value)
    if number is not None:
        return _amount(number)
    text = _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    return _amount(text)


def _amount(value: str | int) -> ParsedValue:
    try:
        return ParsedValue(parse_rupiah(value))
    except ValidationError as error:
        return ParsedValue(None, error=_message(error))


_COUNT_UNITS = re.compile(r"\s*(orang|org|jiwa|pekerja|tk|karyawan)\.?$", re.IGNORECASE)
_GROUPED_DOTS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_PLAIN_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_count(value: object) -> ParsedValue:
    """A number of people: "12", "12 orang", "1.200" (thousands dot), "3,0"."""
    number = _numeric_cell(value)
    if number is not None:
        return _count(Decimal(number), str(value))
    if isinstance(value, float):
        return _count(Decimal(str(value)), str(value))
    text = _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    digits = _COUNT_UNITS.sub("", text)
    if _GROUPED_DOTS.match(digits):
        return _count(Decimal(digits.replace(".", "")), text)
    if not _PLAIN_NUMBER.match(digits):
        return ParsedValue(
            None,
            error=_("Jumlah orang “%(value)s” tidak terbaca; tulis angka, misalnya 12.")
            % {"value": text},
        )
    return _count(Decimal(digits.replace(",", ".")), text)


def _count(number: Decimal, raw: str) -> ParsedValue:
    if not number.is_finite():
        return ParsedValue(
            None, error=_("Jumlah orang “%(value)s” tidak terbaca.") % {"value": raw}
        )
    if number < 0:
        return ParsedValue(None, error=_("Jumlah orang tidak boleh negatif."))
    if number != number.to_integral_value():
        return ParsedValue(
            None,
            error=_("Jumlah orang “%(value)s” bukan bilangan bulat.") % {"value": raw},
        )
    return ParsedValue(int(number))


# --- dates and years -----------------------------------------------------------------

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's 29 Feb 1900
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{4})$")
_MONTH_Y = re.compile(r"^([a-z]+)\.?[\s\-/.,]*(\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_WEEKDAY = re.compile(r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s*")


def parse_date(value: object) -> ParsedValue:
    """Dates as Indonesian lists write them: "5 Maret 2024", "05-03-2024", "05/03/2024",
    "2024-03-05", "Mar 2024" (first of the month, with a warning), Excel serials "45356"."""
    if isinstance(value, datetime):
        return ParsedValue(value.date())
    if isinstance(value, date):
        return ParsedValue(value)
    number = _numeric_cell(value)
    text = str(number) if number is not None else _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    lowered = _WEEKDAY.sub("", text.lower())
    for reader in (_read_serial, _read_iso, _read_dmy, _read_d_month_y, _read_month_y):
        parsed = reader(lowered, text)
        if parsed is not None:
            return parsed
    return ParsedValue(
        None,
        error=_("Tanggal “%(value)s” tidak terbaca; tulis misalnya 5 Maret 2024 atau 05-03-2024.")
        % {"value": _text(value)},
    )


def _make_date(year: int, month: int, day: int, raw: str, warning: str = "") -> ParsedValue:
    try:
        return ParsedValue(date(year, month, day), warning=warning)
    except ValueError:
        return ParsedValue(
            None, error=_("Tanggal “%(value)s” tidak ada di kalender.") % {"value": raw}
        )


def _read_serial(text: str, raw: str) -> ParsedValue | None:
    match = _SERIAL.match(text)
    if match is None:
        return None
    found = _EXCEL_EPOCH + timedelta(days=int(match[1]))
    warning = _(
        "“%(value)s” dibaca sebagai nomor seri tanggal Excel: %(date)s; periksa kembali."
    ) % {"value": raw, "date": found.strftime("%d-%m-%Y")}
    return ParsedValue(found, warning=warning)


def _read_iso(text: str, raw: str) -> ParsedValue | None:
    match = _ISO.match(text)
    if match is None:
        return None
    return _make_date(int(match[1]), int(match[2]), int(match[3]), raw)


def _read_dmy(text: str, raw: str) -> ParsedValue | None:
    match = _DMY.match(text)
    if match is None:
        return None
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    warnings = []
    if len(match[3]) == 2:
        # Two-digit years: the latest century that does not put the date in the future.
        this_year = timezone.localdate().year
        year += 2000 if 2000 + year <= this_year else 1900
        warnings.append(_("Tahun dua digit dibaca sebagai %(year)d.") % {"year": year})
    if month > 12 >= day:
        # Day-first is the Indonesian order; only a month above 12 proves the other order.
        day, month = month, day
        warnings.append(
            _("Tanggal ditulis bulan dulu (gaya Amerika); dibaca sebagai %(date)s.")
            % {"date": f"{day:02d}-{month:02d}-{year}"}
        )
    return _make_date(year, month, day, raw, " ".join(warnings))


def _read_d_month_y(text: str, raw: str) -> ParsedValue | None:
    match = _D_MONTH_Y.match(text)
    if match is None or match[2] not in MONTHS:
        return None
    return _make_date(int(match[3]), MONTHS[match[2]], int(match[1]), raw)


def _read_month_y(text: str, raw: str) -> ParsedValue | None:
    match = _MONTH_Y.match(text)
    if match is None or match[1] not in MONTHS:
        return None
    warning = _("“%(value)s” hanya berisi bulan dan tahun; dianggap tanggal 1.") % {"value": raw}
    return _make_date(int(match[2]), MONTHS[match[1]], 1, raw, warning)


MIN_YEAR = 1900
_YEAR_PREFIX = re.compile(r"^(tahun|thn|th)\.?\s*", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")


def parse_year(value: object) -> ParsedValue:
    """A year from "2015", "Th. 2015", "2015-03-01" or a date; 1900 up to this year."""
    if isinstance(value, date):
        return _plausible_year(value.year, str(value))
    number = _numeric_cell(value)
    text = str(number) if number is not None else _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    bare = _YEAR_PREFIX.sub("", text)
    match = _YEAR.match(bare)
    if match is not None:
        return _plausible_year(int(match[1]), text)
    # Serial numbers are no years: "45356" here is more likely a typo than a date.
    as_date = parse_date(bare) if not _SERIAL.match(bare) else ParsedValue(None)
    if as_date.value is not None:
        return _plausible_year(as_date.value.year, text)
    return ParsedValue(
        None,
        error=_("Tahun “%(value)s” tidak terbaca; tulis 4 angka, misalnya 2015.") % {"value": text},
    )


def _plausible_year(year: int, raw: str) -> ParsedValue:
    this_year = timezone.localdate().year
    if not MIN_YEAR <= year <= this_year:
        return ParsedValue(
            None,
            error=_("Tahun %(year)d tidak masuk akal; harus antara %(min)d dan %(max)d.")
            % {"year": year, "min": MIN_YEAR, "max": this_year},
        )
    return ParsedValue(year)


# --- phone numbers -------------------------------------------------------------------

_SCIENTIFIC_PARTS = re.compile(r"^(\d+)(?:[.,](\d+))?[eE]\+?(\d+)$")
# Several numbers in one cell: "0335 - 422546 / 0852…", "(0335) 425943, 0812…".
_PHONE_SEPARATORS = re.compile(r"\s*(?:/|,|;|&|\||\batau\b|\bdan\b)\s*", re.IGNORECASE)


def _unscientific(text: str) -> int | None:
    """The integer behind "8.1252774189E+10" when every digit is still there; None when
    Excel kept fewer digits than the number has ("8.52348e+010")."""
    match = _SCIENTIFIC_PARTS.match(text.replace(" ", ""))
    if match is None:
        return None
    whole, fraction, exponent = match[1], match[2] or "", int(match[3])
    if len(fraction) != exponent:
        # Fewer digits: the rest were rounded away. More: not a whole number at all.
        return None
    return int(whole + fraction)


def parse_phone(value: object) -> ParsedValue:
    """A phone number in E.164, recovering what Excel did to it where that is exact."""
    number = _numeric_cell(value)
    # A spreadsheet number cell holds every digit; only the leading 0 is gone.
    text = str(number) if number is not None else _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    warnings: list[str] = []
    if looks_scientific(text):
        recovered = _unscientific(text)
        if recovered is None:
            return ParsedValue(
                None,
                error=_(
                    "“%(value)s”: nomor rusak oleh Excel (notasi ilmiah) dan tidak dapat "
                    "dipulihkan; minta nomor yang benar kepada pemiliknya."
                )
                % {"value": text},
            )
        warnings.append(_("Nomor dipulihkan dari notasi ilmiah Excel."))
        text = str(recovered)
    first, *others = [part for part in _PHONE_SEPARATORS.split(text) if part]
    if others:
        warnings.append(
            _(
                "Sel berisi %(count)d nomor; yang dipakai %(used)s, yang lain (%(rest)s) "
                "tidak disimpan."
            )
            % {"count": 1 + len(others), "used": first, "rest": ", ".join(others)}
        )
    return _one_phone(first, warnings)


def _one_phone(text: str, warnings: list[str]) -> ParsedValue:
    # A number that starts with 1–9 (but not the country code 62) lost its leading 0 when
    # a spreadsheet took it for a number: "81252774189" is 0812-5277-4189.
    digits = re.sub(r"\D", "", text)
    lost_zero = text[:1].isdigit() and text[0] != "0" and not text.startswith("62")
    if lost_zero and 8 <= len(digits) <= 12:
        text = "0" + text
        warnings.append(_("Angka 0 di depan hilang; dipulihkan."))
    try:
        phone = normalize_phone(text)
    except ValidationError as error:
        return ParsedValue(None, error=_message(error))
    return ParsedValue(phone, warning=" ".join(warnings))


# --- NIK, NIB ------------------------------------------------------------------------

_EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number


def parse_nik(value: object) -> ParsedValue:
    """A 16-digit NIK. The region it encodes is checked later by the import engine, which
    knows the office's jurisdiction and the loaded region list."""
    number = _numeric_cell(value)
    text = str(number) if number is not None else _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    try:
        info = validate_nik(text, region_exists=lambda _code: True)
    except ValidationError as error:
        return ParsedValue(None, error=_message(error))
    warning = ""
    if number is not None:
        warning = _(
            "NIK tersimpan sebagai angka di Excel, yang hanya menyimpan %(digits)d digit; "
            "digit terakhir mungkin sudah berubah. Cocokkan dengan KTP."
        ) % {"digits": _EXCEL_DIGITS}
    return ParsedValue(info.nik, warning=warning)


def parse_nib(value: object) -> ParsedValue:
    """A 13-digit NIB; one in scientific notation has lost digits and is refused."""
    number = _numeric_cell(value)
    text = str(number) if number is not None else _text(value)
    if _is_blank(text):
        return ParsedValue(None)
    try:
        return ParsedValue(clean_nib(text))
    except ValidationError as error:
        return ParsedValue(None, error=_message(error))


# --- yes/no --------------------------------------------------------------------------

_YES: frozenset[str] = frozenset(
    {"ya", "y", "iya", "ada", "1", "true", "v", "✓", "✔", "√", "yes", "sudah"}
)
_NO: frozenset[str] = frozenset(
    {"tidak", "tdk", "t", "no", "0", "-", "belum", "false", "tidak ada", "n", "x", "✗"}
)


def parse_yes_no(value: object) -> ParsedValue:
    """Ya/tidak in the words lists use. An empty cell is unknown (None), not "tidak"."""
    if isinstance(value, bool):
        return ParsedValue(value)
    text = _text(value).lower().rstrip(".")
    if isinstance(value, int | float) and value in (0, 1):
        text = str(int(value))
    if text in _YES:
        return ParsedValue(True)
    if text in _NO:
        return ParsedValue(False)
    if not text:
        return ParsedValue(None)
    return ParsedValue(
        None,
        error=_("“%(value)s” bukan jawaban ya/tidak; tulis ya atau tidak.") % {"value": text},
    )


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


# Which parser reads which import field (see mapping.FIELDS).
FIELD_PARSERS: dict[str, Callable[[object], ParsedValue]] = {
    "name": parse_name,
    "owner_name": parse_name,
    "address": parse_text,
    "village": parse_text,
    "district": parse_text,
    "regency": parse_text,
    "products": parse_text,
    "kbli": parse_text,
    "workers_male": parse_count,
    "workers_female": parse_count,
    "workers_total": parse_count,
    "investment_value": parse_amount,
    "production_capacity": parse_text,  # a quantity with its unit ("5 ton/bulan")
    "production_value": parse_amount,
    "annual_sales": parse_amount,
    "nib": parse_nib,
    "nik": parse_nik,
    "phone": parse_phone,
    "year_started": parse_year,
    "sentra": parse_text,
    "latitude": parse_latitude,
    "longitude": parse_longitude,
    "legal_form": parse_text,
    "email": parse_email,
}
