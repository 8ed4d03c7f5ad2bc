"""Jurisdiction: a user reads the indicators of regions inside their scope only."""

from __future__ import annotations

import pytest
from django.http import Http404

from simpul.core.scope import RegionScope
from simpul.insights import selectors as s

pytestmark = pytest.mark.django_db

READERS = [
    s.count_indicators,
    s.figure_indicators,
    s.distribution,
    s.programme_reach,
    s.target_progress,
    s.sales_fell_twice,
    s.sales_fall_count,
]


@pytest.mark.parametrize("reader", READERS)
def test_regency_office_cannot_read_another_regency(dataset, officer, reader):
    scope = RegionScope.for_user(officer)  # Kota Bandar Lampung, 18.71
    reader(scope=scope, region="18.71", year=2025)
    for region in ("18.04", "18.04.01", "18", "", "32.73", "18.99"):
        with pytest.raises(Http404):
            reader(scope=scope, region=region, year=2025)


@pytest.mark.parametrize("reader", READERS)
def test_owner_and_anonymous_read_nothing(dataset, owner_user, reader):
    for scope in (RegionScope.for_user(owner_user), RegionScope(prefix=None)):
        with pytest.raises(Http404):
            reader(scope=scope, region="18.71", year=2025)


def test_drill_list_stays_inside_the_scope(dataset, officer):
    scope = RegionScope.for_user(officer)
    # Asking for the province's verified list gives only the officer's regency.
    rows = s.drill_list(scope=scope, drill=s.Drill("18", "verified", 2025))
    assert set(rows.values_list("name", flat=True)) == {"E1", "E2", "E3", "E4", "E6"}
    assert not s.drill_list(scope=scope, drill=s.Drill("18.04", "verified", 2025)).exists()
    assert not s.drill_list(scope=RegionScope(prefix=None), drill=s.Drill("", "verified", 2025))


def test_province_reads_its_regencies(dataset, make_user, offices):
    analyst = make_user("analis.18@uji.id", "analyst", offices["18"])
    scope = RegionScope.for_user(analyst)
    assert s.count_indicators(scope=scope, region="18.04", year=2025).verified.value == 4
    with pytest.raises(Http404):
        s.count_indicators(scope=scope, region="32", year=2025)
