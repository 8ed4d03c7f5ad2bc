"""Index maintenance behind one interface: services call these after saving products;
the backend for the connection decides what they do (see backends)."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Product
from .backends import backend


def product_indexed(products: Iterable[Product]) -> None:
    backend().index(list(products))


def product_removed(product_ids: Iterable[int]) -> None:
    backend().remove(list(product_ids))
