"""The public IKM directory and the sentra pages."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views import View

from simpul.core.pagination import paginate_keyset
from simpul.core.scope import RegionScope
from simpul.regions.selectors import region_path

from ..selectors import public as selectors
from ..seo import public_coordinates
from .public import REGION_RE

PER_PAGE = 24


def _filters(request: HttpRequest) -> dict[str, str]:
    """Region, KBLI golongan pokok and name from the URL; malformed values are dropped."""
    kbli = request.GET.get("kbli", "").strip()
    return {
        "region": _region(request.GET.getlist("region")),
        "kbli": kbli if re.fullmatch(r"\d{2}", kbli) else "",
        "q": request.GET.get("q", "").strip()[:80],
    }


def _region(values: list[str]) -> str:
    """The form sends the province and then the regency select. After the visitor picks
    another province the old regency is still sent: it counts only inside the province."""
    codes = [v.strip() for v in values if REGION_RE.match(v.strip())]
    if not codes:
        return ""
    inside = [c for c in codes[1:] if c.startswith(codes[0][:2])]
    return inside[-1] if inside else codes[0]


def _region_choices(region: str) -> dict:
    province = region[:2]
    return {
        "provinces": selectors.provinces(),
        "regencies": selectors.regencies(province) if province else [],
        "province": province,
    }


class DirectoryView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filters = _filters(request)
        queryset = selectors.directory(
            region=filters["region"], kbli_division=filters["kbli"], name=filters["q"]
        )
        page = paginate_keyset(
            queryset, ordering=["name", "id"], cursor=request.GET.get("c"), per_page=PER_PAGE
        )
        selectors.with_regency_names(page.items)
        context = {
            "page": page,
            "filters": filters,
            "query": urlencode({k: v for k, v in filters.items() if v}),
            "kbli_divisions": selectors.kbli_divisions(),
            **_region_choices(filters["region"]),
        }
        return render(request, "catalogue/public/directory.html", context)


class SentraListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filters = _filters(request)
        page = paginate_keyset(
            selectors.sentra_list(region=filters["region"]),
            ordering=["name", "id"],
            cursor=request.GET.get("c"),
            per_page=PER_PAGE,
        )
        selectors.with_regency_names(page.items)
        context = {
            "page": page,
            "filters": filters,
            "query": urlencode({"region": filters["region"]} if filters["region"] else {}),
            **_region_choices(filters["region"]),
        }
        return render(request, "catalogue/public/sentra_list.html", context)


class SentraView(View):
    def get(self, request: HttpRequest, key: str, slug: str = "") -> HttpResponse:
        sentra = selectors.sentra_public_get(key=key)
        if slug != sentra_slug(sentra):
            return redirect("catalogue:sentra", key=key, slug=sentra_slug(sentra), permanent=True)
        members = selectors.sentra_members(sentra)
        points = [
            {
                "name": m.name,
                "lat": point[0],
                "lng": point[1],
                "url": reverse("public:profile", args=[m.public_key, m.slug]),
            }
            for m in members
            if (point := public_coordinates(m))
        ]
        context = {
            "sentra": sentra,
            "members": members,
            "products": selectors.sentra_products(sentra),
            "points": points,
            "region_path": region_path(sentra.region_code),
            "canonical_url": request.build_absolute_uri(
                reverse("catalogue:sentra", args=[sentra.public_key, sentra_slug(sentra)])
            ),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            # The Dinas of the sentra's area gets its marketplace files from here.
            "staff_files": RegionScope.for_user(request.user).covers_region(sentra.region_code),
        }
        return render(request, "catalogue/public/sentra.html", context)


def sentra_slug(sentra) -> str:
    return slugify(sentra.name)[:60] or "sentra"
