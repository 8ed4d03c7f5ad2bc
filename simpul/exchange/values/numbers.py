"""Rupiah amounts and head counts as office lists write them."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from simpul.core.money import parse_rupiah

from .base import ParsedValue, _is_blank, _message, _numeric_cell, _text

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
