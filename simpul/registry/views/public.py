from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from simpul.catalogue import seo
from simpul.catalogue.selectors import public as catalogue
from simpul.registry import selectors

from .wizard import profile_context


class PublicProfileView(View):
    def get(self, request: HttpRequest, key: str, slug: str = "") -> HttpResponse:
        enterprise = selectors.enterprise_public_get(key=key)
        if slug != enterprise.slug:
            return redirect("public:profile", key=key, slug=enterprise.slug, permanent=True)
        # The region and the size verdicts only: nothing about the owner.
        context = {"enterprise": enterprise, **profile_context(enterprise)}
        products = catalogue.enterprise_products(enterprise)
        first_photo = next((p.photos.all()[0] for p in products if p.photos.all()), None)
        context |= {
            "products": products,
            "canonical_url": seo.profile_url(request, enterprise),
            # The JPEG copy: WhatsApp and others do not show a WebP preview.
            "og_image": request.build_absolute_uri(first_photo.share_url) if first_photo else "",
            "jsonld": seo.json_ld(seo.business_jsonld(request, enterprise, context["region_path"])),
            "whatsapp_url": seo.profile_whatsapp_url(request, enterprise),
        }
        return render(request, "registry/public_profile.html", context)


class HomeView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "public/home.html",
            {
                "recent": selectors.enterprise_public_recent()[:12],
                "featured": catalogue.featured_products(),
            },
        )
