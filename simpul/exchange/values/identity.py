"""Phone numbers, NIK and NIB, including the damage Excel does to long numbers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from simpul.core.validation import (
    clean_nib,
    looks_scientific,
    normalize_phone,
    validate_nik,
)

from .base import ParsedValue, _is_blank, _message, _numeric_cell, _text

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
