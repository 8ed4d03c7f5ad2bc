"""Demo products for the Lampung registry: what verified IKM make, with drawn photos,
certificates, marketplace shops, a few featured on the home page and one hidden by the
Dinas with a reason. Written through the catalogue services, like any owner would."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from simpul.accounts.models import User
from simpul.core.audit import Provenance
from simpul.core.models import Source
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.demo.lampung import INDUSTRIES, PROVINCE_CODE
from simpul.registry.demo.plan import DEMO_OWNER_EMAIL
from simpul.registry.models import Enterprise

from .. import services
from ..models import Product
from .photos import product_photo

ENTERPRISES = 220  # verified IKM that get products (the demo owner's always does)
WITH_PHOTOS = 90
FEATURED = 8


@dataclass(frozen=True)
class Pricing:
    low: int
    high: int
    unit: str
    grams: int
    min_order: int


PRICING = {
    "keripik": Pricing(15_000, 35_000, "bungkus 250 g", 270, 10),
    "emping": Pricing(25_000, 60_000, "bungkus 250 g", 270, 10),
    "kopi": Pricing(35_000, 95_000, "bungkus 250 g", 260, 5),
    "tahu_tempe": Pricing(5_000, 12_000, "papan", 500, 20),
    "kue": Pricing(25_000, 150_000, "kotak", 800, 5),
    "ikan": Pricing(20_000, 85_000, "bungkus 250 g", 270, 10),
    "rumput_laut": Pricing(15_000, 30_000, "bungkus", 200, 10),
    "gula_aren": Pricing(18_000, 38_000, "kg", 1_000, 10),
    "minuman": Pricing(15_000, 40_000, "botol", 600, 12),
    "tepung": Pricing(12_000, 20_000, "kg", 1_000, 25),
    "tapis": Pricing(750_000, 5_000_000, "lembar", 400, 1),
    "batik": Pricing(250_000, 1_500_000, "lembar", 300, 1),
    "konveksi": Pricing(45_000, 150_000, "potong", 250, 12),
    "alas_kaki": Pricing(150_000, 450_000, "pasang", 900, 2),
    "mebel": Pricing(1_500_000, 8_000_000, "unit", 30_000, 1),
    "anyaman": Pricing(25_000, 250_000, "buah", 600, 5),
    "kerajinan": Pricing(50_000, 1_500_000, "buah", 500, 1),
    "pandai_besi": Pricing(60_000, 250_000, "buah", 900, 5),
    "atsiri": Pricing(75_000, 160_000, "botol 100 ml", 150, 6),
    "sabun": Pricing(15_000, 45_000, "botol", 550, 12),
}
FOOD = {"keripik", "emping", "kopi", "tahu_tempe", "kue", "ikan", "rumput_laut", "gula_aren"}
FOOD |= {"minuman", "tepung"}
SELLING_POINTS = (
    "Dibuat setiap hari dari bahan pilihan petani setempat.",
    "Tanpa pengawet; dikemas rapat agar tahan lama.",
    "Melayani pesanan oleh-oleh, reseller, dan partai besar.",
    "Dikerjakan tangan oleh perajin berpengalaman.",
)
HIDDEN_REASON = (
    "Foto produk memuat nomor HP pribadi. Ganti fotonya, lalu hubungi Dinas agar produk "
    "ditampilkan kembali."
)
_INDUSTRY_OF = {p.name: i.key for i in INDUSTRIES for p in i.products}
_PRODUCTS_OF = {i.key: [p.name for p in i.products] for i in INDUSTRIES}


def _actor(enterprise: Enterprise, officers: dict[str, User]) -> Provenance:
    user = enterprise.owner.user if enterprise.owner else None
    if user is not None:
        return Provenance(actor=user, source=Source.SELF_REGISTRATION)
    return Provenance(actor=officers[enterprise.regency_code], source=Source.OFFICER)


def _officers() -> dict[str, User]:
    users = User.objects.filter(role="officer", office__region__isnull=False).select_related(
        "office"
    )
    return {u.office.region_id: u for u in users if len(u.office.region_id) == 5}


def _product_data(rng: random.Random, enterprise: Enterprise, name: str, key: str) -> dict:
    price = PRICING[key]
    low = rng.randrange(price.low, price.high, 500 if price.high < 1_000_000 else 50_000)
    ranged = rng.random() < 0.3
    return {
        "name": name[:1].upper() + name[1:],
        "description": f"{name} buatan {enterprise.name}. {rng.choice(SELLING_POINTS)}",
        "price_min": low,
        "price_max": min(price.high, int(low * 1.6)) if ranged else low,
        "unit": price.unit,
        "min_order": price.min_order,
        "production_capacity": f"{rng.randrange(50, 900, 10)} {price.unit.split()[0]} per bulan",
        "weight_grams": price.grams,
        "sku": f"{slugify(enterprise.name)[:12].upper()}-{rng.randrange(100, 999)}",
        "stock": rng.choice([None, 0, rng.randrange(10, 400)]),
    }


def _certificates(rng: random.Random, product: Product, key: str, prov: Provenance) -> None:
    today = timezone.localdate()
    if key in FOOD and rng.random() < 0.7:
        issued = today - dt.timedelta(days=rng.randrange(100, 1500))
        services.certification_add(
            product=product,
            provenance=prov,
            kind="pirt",
            number=f"2{rng.randrange(10**13, 10**14)}-{rng.randrange(24, 31)}",
            issued_on=issued,
            valid_until=issued + dt.timedelta(days=5 * 365),
        )
    if key in FOOD and rng.random() < 0.5:
        services.certification_add(
            product=product,
            provenance=prov,
            kind="halal",
            number=f"ID18110000{rng.randrange(10**8, 10**9)}{rng.randrange(1, 12):02d}23",
            issued_on=today - dt.timedelta(days=rng.randrange(30, 900)),
        )
    if key in {"kopi", "gula_aren"} and rng.random() < 0.15:
        services.certification_add(
            product=product,
            provenance=prov,
            kind="sni",
            number=f"SNI 01-{rng.randrange(2900, 3900)}-2004",
        )
    if rng.random() < 0.12:
        services.certification_add(
            product=product,
            provenance=prov,
            kind="hki",
            number=f"IDM000{rng.randrange(10**6, 10**7)}",
        )


def _links(rng: random.Random, product: Product, prov: Provenance) -> None:
    shop = slugify(product.enterprise.name).replace("-", "")[:24] or "tokoikm"
    if rng.random() < 0.45:
        url = f"https://www.tokopedia.com/{shop}/{product.slug}"
        services.marketplace_link_add(product=product, provenance=prov, url=url)
    if rng.random() < 0.35:
        services.marketplace_link_add(
            product=product, provenance=prov, url=f"https://shopee.co.id/{shop}"
        )


def _photos(rng: random.Random, product: Product, key: str, prov: Provenance) -> None:
    for variant in range(rng.choice([1, 1, 2])):
        data = product_photo(product.name, key, variant, rng)
        services.photo_add(
            product=product, provenance=prov, upload=io.BytesIO(data), alt_text=product.name
        )


def _chosen(rng: random.Random) -> list[Enterprise]:
    verified = Enterprise.objects.filter(
        status=EnterpriseStatus.VERIFIED, province_code=PROVINCE_CODE
    ).select_related("owner__user")
    verified = [e for e in verified.order_by("id") if e.products in _INDUSTRY_OF]
    own = [e for e in verified if _is_demo_owners(e)]
    members = [e for e in verified if e.sentra_id and e not in own]
    rest = [e for e in verified if not e.sentra_id and e not in own]
    picked = rng.sample(rest, min(len(rest), max(0, ENTERPRISES - len(members))))
    return own + sorted(members + picked, key=lambda e: e.pk)


def _make(rng: random.Random, enterprise: Enterprise, prov: Provenance, photos: bool) -> list:
    key = _INDUSTRY_OF[enterprise.products]
    names = [enterprise.products]
    if rng.random() < 0.5 or _is_demo_owners(enterprise):
        names.append(
            rng.choice([n for n in _PRODUCTS_OF[key] if n != enterprise.products] or names)
        )
    made = []
    for name in dict.fromkeys(names):
        product = services.product_create(
            enterprise=enterprise, provenance=prov, data=_product_data(rng, enterprise, name, key)
        )
        if photos:
            _photos(rng, product, key, prov)
        _certificates(rng, product, key, prov)
        _links(rng, product, prov)
        if rng.random() < 0.92:
            product = services.product_publish(product=product, provenance=prov, published=True)
        made.append(product)
    return made


def _is_demo_owners(enterprise: Enterprise) -> bool:
    return enterprise.owner is not None and enterprise.owner.email == DEMO_OWNER_EMAIL


def _curate(rng: random.Random, products: list[Product], officers: dict[str, User]) -> None:
    own = [p for p in products if _is_demo_owners(p.enterprise)]
    candidates = [p for p in products if p.is_public and p.photos.exists() and p not in own]
    for product in rng.sample(candidates, min(FEATURED, len(candidates))):
        prov = Provenance(actor=officers[product.regency_code], source=Source.OFFICER)
        services.product_feature(product=product, provenance=prov, featured=True)
    if own:
        hidden = own[-1]
        prov = Provenance(actor=officers[hidden.regency_code], source=Source.OFFICER)
        services.product_hide(product=hidden, provenance=prov, reason=HIDDEN_REASON)


@transaction.atomic
def seed_catalogue_demo(*, seed: int) -> int:
    """Products for about ENTERPRISES verified IKM; returns how many were created."""
    rng = random.Random(f"{seed}-catalogue")
    officers = _officers()
    products: list[Product] = []
    for index, enterprise in enumerate(_chosen(rng)):
        prov = _actor(enterprise, officers)
        products += _make(rng, enterprise, prov, photos=index < WITH_PHOTOS)
    _curate(rng, products, officers)
    return len(products)
