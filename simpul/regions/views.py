"""Public htmx fragments for picking a region level by level."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from simpul.regions.models import Region
from simpul.regions.regionfile import is_region_code, level_of
from simpul.regions.selectors import region_children

PLACEHOLDERS = {
    Region.Level.PROVINCE: _("— Pilih provinsi —"),
    Region.Level.REGENCY: _("— Pilih kabupaten/kota —"),
    Region.Level.DISTRICT: _("— Pilih kecamatan —"),
    Region.Level.VILLAGE: _("— Pilih desa/kelurahan —"),
}


@require_GET
@cache_control(public=True, max_age=3600)
def region_options(request: HttpRequest) -> HttpResponse:
    """`?parent=<code>&level=<n>`: the `<option>`s of the children of `parent` (the
    provinces when there is no parent and level is 1). A bad parent gives only the
    placeholder, so a reset picker simply empties."""
    parent = request.GET.get("parent", "").strip()
    level = _requested_level(request.GET.get("level", ""), parent)
    return render(
        request,
        "regions/_options.html",
        {"placeholder": PLACEHOLDERS[level], "regions": _options(parent, level)},
    )


def _requested_level(raw: str, parent: str) -> Region.Level:
    if raw.isdigit() and int(raw) in Region.Level.values:
        return Region.Level(int(raw))
    if is_region_code(parent) and level_of(parent) < Region.Level.VILLAGE:
        return Region.Level(level_of(parent) + 1)
    return Region.Level.PROVINCE


def _options(parent: str, level: Region.Level) -> list[Region]:
    if not parent:
        return list(region_children(parent_code=None)) if level == Region.Level.PROVINCE else []
    if not is_region_code(parent) or level_of(parent) + 1 != level:
        return []
    return list(region_children(parent_code=parent).only("code", "name"))
