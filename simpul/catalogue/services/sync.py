"""Keeps each product's copies of its enterprise current (see models' docstring)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise

from ..models import Product
from ..search import index
from ..search.text import document_text

SYNCED_FIELDS = [
    "village",
    "province_code",
    "regency_code",
    "district_code",
    "sentra",
    "kbli_division",
    "cert_kinds",
    "is_public",
    "search_document",
]
_CHUNK = 500


def _region_names(enterprise: Enterprise) -> list[str]:
    names, region = [], enterprise.village
    while region is not None:
        names.append(region.name)
        region = region.parent
    return names


def fill_copies(product: Product, enterprise: Enterprise) -> None:
    """Set the copied columns on `product` (not saved). `enterprise` must come with its
    village ancestors, KBLI and sentra loaded, or this costs a query each. The
    certificate kinds are those valid today; one that expires later stays counted until
    the product is refreshed again."""
    product.set_village(enterprise.village)
    if not enterprise.village_id:
        product.set_region_prefix(enterprise.region_code)
    product.sentra_id = enterprise.sentra_id
    kbli_code = product.kbli_id or enterprise.kbli_id or ""
    product.kbli_division = kbli_code[:2]
    # Only certificates valid today count: an expired halal certificate must not put
    # the product under "halal" in the search facets.
    today = timezone.localdate()
    kinds = (
        sorted({c.kind for c in product.certifications.all() if c.is_valid_on(today)})
        if product.pk
        else []
    )
    product.cert_kinds = f",{','.join(kinds)}," if kinds else ""
    product.is_public = (
        product.is_published
        and product.hidden_at is None
        and enterprise.status == EnterpriseStatus.VERIFIED
    )
    sentra = enterprise.sentra
    product.search_document = document_text(
        product.name,
        product.description,
        enterprise.name,
        sentra.name if sentra else "",
        sentra.commodity if sentra else "",
        " ".join(_region_names(enterprise)),
        " ".join(product.cert_kinds.split(",")),
    )


def product_refresh(product: Product) -> None:
    """Recompute and save the copies of one product, and update the search index."""
    enterprise = _enterprises([product.enterprise_id])[product.enterprise_id]
    fill_copies(product, enterprise)
    product.save(update_fields=[*SYNCED_FIELDS, "updated_at"])
    index.product_indexed([product])


@transaction.atomic(savepoint=False)
def products_sync(enterprise_ids: Iterable[int]) -> int:
    """Refresh every product of the given enterprises; returns how many were saved.

    The rows are locked (in primary-key order) before they are read, as the product
    services lock theirs: an owner's edit or a curation decision made meanwhile waits, so
    this bulk update cannot write a search document or visibility computed from the
    values before it. PostgreSQL honours the lock; on SQLite it is a no-op (SQLite lets
    one writer at a time anyway)."""
    ids = list(dict.fromkeys(enterprise_ids))
    saved = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        products = list(
            Product.objects.select_for_update(of=("self",))
            .filter(enterprise_id__in=chunk)
            .order_by("pk")
            .prefetch_related("certifications")
        )
        if not products:
            continue
        enterprises = _enterprises(chunk)
        for product in products:
            fill_copies(product, enterprises[product.enterprise_id])
        Product.objects.bulk_update(products, SYNCED_FIELDS, batch_size=_CHUNK)
        index.product_indexed(products)
        saved += len(products)
    return saved


def _enterprises(ids: list[int]) -> dict[int, Enterprise]:
    queryset = Enterprise.objects.filter(pk__in=ids).select_related(
        "village__parent__parent__parent", "sentra"
    )
    return {e.pk: e for e in queryset}
