"""Creating, changing, publishing and removing products. Keyword-only, atomic, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, diff, record_change, snapshot
from simpul.registry.models import Enterprise

from ..models import Product
from ..search import index
from .permissions import can_manage_products, require
from .sync import product_refresh

PRODUCT_FIELDS = [
    "name",
    "description",
    "kbli",
    "price_min",
    "price_max",
    "unit",
    "min_order",
    "production_capacity",
    "weight_grams",
    "sku",
    "stock",
]
AUDITED = [*PRODUCT_FIELDS, "is_published", "hidden_reason", "featured_at"]


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"unknown product fields: {sorted(unknown)}")
    cleaned = dict(data)
    for name in ("name", "description", "unit", "production_capacity", "sku"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError({"name": _("Nama produk wajib diisi.")})
    return cleaned


def _check_prices(product: Product) -> None:
    low, high = product.price_min, product.price_max
    if low is not None and high is None:
        product.price_max = low  # one price: a range of one
    elif high is not None and low is None:
        product.price_min = high
    if (product.price_min or 0) < 0:
        raise ValidationError({"price_min": _("Harga tidak boleh negatif.")})
    if product.price_min is not None and product.price_min > product.price_max:
        raise ValidationError({"price_max": _("Harga tertinggi harus ≥ harga terendah.")})


def locked_product(product: Product) -> Product:
    return (
        Product.objects.select_for_update(of=("self",))
        .select_related("enterprise__owner")
        .get(pk=product.pk)
    )


@transaction.atomic
def product_create(
    *, enterprise: Enterprise, provenance: Provenance, data: dict[str, Any]
) -> Product:
    require(can_manage_products(provenance.actor, enterprise))
    product = Product(enterprise=enterprise, **_clean(data))
    _check_prices(product)
    product.save()
    product_refresh(product)
    record_change(
        instance=product,
        action="created",
        provenance=provenance,
        changes=diff({}, snapshot(product, PRODUCT_FIELDS)),
        note=enterprise.name,
    )
    return product


@transaction.atomic
def product_update(*, product: Product, provenance: Provenance, data: dict[str, Any]) -> Product:
    product = locked_product(product)
    require(can_manage_products(provenance.actor, product.enterprise))
    before = snapshot(product, AUDITED)
    for name, value in _clean(data).items():
        setattr(product, name, value)
    _check_prices(product)
    product.save()
    product_refresh(product)
    changes = diff(before, snapshot(product, AUDITED))
    if changes:
        record_change(instance=product, action="updated", provenance=provenance, changes=changes)
    return product


@transaction.atomic
def product_publish(*, product: Product, provenance: Provenance, published: bool) -> Product:
    """Publish or withdraw. A published product shows publicly once its enterprise is
    verified, and as long as the Dinas has not hidden it. Withdrawing also ends its place
    on the home page: published again, it waits for the Dinas to feature it anew."""
    product = locked_product(product)
    require(can_manage_products(provenance.actor, product.enterprise))
    if product.is_published == published:
        return product
    changes: dict[str, list[Any]] = {"is_published": [not published, published]}
    product.is_published = published
    if published:
        product.published_at = timezone.now()
    elif product.featured_at is not None:
        changes["featured_at"] = [str(product.featured_at), None]
        product.featured_at = None
    product.save(update_fields=["is_published", "published_at", "featured_at", "updated_at"])
    product_refresh(product)
    record_change(
        instance=product,
        action="published" if published else "unpublished",
        provenance=provenance,
        changes=changes,
    )
    return product


@transaction.atomic
def product_delete(*, product: Product, provenance: Provenance) -> None:
    product = locked_product(product)
    require(can_manage_products(provenance.actor, product.enterprise))
    files = [f for photo in product.photos.all() for f in photo.files]
    record_change(
        instance=product,
        action="deleted",
        provenance=provenance,
        changes=diff(snapshot(product, PRODUCT_FIELDS), {}),
        note=product.name,
    )
    product_id = product.pk
    product.delete()
    index.product_removed([product_id])
    # Files go only when the deletion has committed; a rollback keeps them.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
