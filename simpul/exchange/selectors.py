"""Reads for the exchange (export) pages. Every function takes the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from simpul.core.scope import RegionScope
from simpul.registry.models import Enterprise

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
