"""sitemap.xml (an index of paginated sections) and robots.txt.

Only what the public pages show is listed: public products, verified enterprises, sentra
and the list pages. Each section is split into files of `LIMIT` addresses; the index
lists the files, so a national catalogue of millions of products stays crawlable."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from simpul.registry.models import Enterprise, Sentra

from ..models import Product
from ..selectors.public import verified_enterprises
from .directory import sentra_slug

LIMIT = 5_000  # addresses per sitemap file (the protocol allows 50,000)


class ProductSitemap(Sitemap):
    limit = LIMIT

    def items(self):
        return (
            Product.objects.filter(is_public=True)
            .only("id", "public_key", "name", "updated_at")
            .order_by("id")
        )

    def location(self, item: Product) -> str:
        return reverse("catalogue:product", args=[item.public_key, item.slug])

    def lastmod(self, item: Product):
        return item.updated_at


class EnterpriseSitemap(Sitemap):
    limit = LIMIT

    def items(self):
        return verified_enterprises().only("id", "public_key", "name", "updated_at").order_by("id")

    def location(self, item: Enterprise) -> str:
        return reverse("public:profile", args=[item.public_key, item.slug])

    def lastmod(self, item: Enterprise):
        return item.updated_at


class SentraSitemap(Sitemap):
    limit = LIMIT

    def items(self):
        return Sentra.objects.only("id", "public_key", "name").order_by("id")

    def location(self, item: Sentra) -> str:
        return reverse("catalogue:sentra", args=[item.public_key, sentra_slug(item)])


class PagesSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["public:home", "catalogue:search", "catalogue:directory", "catalogue:sentra_list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "halaman": PagesSitemap,
    "produk": ProductSitemap,
    "ikm": EnterpriseSitemap,
    "sentra": SentraSitemap,
}

# Staff, owner, import and account pages and htmx fragments: nothing for a search engine.
DISALLOWED = (
    "/kelola/",
    "/ikm/",
    "/impor/",
    "/akun/",
    "/django-admin/",
    "/usaha/",
    "/wilayah/",
    "/kbli/",
    "/i18n/",
)


@require_GET
@cache_control(max_age=86_400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in DISALLOWED),
        f"Sitemap: {request.build_absolute_uri(reverse('catalogue:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
