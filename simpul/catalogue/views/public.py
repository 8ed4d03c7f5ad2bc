"""The public catalogue: search without login and the product page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from simpul.registry.models import Sentra

from .. import seo
from ..choices import CertificationKind, SearchSort
from ..search.query import MAX_PAGE, PRICE_BANDS, CatalogueQuery, CatalogueResults, search_products
from ..selectors import public as selectors

REGION_RE = re.compile(r"^\d{2}(\.\d{2})?$")
KEY_RE = re.compile(r"^[0-9a-z]{8}$")
MAX_QUERY_CHARS = 100
PAGE_SIZE = 24


def price_band_labels() -> dict[str, str]:
    labels = {}
    for value, low, high in PRICE_BANDS:
        if high is None:
            labels[value] = _("Di atas Rp%(low)s") % {"low": f"{low:,}".replace(",", ".")}
        else:
            labels[value] = _("Rp%(low)s–Rp%(high)s") % {
                "low": f"{low:,}".replace(",", "."),
                "high": f"{high:,}".replace(",", "."),
            }
    return labels


def _page_number(raw: str) -> int:
    """A page number from the URL; anything unreadable or out of range is a 404."""
    if not raw:
        return 1
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404
    return int(raw)


def parse_query(params: QueryDict) -> tuple[CatalogueQuery, Sentra | None]:
    """The search from the URL. Unknown filter values are dropped (never an error page):
    an old or hand-edited link still shows products."""
    region = params.get("region", "").strip()
    kbli = params.get("kbli", "").strip()
    cert = params.get("cert", "").strip()
    price = params.get("price", "").strip()
    sort = params.get("sort", "").strip()
    sentra = None
    if KEY_RE.match(params.get("sentra", "")):
        sentra = Sentra.objects.filter(public_key=params["sentra"]).only("id", "name").first()
    query = CatalogueQuery(
        text=params.get("q", "").strip()[:MAX_QUERY_CHARS],
        region=region if REGION_RE.match(region) else "",
        kbli_division=kbli if re.fullmatch(r"\d{2}", kbli) else "",
        certification=cert if cert in CertificationKind.values else "",
        sentra_id=sentra.pk if sentra else None,
        price_band=price if price in {b[0] for b in PRICE_BANDS} else "",
        sort=sort if sort in SearchSort.values else SearchSort.RELEVANCE,
        page=_page_number(params.get("page", "").strip()),
        page_size=PAGE_SIZE,
    )
    return query, sentra


def with_params(params: QueryDict, **changes: str | int | None) -> str:
    """`?…` for the current search with some parameters changed (None removes one)."""
    updated = params.copy()
    for name, value in changes.items():
        if value is None:
            updated.pop(name, None)
        else:
            updated[name] = str(value)
    return f"?{updated.urlencode()}" if updated else "?"


@dataclass
class FacetLink:
    url: str
    label: str
    count: int
    selected: bool


def facet_groups(results: CatalogueResults, params: QueryDict) -> list[tuple[str, list[FacetLink]]]:
    """The facets with readable labels; names come from one query per facet kind."""
    query, facets = results.query, results.facets
    region_values = [f.value for f in facets.get("region", [])]
    regions = selectors.region_names([*region_values, query.region])
    kblis = selectors.kbli_titles(f.value for f in facets.get("kbli", []))
    sentras = selectors.sentra_labels(f.value for f in facets.get("sentra", []))
    certs = {k: str(v) for k, v in CertificationKind.choices}
    prices = price_band_labels()

    def links(
        name: str, param: str, labels: dict[str, str], current: str, values: dict | None = None
    ) -> list[FacetLink]:
        out = []
        for f in facets.get(name, []):
            if (label := labels.get(f.value)) is None:
                continue  # a value without a name (a deleted sentra): not offered
            value = (values or {}).get(f.value, f.value)
            selected = value == current
            url = with_params(params, page=None, **{param: None if selected else value})
            out.append(FacetLink(url, label, f.count, selected))
        return out

    kbli_labels = {code: f"{code} · {title.capitalize()}" for code, title in kblis.items()}
    sentra_names = {pk: s.name for pk, s in sentras.items()}
    sentra_keys = {pk: s.public_key for pk, s in sentras.items()}
    current_sentra = sentra_keys.get(str(query.sentra_id), "")
    region_links = links("region", "region", regions, query.region)
    if query.region and query.region not in region_values and query.region in regions:
        # A province is chosen and its regencies are offered: show the province as chosen.
        url = with_params(params, page=None, region=None)
        region_links.insert(0, FacetLink(url, regions[query.region], results.total, True))
    groups = [
        (_("Wilayah"), region_links),
        (_("KBLI"), links("kbli", "kbli", kbli_labels, query.kbli_division)),
        (_("Sertifikasi"), links("certification", "cert", certs, query.certification)),
        (_("Sentra"), links("sentra", "sentra", sentra_names, current_sentra, sentra_keys)),
        (_("Harga"), links("price", "price", prices, query.price_band)),
    ]
    return [(title, items) for title, items in groups if items]


class CatalogueView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        query, sentra = parse_query(request.GET)
        results = search_products(query)
        if query.page > 1 and not results.products:
            raise Http404
        selectors.with_card_data(results.products)
        context = {
            "results": results,
            "query": query,
            "sentra": sentra,
            "facet_groups": facet_groups(results, request.GET),
            "sorts": SearchSort.choices,
            "prev_url": with_params(request.GET, page=query.page - 1) if query.page > 1 else "",
            "next_url": (
                with_params(request.GET, page=query.page + 1)
                if results.has_next and query.page < MAX_PAGE
                else ""
            ),
            "filtered": any(
                [query.region, query.kbli_division, query.certification, sentra, query.price_band]
            ),
            "examples": ["keripik pisang", "kopi robusta lampung", "kain tapis", "sambal"],
        }
        template = "catalogue/public/search.html"
        if request.htmx and request.htmx.target == "katalog-hasil":
            template = "catalogue/public/_results.html"
        return render(request, template, context)


class ProductView(View):
    def get(self, request: HttpRequest, key: str, slug: str = "") -> HttpResponse:
        product = selectors.product_public_get(key=key)
        if slug != product.slug:
            return redirect("catalogue:product", key=key, slug=product.slug, permanent=True)
        today = timezone.localdate()
        photos = list(product.photos.all())
        context = {
            "product": product,
            "enterprise": product.enterprise,
            "photos": photos,
            "certifications": [(c, c.is_valid_on(today)) for c in product.certifications.all()],
            "links": list(product.marketplace_links.all()),
            "region_names": _region_chain(product),
            "canonical_url": seo.product_url(request, product),
            "og_image": request.build_absolute_uri(photos[0].share_url) if photos else "",
            "jsonld": seo.json_ld(seo.product_jsonld(request, product)),
            "whatsapp_url": seo.product_whatsapp_url(request, product),
        }
        return render(request, "catalogue/public/product.html", context)


def _region_chain(product) -> list[str]:
    """Village, district, regency, province names (loaded with the product)."""
    names, region = [], product.village
    while region is not None:
        names.append(region.name)
        region = region.parent
    if not names:  # no village yet: the regency and province the product is filed under
        found = selectors.region_names([product.regency_code, product.province_code])
        names = [found[c] for c in (product.regency_code, product.province_code) if c in found]
    return names
