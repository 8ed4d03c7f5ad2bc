from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from simpul.registry import selectors

from .wizard import profile_context


class PublicProfileView(View):
    def get(self, request: HttpRequest, key: str, slug: str = "") -> HttpResponse:
        enterprise = selectors.enterprise_public_get(key=key)
        if slug != enterprise.slug:
            return redirect("public:profile", key=key, slug=enterprise.slug, permanent=True)
        # The region and the size verdicts only: nothing about the owner.
        context = {"enterprise": enterprise, **profile_context(enterprise)}
        return render(request, "registry/public_profile.html", context)


class HomeView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "public/home.html",
            {"recent": selectors.enterprise_public_recent()[:12]},
        )
