from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from simpul.regions.selectors import region_path
from simpul.registry import selectors
from simpul.registry.sizeclass import classify_permenperin, classify_pp7


class PublicProfileView(View):
    def get(self, request: HttpRequest, key: str, slug: str = "") -> HttpResponse:
        enterprise = selectors.enterprise_public_get(key=key)
        if slug != enterprise.slug:
            return redirect("public:profile", key=key, slug=enterprise.slug, permanent=True)
        return render(
            request,
            "registry/public_profile.html",
            {
                "enterprise": enterprise,
                "region_path": region_path(enterprise.village_id or ""),
                "size_permenperin": classify_permenperin(
                    workers=enterprise.workers_total, investment=enterprise.investment_value
                ),
                "size_pp7": classify_pp7(
                    capital=enterprise.business_capital, sales=enterprise.annual_sales
                ),
            },
        )


class HomeView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "public/home.html",
            {
                "recent": selectors.enterprise_public_recent()[:12],
            },
        )
