"""The public catalogue search: one interface, whatever the database.

`search_products(CatalogueQuery(...))` returns one page of public products, the total,
the facet counts and, when a word was corrected, the corrected query. Only public
products are ever searched (`is_public`: published, not hidden, enterprise verified).

Words are matched by the database's backend (backends.py): every query word first; when
nothing matches, unknown words are corrected against the indexed vocabulary; when still
nothing matches, any of the words (`partial`). Facets and filters apply to the matched
set. Every query is bounded: at most MAX_PAGE pages of at most MAX_PAGE_SIZE; counting,
facets and relevance ranking read a window of at most MAX_COUNT + 1 matches (above it,
`total_capped` says "more than")."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.db.models import QuerySet

from ..choices import CertificationKind, SearchSort
from ..models import Product
from .backends import SearchBackend, backend
from .facets import Window, count_and_facets, read_window, relevance_ids
from .text import normal_word, query_words, tokens
from .vocabulary import corrections

MAX_PAGE_SIZE = 48
MAX_PAGE = 100  # deeper pages are refused: refine the search instead (no crawling)
# Counting, facets and relevance ranking read at most this many matches (+1, to know
# there are more): a word found in 100,000 products would otherwise cost reading all of
# their rows. Above it the page says "more than 1.000", facets are those of the window and
# the rank orders the window (docs/search.md). Newest/price sorts order every match.
MAX_COUNT = 1_000
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
    total_capped: bool = False  # more than MAX_COUNT matched; `total` is MAX_COUNT
    partial: bool = False  # no product had every word: products with some of them


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


def order(queryset: QuerySet[Product], sort: str) -> QuerySet[Product]:
    if sort == SearchSort.PRICE_LOW:
        return queryset.order_by("price_min", "id")
    if sort == SearchSort.PRICE_HIGH:
        return queryset.order_by("-price_max", "id")
    return queryset.order_by("-published_at", "-id")


def bounded(query: CatalogueQuery) -> CatalogueQuery:
    """The query with its page and page size inside the limits."""
    page = min(max(int(query.page or 1), 1), MAX_PAGE)
    size = min(max(int(query.page_size or 1), 1), MAX_PAGE_SIZE)
    return dataclasses.replace(query, page=page, page_size=size)


@dataclass
class _Match:
    queryset: QuerySet[Product]
    words: list[str]
    any_word: bool
    window: Window  # facets.read_window's rows
    corrected: dict[str, str] = field(default_factory=dict)


def match_words(
    engine: SearchBackend, queryset: QuerySet[Product], words: list[str], query: CatalogueQuery
) -> _Match:
    """Every word; else every word with unknown ones corrected; else any word."""
    attempt = _try(engine, queryset, words, False, query)
    if len(attempt.window):
        return attempt
    fixed = corrections(engine, words)
    if fixed:
        attempt = _try(engine, queryset, [fixed.get(w, w) for w in words], False, query)
        attempt.corrected = fixed
        if len(attempt.window):
            return attempt
    attempt = _try(engine, queryset, [fixed.get(w, w) for w in words], True, query)
    attempt.corrected = fixed
    return attempt


def _try(
    engine: SearchBackend,
    queryset: QuerySet[Product],
    words: list[str],
    any_word: bool,
    query: CatalogueQuery,
) -> _Match:
    """The matches and their window (ranked when sorting by relevance): reading the
    window also says whether anything matched."""
    matched = engine.match(queryset, words, any_word, query)
    ranked = query.sort == SearchSort.RELEVANCE
    source = engine.ranked(matched, words, any_word) if ranked else matched
    window = read_window(source.order_by(), MAX_COUNT, ranked=ranked)
    return _Match(matched, words, any_word, window)


def corrected_text(text: str, fixed: dict[str, str]) -> str:
    """The query as typed (spelling variants unified) with corrected words replaced."""
    if not fixed:
        return ""
    return " ".join(fixed.get(normal_word(word), word) for word in tokens(text))


def _rows(ids: list[int]) -> list[Product]:
    rows = Product.objects.filter(id__in=ids).select_related("enterprise").in_bulk()
    return [rows[i] for i in ids if i in rows]


def _page(queryset: QuerySet[Product], query: CatalogueQuery) -> list[Product]:
    """The page's ids first (an index-only ordering), then those rows with their
    enterprise: joining the enterprise before the LIMIT would read every match's."""
    end = query.offset + query.page_size
    return _rows(list(queryset.values_list("id", flat=True)[query.offset : end]))


def search_products(query: CatalogueQuery) -> CatalogueResults:
    """One page of public products for the query (see the module docstring)."""
    query = bounded(query)
    filtered = apply_filters(public_products(), query)
    words = query_words(query.text)
    if not words:
        window = read_window(filtered.order_by("-published_at", "-id"), MAX_COUNT)
        return _results(query, window, _page(order(filtered, query.sort), query))
    found = match_words(backend(), filtered, words, query)
    if query.sort == SearchSort.RELEVANCE:
        page = _rows(relevance_ids(found.window, query.offset, query.page_size))
    else:  # newest or price: every match is ordered, not only the window
        page = _page(order(found.queryset, query.sort), query)
    results = _results(query, found.window, page)
    results.corrected_text = corrected_text(query.text, found.corrected)
    results.partial = found.any_word and len(found.words) > 1
    return results


def _results(query: CatalogueQuery, window: Window, page: list[Product]) -> CatalogueResults:
    found, facets = count_and_facets(window, query, PRICE_BANDS)
    total = min(found, MAX_COUNT)
    return CatalogueResults(
        query=query,
        products=page,
        total=total,
        has_next=query.page < MAX_PAGE and query.offset + len(page) < total,
        facets=facets if found else {},
        total_capped=found > MAX_COUNT,
    )
