"""The four downloadable files, built from a selection of products, and their audit."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from simpul.core.audit import Provenance, record_change

from ..models import Product
from . import writers
from .layouts import load_layout
from .listings import bounded, listings

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AUDIT_ACTION = "marketplace_file"


@dataclass(frozen=True)
class FileFormat:
    slug: str
    label: str
    extension: str
    content_type: str
    public_only: bool  # a feed is public-facing: only products the public may see


FORMATS = {
    f.slug: f
    for f in (
        FileFormat("shopee", "Shopee (XLSX)", "xlsx", XLSX_TYPE, False),
        FileFormat("tokopedia", "Tokopedia (XLSX)", "xlsx", XLSX_TYPE, False),
        FileFormat("google", "Google Merchant (XML)", "xml", "application/xml", True),
        FileFormat("meta", "Facebook & Instagram (CSV)", "csv", "text/csv; charset=utf-8", True),
    )
}


@dataclass(frozen=True)
class BuiltFile:
    content: bytes
    filename: str
    content_type: str
    count: int  # products in the file


def build_file(
    fmt: FileFormat,
    products: QuerySet[Product],
    *,
    absolute: Callable[[str], str],
    title: str,
) -> BuiltFile:
    """`products` is already the caller's selection; feeds keep only public products."""
    if fmt.public_only:
        products = products.filter(is_public=True)
    items = listings(bounded(products), absolute)
    out = io.BytesIO()
    if fmt.slug == "google":
        count = writers.write_google_feed(
            items, out, title=title, link=absolute("/"), description=f"Produk {title}"
        )
    elif fmt.slug == "meta":
        count = writers.write_meta_csv(items, out)
    else:
        count = writers.write_workbook(load_layout(fmt.slug), items, out)
    stamp = timezone.localdate().isoformat()
    name = f"{fmt.slug}-{slugify(title)[:50] or 'produk'}-{stamp}.{fmt.extension}"
    return BuiltFile(out.getvalue(), name, fmt.content_type, count)


@transaction.atomic
def record_download(
    *, instance: models.Model, provenance: Provenance, fmt: FileFormat, count: int
) -> None:
    """Who took which file of which enterprise or sentra, with how many products."""
    record_change(
        instance=instance,
        action=AUDIT_ACTION,
        provenance=provenance,
        changes={"products": [None, count]},
        note=f"{fmt.label}: {count} produk",
    )
