"""What makes a public page shareable: schema.org JSON-LD, Open Graph tags and the
WhatsApp click-to-chat link.

The JSON-LD goes inside a <script> element, where HTML escaping does not apply: a product
named `</script><script>…` would end the element and run. `json_ld` therefore escapes
`<`, `>` and `&` as JSON unicode escapes, which JSON parsers read back unchanged."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import phonenumbers
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from simpul.core.whatsapp import wa_me
from simpul.registry.models import Enterprise

from .models import Product

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org"
_APPROXIMATE = Decimal("0.01")  # degrees: about 1.1 km of latitude


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON safe to place between <script type="application/ld+json"> tags."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


def product_url(request: HttpRequest, product: Product) -> str:
    path = reverse("catalogue:product", args=[product.public_key, product.slug])
    return request.build_absolute_uri(path)


def profile_url(request: HttpRequest, enterprise: Enterprise) -> str:
    path = reverse("public:profile", args=[enterprise.public_key, enterprise.slug])
    return request.build_absolute_uri(path)


def photo_urls(request: HttpRequest, product: Product) -> list[str]:
    return [request.build_absolute_uri(p.share_url) for p in product.photos.all()]


def _offers(product: Product, url: str) -> dict[str, Any] | None:
    if product.price_min is None and product.price_max is None:
        return None
    low = product.price_min if product.price_min is not None else product.price_max
    high = product.price_max if product.price_max is not None else low
    stock = "OutOfStock" if product.stock == 0 else "InStock"
    offer: dict[str, Any] = {
        "priceCurrency": "IDR",
        "availability": f"{SCHEMA}/{stock}",
        "url": url,
    }
    if low == high:
        return {"@type": "Offer", "price": str(low), **offer}
    return {"@type": "AggregateOffer", "lowPrice": str(low), "highPrice": str(high), **offer}


def _certifications(product: Product) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "@type": "Certification",
            "name": c.get_kind_display(),
            "certificationIdentification": c.number,
            **({"expires": c.valid_until.isoformat()} if c.valid_until else {}),
        }
        for c in product.certifications.all()
        if c.is_valid_on(today)
    ]


def product_jsonld(request: HttpRequest, product: Product) -> dict[str, Any]:
    url = product_url(request, product)
    enterprise = product.enterprise
    maker = {
        "@type": "Organization",
        "name": enterprise.name,
        "url": profile_url(request, enterprise),
    }
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.name,
        "description": product.description or product.name,
        "sku": product.sku or product.public_key,
        "url": url,
        "brand": {"@type": "Brand", "name": enterprise.name},
        "manufacturer": maker,
    }
    if images := photo_urls(request, product):
        data["image"] = images
    if offers := _offers(product, url):
        data["offers"] = offers
    if certifications := _certifications(product):
        data["hasCertification"] = certifications
    return data


def business_jsonld(
    request: HttpRequest, enterprise: Enterprise, region_path: list[Any]
) -> dict[str, Any]:
    """schema.org LocalBusiness; the telephone and the exact location only when the owner
    publishes a business contact."""
    names = {r.level: r.name for r in region_path}
    address = {
        "@type": "PostalAddress",
        "streetAddress": enterprise.address,
        "addressLocality": names.get(2, ""),
        "addressRegion": names.get(1, ""),
        "postalCode": enterprise.postal_code,
        "addressCountry": "ID",
    }
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "LocalBusiness",
        "name": enterprise.name,
        "url": profile_url(request, enterprise),
        "address": {k: v for k, v in address.items() if v},
    }
    if enterprise.products:
        data["description"] = enterprise.products
    if point := public_coordinates(enterprise):
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    if phone := business_phone_digits(enterprise):
        data["telephone"] = f"+{phone}"
    return data


def public_coordinates(enterprise: Enterprise) -> tuple[float, float] | None:
    """(latitude, longitude) fit for a public page, or None when the enterprise has none.
    Many IKM work from the owner's home, so the exact point is shown only when the owner
    publishes a business contact; otherwise it is rounded to 2 decimals (about 1 km),
    enough to place the business in its area on a map."""
    if enterprise.latitude is None or enterprise.longitude is None:
        return None
    if enterprise.publish_contact:
        return float(enterprise.latitude), float(enterprise.longitude)
    return (
        float(enterprise.latitude.quantize(_APPROXIMATE, ROUND_HALF_UP)),
        float(enterprise.longitude.quantize(_APPROXIMATE, ROUND_HALF_UP)),
    )


def business_phone_digits(enterprise: Enterprise) -> str:
    """The business phone as WhatsApp wants it (`6281234567890`), or "" when the owner
    has not published a business contact or the number is not a valid one. The owner's
    personal phone is never used here."""
    if not enterprise.publish_contact or not enterprise.business_phone:
        return ""
    try:
        number = phonenumbers.parse(enterprise.business_phone, "ID")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).lstrip("+")


def whatsapp_url(enterprise: Enterprise, message: str) -> str:
    digits = business_phone_digits(enterprise)
    if not digits:
        return ""
    return wa_me(digits, message)


def product_whatsapp_url(request: HttpRequest, product: Product) -> str:
    message = _("Halo %(business)s, saya tertarik dengan %(product)s di Simpul IKM: %(url)s") % {
        "business": product.enterprise.name,
        "product": product.name,
        "url": product_url(request, product),
    }
    return whatsapp_url(product.enterprise, message)


def profile_whatsapp_url(request: HttpRequest, enterprise: Enterprise) -> str:
    message = _("Halo %(business)s, saya melihat profil usaha Anda di Simpul IKM: %(url)s") % {
        "business": enterprise.name,
        "url": profile_url(request, enterprise),
    }
    return whatsapp_url(enterprise, message)
