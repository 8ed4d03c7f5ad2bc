"""Recompute every rollup from scratch, set-based: each table is filled by a few
INSERT … SELECT … GROUP BY statements that the database runs on its own (no row passes
through Python), so a national rebuild costs a handful of scans of the registry and the
yearly figures."""

from __future__ import annotations

from django.db import transaction
from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Concat

from simpul.insights.models import (
    FIGURE_MEASURES,
    EnterpriseKey,
    EnterpriseRollup,
    FigureCellLock,
    FigureRollup,
)
from simpul.registry.models import Enterprise

from .figures import counted_figures, measure_aggregates
from .keys import KEY_FIELDS, keyed
from .upsert import insert_select

_TEXT = CharField()

# Per level: the region code, the parent code (over a path prefix to the key columns)
# and the filter that leaves out enterprises not located that deep.
_LEVELS = (
    (lambda p: Value("", _TEXT), lambda p: Value(None, _TEXT), Q()),
    (lambda p: F(p + "province_code"), lambda p: Value("", _TEXT), ~Q(province_code="")),
    (lambda p: F(p + "regency_code"), lambda p: F(p + "province_code"), ~Q(regency_code="")),
    (lambda p: F(p + "district_code"), lambda p: F(p + "regency_code"), ~Q(district_code="")),
)

_FACET_VALUES = {
    "all": Value(""),
    "gp": F("gp"),
    "size_perm": F("size_perm"),
    "size_pp7": F("size_pp7"),
    "owner_gender": F("owner_gender"),
    "area": F("area"),
    "gp_size_perm": Concat("gp", Value("|"), "size_perm"),
    "gp_size_pp7": Concat("gp", Value("|"), "size_pp7"),
}


def _enterprise_rollups() -> None:
    for region, parent, located in _LEVELS:
        for facet, value in _FACET_VALUES.items():
            rows = (
                EnterpriseKey.objects.filter(located)
                .order_by()
                .values(
                    r_region=region(""),
                    r_facet=Value(facet, output_field=_TEXT),
                    r_value=value,
                    r_status=F("status"),
                    r_registered=F("registered_year"),
                    r_verified=F("verified_year"),
                    r_parent=parent(""),
                )
                .annotate(r_count=Count("pk"))
            )
            columns = ("region_code", "facet", "value", "status", "registered_year")
            columns += ("verified_year", "parent_code", "count")
            insert_select(EnterpriseRollup, columns, rows)


def _figure_rollups() -> None:
    path = "enterprise__insights_key__"
    for region, parent, _located in _LEVELS:  # counted figures always have a district
        rows = (
            counted_figures()
            .order_by()
            .values(
                r_region=region(path),
                r_gp=F(path + "gp"),
                r_year=F("year"),
                r_parent=parent(path),
            )
            .annotate(**measure_aggregates())
        )
        columns = ("region_code", "gp", "year", "parent_code", *FIGURE_MEASURES)
        insert_select(FigureRollup, columns, rows)


def rebuild() -> None:
    with transaction.atomic():
        for model in (EnterpriseRollup, FigureRollup, FigureCellLock, EnterpriseKey):
            model.objects.all()._raw_delete(model.objects.db)
        insert_select(EnterpriseKey, ("enterprise_id", *KEY_FIELDS), keyed(Enterprise.objects))
        _enterprise_rollups()
        _figure_rollups()
