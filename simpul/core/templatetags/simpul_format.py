"""Indonesian display filters: `{% load simpul_format %}` then `{{ x|rupiah }}` etc."""

from __future__ import annotations

import phonenumbers
from django import template

from simpul.core import crypto
from simpul.core.money import format_rupiah, format_rupiah_short

register = template.Library()


@register.filter
def rupiah(value: int | None) -> str:
    """1500000 → `Rp1.500.000`."""
    return format_rupiah(value)


@register.filter
def rupiah_short(value: int | None) -> str:
    """2500000 → `Rp2,5 juta`."""
    return format_rupiah_short(value)


@register.filter
def phone_display(value: str | None) -> str:
    """`+6281234567890` → `+62 812-3456-7890`; anything unparsable is shown as stored."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def mask_nik(value: str | None) -> str:
    """`1871**********01`: the unmasked NIK is only shown through the logged unmask view."""
    if not value:
        return ""
    return crypto.mask_nik(str(value))
