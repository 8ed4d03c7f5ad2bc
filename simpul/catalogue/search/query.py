"""The public catalogue search: one interface, whatever the database.

`search_products(CatalogueQuery(...))` returns one page of public products, the total,
the facet counts and, when a word was corrected, the corrected query. Only public
products are ever searched (`is_public`: published, not hidden, enterprise verified)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from ..choices import CertificationKind, SearchSort
from ..models import Product
from .text import normal_words

MAX_PAGE_SIZE = 48
MAX_PAGE = 100  # deeper pages are refused: refine the search instead (no crawling)
PRICE_BANDS = (  # (label value, low, high) in whole Rupiah
    ("0-25000", 0, 25_000),
    ("25000-100000", 25_000, 100_000),
    ("100000-500000", 100_000, 500_000),
    ("500000-", 500_000, None),
)


@dataclass(frozen=True)
class CatalogueQuery:
    text: str = ""
    region: str = ""  # a province or regency code: '18', '18.71'
    kbli_division: str = ""  # KBLI golongan pokok: '10'
    certification: str = ""  # a CertificationKind value
    sentra_id: int | None = None
    price_band: str = ""  # one of PRICE_BANDS' values
    sort: str = SearchSort.RELEVANCE
    page: int = 1
    page_size: int = 24

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    label: str = ""


@dataclass
class CatalogueResults:
    query: CatalogueQuery
    products: list[Product]
    total: int
    has_next: bool
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    corrected_text: str = ""  # the query as searched when words were corrected


def public_products() -> QuerySet[Product]:
    return Product.objects.filter(is_public=True)


def apply_filters(queryset: QuerySet[Product], query: CatalogueQuery) -> QuerySet[Product]:
    """The facet filters (everything but the words)."""
    if len(query.region) == 2:
        queryset = queryset.filter(province_code=query.region)
    elif len(query.region) == 5:
        queryset = queryset.filter(regency_code=query.region)
    elif query.region:
        return queryset.none()
    if query.kbli_division:
        queryset = queryset.filter(kbli_division=query.kbli_division)
    if query.certification in CertificationKind.values:
        queryset = queryset.filter(cert_kinds__contains=f",{query.certification},")
    if query.sentra_id:
        queryset = queryset.filter(sentra_id=query.sentra_id)
    band = next((b for b in PRICE_BANDS if b[0] == query.price_band), None)
    if band:
        queryset = queryset.filter(price_min__gte=band[1])
        if band[2] is not None:
            queryset = queryset.filter(price_min__lt=band[2])
    return queryset


def facet_counts(queryset: QuerySet[Product], query: CatalogueQuery) -> dict[str, list[FacetValue]]:
    """Counts per facet value over the matching products (bounded GROUP BYs)."""
    region_column = "regency_code" if query.region else "province_code"
    facets = {
        "region": _group(queryset, region_column),
        "kbli": _group(queryset, "kbli_division"),
        "sentra": _group(queryset.exclude(sentra=None), "sentra_id"),
    }
    kinds = CertificationKind.values
    certs = queryset.aggregate(
        **{k: Count("id", filter=Q(cert_kinds__contains=f",{k},")) for k in kinds}
    )
    facets["certification"] = [FacetValue(k, n) for k, n in certs.items() if n]
    prices = queryset.aggregate(**{b[0]: Count("id", filter=_band_q(b)) for b in PRICE_BANDS})
    facets["price"] = [FacetValue(k, n) for k, n in prices.items() if n]
    return facets


def _band_q(band: tuple[str, int, int | None]) -> Q:
    q = Q(price_min__gte=band[1])
    return q & Q(price_min__lt=band[2]) if band[2] is not None else q


def _group(queryset: QuerySet[Product], column: str, limit: int = 40) -> list[FacetValue]:
    rows = (
        queryset.order_by()
        .values(column)
        .annotate(n=Count("id"))
        .exclude(**{column: ""})
        .order_by("-n")[:limit]
    )
    return [FacetValue(str(row[column]), row["n"]) for row in rows if row[column] is not None]


def order(queryset: QuerySet[Product], sort: str) -> QuerySet[Product]:
    if sort == SearchSort.PRICE_LOW:
        return queryset.order_by("price_min", "id")
    if sort == SearchSort.PRICE_HIGH:
        return queryset.order_by("-price_max", "id")
    return queryset.order_by("-published_at", "-id")


def search_products(query: CatalogueQuery) -> CatalogueResults:
    """Plain word matching on the normalised document (every word must occur), newest
    first. The database backends replace the matching and the ranking."""
    queryset = apply_filters(public_products(), query)
    for word in normal_words(query.text):
        queryset = queryset.filter(search_document__contains=word)
    total = queryset.count()
    page = list(
        order(queryset, query.sort).select_related("enterprise")[
            query.offset : query.offset + query.page_size
        ]
    )
    return CatalogueResults(
        query=query,
        products=page,
        total=total,
        has_next=query.offset + len(page) < total,
        facets=facet_counts(queryset, query),
    )
