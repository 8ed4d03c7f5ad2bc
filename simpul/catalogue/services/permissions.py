"""Who may change which product. The same rules hide buttons in the views; the services
enforce them, so a forged request changes nothing."""

from __future__ import annotations

from typing import Any

from simpul.core.scope import RegionScope
from simpul.registry.models import Enterprise
from simpul.registry.services.permissions import STAFF_WRITERS, is_own, require

from ..models import Product

__all__ = ["can_curate", "can_manage_products", "require"]


def can_manage_products(user: Any, enterprise: Enterprise) -> bool:
    """The owner of the enterprise (in any status: products wait, unseen, until the
    enterprise is verified), or an officer whose jurisdiction holds it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.role in STAFF_WRITERS:
        return RegionScope.for_user(user).covers_region(enterprise.region_code)
    return user.is_owner and is_own(user, enterprise)


def can_curate(user: Any, product: Product) -> bool:
    """Featuring and hiding are the Dinas's decisions, inside its jurisdiction."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_WRITERS:
        return False
    return RegionScope.for_user(user).covers_region(product.region_code)
