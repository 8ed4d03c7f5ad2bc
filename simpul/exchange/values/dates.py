"""Dates and years in the forms Indonesian lists use, including Excel serial numbers."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .base import ParsedValue, _is_blank, _numeric_cell, _text

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
