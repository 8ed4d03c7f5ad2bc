"""Curation by the Dinas: feature a product on the home page, or hide it with a reason
that its owner sees."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change

from ..models import Product
from .permissions import can_curate, require
from .products import locked_product
from .sync import product_refresh


@transaction.atomic
def product_feature(*, product: Product, provenance: Provenance, featured: bool) -> Product:
    product = locked_product(product)
    require(can_curate(provenance.actor, product))
    if featured and not product.is_public:
        raise ValidationError(_("Hanya produk yang tampil publik yang dapat diunggulkan."))
    before = product.featured_at
    product.featured_at = timezone.now() if featured else None
    product.save(update_fields=["featured_at", "updated_at"])
    record_change(
        instance=product,
        action="featured" if featured else "unfeatured",
        provenance=provenance,
        changes={
            "featured_at": [str(before) if before else None, str(product.featured_at or "") or None]
        },
    )
    return product


@transaction.atomic
def product_hide(*, product: Product, provenance: Provenance, reason: str) -> Product:
    product = locked_product(product)
    require(can_curate(provenance.actor, product))
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Tuliskan alasan (paling sedikit 10 karakter) untuk pemilik.")}
        )
    product.hidden_at = timezone.now()
    product.hidden_by = provenance.actor
    product.hidden_reason = reason
    product.featured_at = None
    product.save(
        update_fields=["hidden_at", "hidden_by", "hidden_reason", "featured_at", "updated_at"]
    )
    product_refresh(product)
    record_change(
        instance=product,
        action="hidden",
        provenance=provenance,
        changes={"hidden_reason": ["", reason]},
        note=reason,
    )
    return product


@transaction.atomic
def product_unhide(*, product: Product, provenance: Provenance) -> Product:
    product = locked_product(product)
    require(can_curate(provenance.actor, product))
    before = product.hidden_reason
    product.hidden_at = None
    product.hidden_by = None
    product.hidden_reason = ""
    product.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    product_refresh(product)
    record_change(
        instance=product,
        action="unhidden",
        provenance=provenance,
        changes={"hidden_reason": [before, ""]},
    )
    return product
