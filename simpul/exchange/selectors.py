"""Reads for the exchange pages (export and import). Every function takes the caller's
scope, or an object that was fetched through it."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from simpul.core.scope import RegionScope, scoped_get_or_404
from simpul.registry.models import Enterprise

from .models import ImportBatch, ImportRow

# What one export row needs, and nothing more: in particular never the NIK ciphertext.
EXPORT_COLUMNS = (
    "id",
    "public_key",
    "name",
    "legal_form",
    "nib",
    "address",
    "latitude",
    "longitude",
    "kbli",
    "products",
    "year_started",
    "workers_male",
    "workers_female",
    "workers_unspecified",
    "investment_value",
    "production_capacity",
    "production_value",
    "annual_sales",
    "status",
    "size_class_permenperin",
    "size_class_pp7",
    "updated_at",
    "regency_code",
    "district_code",
    "village",
    "village__name",
    "owner",
    "owner__full_name",
    "owner__nik_masked",
    "owner__phone",
    "owner__email",
    "sentra",
    "sentra__name",
)


def enterprise_export(
    *, scope: RegionScope, queryset: QuerySet[Enterprise], ordering: Sequence[str]
) -> QuerySet[Enterprise]:
    """The filtered list, ready to stream: related rows joined instead of fetched one by
    one. The scope is applied again here, so an export can never leave the jurisdiction
    even if a caller passes a queryset built some other way."""
    return (
        scope.apply(queryset)
        .select_related("village", "owner", "sentra")
        .only(*EXPORT_COLUMNS)
        .order_by(*ordering)
    )


# --- import batches ------------------------------------------------------------------------

# What the officer can filter the preview rows by (?hasil=…): an outcome, or "warning"
# for rows that will be written but carry a warning.
ROW_RESULTS = ("new", "update", "unchanged", "duplicate", "error", "warning")


def import_batches(*, scope: RegionScope) -> QuerySet[ImportBatch]:
    """Batches of the offices inside the caller's jurisdiction, newest first."""
    return scope.apply(ImportBatch.objects.select_related("office", "created_by")).order_by(
        "-created_at", "-id"
    )


def import_batch_get(*, scope: RegionScope, key: str) -> ImportBatch:
    """One batch by its URL key; a batch outside the scope is a 404 like a missing one."""
    return scoped_get_or_404(
        scope, ImportBatch.objects.select_related("office", "created_by"), key=key
    )


def import_rows(*, batch: ImportBatch, result: str = "") -> QuerySet[ImportRow]:
    """The preview rows of a batch, optionally only one outcome (see ROW_RESULTS)."""
    rows = ImportRow.objects.filter(batch=batch)
    if result == "warning":
        return rows.exclude(warnings=[])
    if result in ROW_RESULTS:
        return rows.filter(action=result)
    return rows
