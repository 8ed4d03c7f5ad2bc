"""Reads for product management and curation. Every function takes the caller's scope:
an owner sees the products of their own enterprises, staff those inside their
jurisdiction; anything else is a 404, never a 403, so ids reveal nothing."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.registry.models import Enterprise

from ..models import Product, ProductPhoto

# Newest first; the id breaks ties so that keyset pagination has a total order.
PRODUCT_ORDERING = ["-id"]
CURATION_SHOWS = ("publik", "unggulan", "tersembunyi")


def _with_thumbnails(queryset: QuerySet[Product]) -> QuerySet[Product]:
    photos = ProductPhoto.objects.only("id", "product_id", "position", "thumbnail", "alt_text")
    return queryset.prefetch_related(Prefetch("photos", queryset=photos))


def enterprise_products(*, scope: RegionScope, enterprise: Enterprise) -> QuerySet[Product]:
    """The products of one enterprise, as far as the scope lets the caller see them."""
    queryset = scope.apply(Product.objects.filter(enterprise=enterprise))
    return _with_thumbnails(queryset.select_related("enterprise"))


def product_get(*, scope: RegionScope, pk: int) -> Product:
    queryset = Product.objects.select_related(
        "enterprise__owner", "enterprise__kbli", "kbli", "hidden_by"
    ).prefetch_related("photos", "certifications", "marketplace_links")
    return scoped_get_or_404(scope, queryset, pk=pk)


def curation_products(*, scope: RegionScope, show: str = "publik", name: str = "") -> QuerySet:
    """What a Dinas curates: public products (or the featured, or the hidden ones) inside
    its jurisdiction. Owners have no curation scope and get nothing."""
    if not scope.is_staff_scope:
        return Product.objects.none()
    queryset = scope.apply(Product.objects.all())
    if show == "tersembunyi":
        queryset = queryset.filter(hidden_at__isnull=False)
    elif show == "unggulan":
        queryset = queryset.filter(is_public=True, featured_at__isnull=False)
    else:
        queryset = queryset.filter(is_public=True)
    name = name.strip()
    if name:
        queryset = queryset.filter(name__icontains=name)
    return _with_thumbnails(queryset.select_related("enterprise", "hidden_by"))
