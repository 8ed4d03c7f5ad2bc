"""Reads for the public pages (no login). Everything here shows only public products
(`Product.is_public`: published, not hidden, enterprise verified) and verified
enterprises, looked up by their random public key, never by id. Every list is bounded."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from simpul.kbli.models import Kbli
from simpul.regions.models import Region
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import Enterprise, Sentra

from ..models import Certification, MarketplaceLink, Product, ProductPhoto

CARD_LIMIT = 24  # products on a profile, a sentra page, the home page
MEMBER_LIMIT = 500  # a sentra has tens of members, rarely hundreds


def photos_prefetch() -> Prefetch:
    """Photos in gallery order; cards use the first one's thumbnail, link previews and
    JSON-LD its `share_url` (so `share_image` is loaded too, or each costs a query)."""
    return Prefetch(
        "photos",
        queryset=ProductPhoto.objects.only(
            "id",
            "product_id",
            "position",
            "image",
            "thumbnail",
            "share_image",
            "alt_text",
            "width",
            "height",
        ).order_by("position", "id"),
    )


def public_product_cards() -> QuerySet[Product]:
    return (
        Product.objects.filter(is_public=True)
        .select_related("enterprise")
        .prefetch_related(photos_prefetch())
    )


def with_card_data(products: list[Product]) -> list[Product]:
    """Give search results their photos and regency names in two queries in all."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(products, photos_prefetch())
    return with_regency_names(products)


def with_regency_names(items: list) -> list:
    """Set `regency_name` on products, enterprises or sentra (one query for all)."""
    names = region_names(item.regency_code for item in items)
    for item in items:
        item.regency_name = names.get(item.regency_code, "")
    return items


def region_names(codes: Iterable[str]) -> dict[str, str]:
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    return dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))


def kbli_titles(codes: Iterable[str]) -> dict[str, str]:
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    return dict(Kbli.objects.filter(code__in=wanted).values_list("code", "title"))


def sentra_labels(ids: Iterable[int | str]) -> dict[str, Sentra]:
    wanted = {int(i) for i in ids if str(i).isdigit()}
    if not wanted:
        return {}
    rows = Sentra.objects.filter(pk__in=wanted).only("id", "name", "public_key")
    return {str(s.pk): s for s in rows}


def product_public_get(*, key: str) -> Product:
    product = (
        Product.objects.filter(public_key=key, is_public=True)
        .select_related("enterprise", "sentra", "kbli", "village__parent__parent__parent")
        .prefetch_related(
            photos_prefetch(),
            Prefetch("certifications", queryset=Certification.objects.order_by("kind", "id")),
            Prefetch("marketplace_links", queryset=MarketplaceLink.objects.order_by("marketplace")),
        )
        .first()
    )
    if product is None:
        raise Http404
    return product


def featured_products(limit: int = 8) -> list[Product]:
    rows = list(
        public_product_cards()
        .filter(featured_at__isnull=False)
        .order_by("-featured_at", "-id")[:limit]
    )
    return _named(rows)


def enterprise_products(enterprise: Enterprise, limit: int = CARD_LIMIT) -> list[Product]:
    rows = public_product_cards().filter(enterprise=enterprise).order_by("-published_at", "-id")
    return _named(list(rows[:limit]))


def sentra_products(sentra: Sentra, limit: int = CARD_LIMIT) -> list[Product]:
    rows = public_product_cards().filter(sentra=sentra).order_by("-published_at", "-id")
    return _named(list(rows[:limit]))


def _named(products: list[Product]) -> list[Product]:
    names = region_names(p.regency_code for p in products)
    for product in products:
        product.regency_name = names.get(product.regency_code, "")
    return products


def verified_enterprises() -> QuerySet[Enterprise]:
    return Enterprise.objects.filter(status=EnterpriseStatus.VERIFIED)


def directory(*, region: str = "", kbli_division: str = "", name: str = "") -> QuerySet:
    """Verified enterprises for the directory; the caller pages it by (name, id)."""
    queryset = verified_enterprises().select_related("village", "kbli")
    if len(region) == 2:
        queryset = queryset.filter(province_code=region)
    elif len(region) == 5:
        queryset = queryset.filter(regency_code=region)
    if kbli_division:
        queryset = queryset.filter(kbli__code__startswith=kbli_division)
    if name:
        queryset = queryset.filter(name__icontains=name)
    return queryset.only(
        "id", "public_key", "name", "products", "regency_code", "village__name", "kbli__title"
    )


def sentra_list(*, region: str = "") -> QuerySet[Sentra]:
    queryset = Sentra.objects.annotate(
        member_count=Count("members", filter=Q(members__status=EnterpriseStatus.VERIFIED))
    )
    if len(region) == 2:
        queryset = queryset.filter(province_code=region)
    elif len(region) == 5:
        queryset = queryset.filter(regency_code=region)
    return queryset


def sentra_public_get(*, key: str) -> Sentra:
    sentra = (
        Sentra.objects.filter(public_key=key)
        .select_related("kbli", "village__parent__parent__parent")
        .first()
    )
    if sentra is None:
        raise Http404
    return sentra


def sentra_members(sentra: Sentra, limit: int = MEMBER_LIMIT) -> list[Enterprise]:
    rows = (
        verified_enterprises()
        .filter(sentra=sentra)
        .select_related("village")
        .only(
            "id",
            "public_key",
            "name",
            "products",
            "latitude",
            "longitude",
            "publish_contact",  # whether the map shows the exact point
            "village__name",
        )
        .order_by("name", "id")[:limit]
    )
    return list(rows)


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.PROVINCE).only("code", "name")


def regencies(province: str) -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.REGENCY, parent_id=province).only(
        "code", "name"
    )


def kbli_divisions() -> QuerySet[Kbli]:
    """Golongan pokok of manufacturing (10–33): where IKM are."""
    return Kbli.objects.filter(
        level=Kbli.Level.GOLONGAN_POKOK, code__gte="10", code__lte="33"
    ).only("code", "title")
