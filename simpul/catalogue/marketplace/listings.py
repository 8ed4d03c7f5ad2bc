"""Which products may go into a marketplace file, and their values as the files need them.

A product is listable when its owner has published it and the Dinas has not hidden it;
the public feeds take only products that are also public (`is_public`: a verified
enterprise). Every selection is bounded by MAX_PRODUCTS and never leaves the
enterprise or sentra it was asked for, whatever ids the request carries."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from ..models import Product, ProductPhoto

MAX_PRODUCTS = 5000  # per file and per page; Shopee and Tokopedia take far fewer per upload
Cell = str | int | Decimal | None


def listable(products: QuerySet[Product]) -> QuerySet[Product]:
    return products.filter(is_published=True, hidden_at__isnull=True)


def bounded(products: QuerySet[Product]) -> QuerySet[Product]:
    """Oldest first, as a shop usually lists them, and never more than MAX_PRODUCTS."""
    return products.order_by("id")[:MAX_PRODUCTS]


def parse_ids(values: Iterable[str]) -> set[int]:
    """Product ids from checkboxes; anything that is not a positive number is dropped,
    and no more than MAX_PRODUCTS are read (a forged form cannot make the query huge)."""
    ids: set[int] = set()
    for value in values:
        value = value.strip()
        if value.isdigit() and len(value) < 19:
            ids.add(int(value))
            if len(ids) >= MAX_PRODUCTS:
                break
    return ids


def selected(products: QuerySet[Product], ids: set[int]) -> QuerySet[Product]:
    """The chosen products among `products` (already limited to the enterprise or sentra),
    so an id from elsewhere simply selects nothing."""
    return products.filter(pk__in=ids)


def product_path(product: Product) -> str:
    """The public product page."""
    return reverse("catalogue:product", args=[product.public_key, product.slug])


@dataclass(frozen=True)
class Listing:
    """One product with absolute URLs, ready for any file."""

    product: Product
    link: str
    photos: tuple[str, ...]  # the large photos, cover first
    brand: str

    @property
    def price(self) -> int | None:
        # A range is listed at its lowest price: marketplaces take one price per product.
        return self.product.price_min

    @property
    def in_stock(self) -> bool:
        # No stock figure means made to order, which IKM usually are: available.
        return self.product.stock is None or self.product.stock > 0

    @property
    def description(self) -> str:
        return self.product.description.strip() or self.product.name


def listings(products: QuerySet[Product], absolute: Callable[[str], str]) -> Iterator[Listing]:
    """`absolute` turns a path into a full URL (request.build_absolute_uri)."""
    photos = Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))
    rows = products.select_related("enterprise").prefetch_related(photos)
    for product in rows:
        yield Listing(
            product=product,
            link=absolute(product_path(product)),
            photos=tuple(absolute(p.share_url) for p in product.photos.all()),
            brand=product.enterprise.name,
        )


def _weight_kg(listing: Listing) -> Decimal | None:
    grams = listing.product.weight_grams
    if grams is None:
        return None
    kg = (Decimal(grams) / 1000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return max(kg, Decimal("0.01")) if grams else kg  # 3 g is listed as 0.01 kg, not 0


_SOURCES: dict[str, Callable[[Listing], Any]] = {
    "name": lambda item: item.product.name,
    "description": lambda item: item.product.description,
    "sku": lambda item: item.product.sku,
    "price": lambda item: item.price,
    "stock": lambda item: item.product.stock,
    "min_order": lambda item: item.product.min_order,
    "weight_grams": lambda item: item.product.weight_grams,
    "weight_kg": _weight_kg,
}


def source_value(listing: Listing, source: str) -> Cell:
    """The value a layout column's `source` names (see layouts.SOURCE_NAMES)."""
    if not source:
        return None
    if source.startswith("const:"):
        return source.removeprefix("const:")
    if source.startswith("photo:"):
        number = int(source.removeprefix("photo:"))
        return listing.photos[number - 1] if number <= len(listing.photos) else None
    return _SOURCES[source](listing)
