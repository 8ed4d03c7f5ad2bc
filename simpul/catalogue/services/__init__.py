"""Writes to the catalogue. Every function is keyword-only, atomic and audited; views and
the demo call these and never save catalogue models themselves."""

from .curation import product_feature, product_hide, product_unhide
from .details import (
    certification_add,
    certification_remove,
    clean_marketplace_url,
    marketplace_link_add,
    marketplace_link_remove,
)
from .permissions import can_curate, can_manage_products
from .photos import photo_add, photo_remove
from .products import product_create, product_delete, product_publish, product_update
from .sync import products_sync

__all__ = [
    "can_curate",
    "can_manage_products",
    "certification_add",
    "certification_remove",
    "clean_marketplace_url",
    "marketplace_link_add",
    "marketplace_link_remove",
    "photo_add",
    "photo_remove",
    "product_create",
    "product_delete",
    "product_feature",
    "product_hide",
    "product_publish",
    "product_unhide",
    "product_update",
    "products_sync",
]
