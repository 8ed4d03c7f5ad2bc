"""Display filters for product cards and pages: `{% load catalogue_public %}`."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from simpul.core.money import format_rupiah

from ..choices import CertificationKind

register = template.Library()


@register.filter
def price_range(product) -> str:
    """`Rp15.000`, or `Rp15.000–Rp25.000` for a range; "" when no price is given."""
    low, high = product.price_min, product.price_max
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return format_rupiah(low if low is not None else high)
    return f"{format_rupiah(low)}–{format_rupiah(high)}"


@register.filter
def cert_list(product) -> list[str]:
    """Short names of a card's certification kinds, from its facet column (no query)."""
    kinds = [k for k in product.cert_kinds.split(",") if k in CertificationKind.values]
    return [_("Halal") if k == "halal" else CertificationKind(k).label for k in kinds]
