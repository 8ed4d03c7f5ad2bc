from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificationKind(models.TextChoices):
    HALAL = "halal", _("Sertifikat halal")
    SNI = "sni", _("SNI")
    PIRT = "pirt", _("PIRT")
    BPOM_MD = "bpom_md", _("BPOM MD")
    HKI = "hki", _("HKI/merek")


class Marketplace(models.TextChoices):
    TOKOPEDIA = "tokopedia", "Tokopedia"
    SHOPEE = "shopee", "Shopee"
    BLIBLI = "blibli", "Blibli"
    BUKALAPAK = "bukalapak", "Bukalapak"
    LAZADA = "lazada", "Lazada"
    TIKTOK_SHOP = "tiktok_shop", "TikTok Shop"


# The hosts each marketplace serves shop and product pages (and its short links) from.
# A link is accepted only when its host is one of these or a subdomain of one.
MARKETPLACE_HOSTS: dict[str, tuple[str, ...]] = {
    Marketplace.TOKOPEDIA: ("tokopedia.com", "tokopedia.link", "tk.tokopedia.com"),
    Marketplace.SHOPEE: ("shopee.co.id", "shp.ee"),
    Marketplace.BLIBLI: ("blibli.com",),
    Marketplace.BUKALAPAK: ("bukalapak.com",),
    Marketplace.LAZADA: ("lazada.co.id",),
    Marketplace.TIKTOK_SHOP: ("tiktok.com", "shop-id.tokopedia.com"),
}


class SearchSort(models.TextChoices):
    RELEVANCE = "relevan", _("Paling relevan")
    NEWEST = "terbaru", _("Terbaru")
    PRICE_LOW = "harga-terendah", _("Harga terendah")
    PRICE_HIGH = "harga-tertinggi", _("Harga tertinggi")
