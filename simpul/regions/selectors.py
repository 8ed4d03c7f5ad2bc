"""Reads of the region tree. Region data is public, so nothing here is scoped."""

from django.db.models import QuerySet

from simpul.regions.models import Region
from simpul.regions.regionfile import ancestor_codes, is_region_code


def region_children(*, parent_code: str | None) -> QuerySet[Region]:
    """Direct children of `parent_code`, or the provinces when it is None."""
    if parent_code is None:
        return Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")
    return Region.objects.filter(parent_id=parent_code).order_by("code")


def region_lookup(code: str) -> Region | None:
    if not is_region_code(code):
        return None
    return Region.objects.filter(code=code).first()


def region_path(code: str) -> list[Region]:
    """The chain province → … → the region itself; empty when the code is unknown."""
    codes = ancestor_codes(code)
    if not codes:
        return []
    regions = list(Region.objects.filter(code__in=codes).order_by("level"))
    if not regions or regions[-1].code != code:
        return []
    return regions
