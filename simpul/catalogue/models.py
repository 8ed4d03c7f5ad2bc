"""Products that IKM sell, with their photos, certificates and marketplace shops.

A product copies a few columns from its enterprise (region codes, sentra, KBLI golongan
pokok, whether it may be public) so that the public catalogue and its facets are one
indexed table, never a join over millions of enterprises. `services.products_sync` keeps
the copies current whenever the registry announces a change."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from simpul.core.scope import ScopeFields
from simpul.registry.models import Enterprise, RegionColumns, Sentra, new_public_key

from .choices import CertificationKind, Marketplace

MAX_PHOTOS = 8


class Product(RegionColumns):
    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="catalogue_products"
    )
    name = models.CharField(_("nama produk"), max_length=150)
    description = models.TextField(_("deskripsi"), blank=True)
    kbli = models.ForeignKey(
        "kbli.Kbli",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("KBLI/kategori"),
    )
    # Whole Rupiah; a single price is min == max, a range is min < max.
    price_min = models.BigIntegerField(_("harga terendah"), null=True, blank=True)
    price_max = models.BigIntegerField(_("harga tertinggi"), null=True, blank=True)
    unit = models.CharField(_("satuan"), max_length=30, default="pcs")
    min_order = models.PositiveIntegerField(_("pesanan minimum"), default=1)
    production_capacity = models.CharField(_("kapasitas produksi"), max_length=120, blank=True)
    # Marketplaces need these to list a product; the catalogue only shows them.
    weight_grams = models.PositiveIntegerField(_("berat (gram)"), null=True, blank=True)
    sku = models.CharField(_("SKU"), max_length=40, blank=True)
    stock = models.PositiveIntegerField(_("stok"), null=True, blank=True)

    is_published = models.BooleanField(_("diterbitkan"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    # Curation by the Dinas: a hidden product is never public; the owner sees the reason.
    hidden_reason = models.TextField(_("alasan disembunyikan"), blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_at = models.DateTimeField(_("ditampilkan di beranda sejak"), null=True, blank=True)

    # Copies kept by services.products_sync (see the module docstring).
    sentra = models.ForeignKey(
        Sentra, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    kbli_division = models.CharField(max_length=2, blank=True)  # golongan pokok
    cert_kinds = models.CharField(max_length=60, blank=True)  # ",halal,pirt," for facets
    is_public = models.BooleanField(default=False)
    # Normalised words (stemmed, spelling variants unified) of the product, its
    # enterprise, region and sentra: what the search backends index.
    search_document = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_fields = ScopeFields(
        "province_code", "regency_code", "district_code", "village_id", "enterprise__owner__user"
    )

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        indexes = [
            models.Index(fields=["is_public", "-published_at", "-id"], name="prod_public_new"),
            models.Index(fields=["is_public", "province_code"], name="prod_public_prov"),
            models.Index(fields=["is_public", "regency_code"], name="prod_public_reg"),
            models.Index(fields=["is_public", "kbli_division"], name="prod_public_kbli"),
            models.Index(fields=["is_public", "sentra"], name="prod_public_sentra"),
            models.Index(fields=["is_public", "price_min"], name="prod_public_price"),
            models.Index(fields=["featured_at"], name="prod_featured"),
            models.Index(fields=["regency_code", "id"], name="prod_regency_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_min__lte=models.F("price_max")),
                name="prod_price_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True) | models.Q(price_min__gte=0),
                name="prod_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        return slugify(self.name)[:60] or "produk"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


def photo_path(photo: ProductPhoto, filename: str) -> str:
    return f"produk/{photo.product.public_key}/{filename}"


class ProductPhoto(models.Model):
    """A photo as we re-encoded it (WebP plus a JPEG for sharing, EXIF removed); the
    upload itself is not kept."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(default=0)
    image = models.FileField(upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(upload_to=photo_path, max_length=200)
    # JPEG copy for link previews, marketplace files and feeds (see services.photos).
    share_image = models.FileField(upload_to=photo_path, max_length=200, blank=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(_("keterangan foto"), max_length=150, blank=True)
    sha256 = models.CharField(max_length=64)  # of the upload, to refuse the same photo twice
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")
        constraints = [
            models.UniqueConstraint(fields=["product", "sha256"], name="photo_once_per_product")
        ]

    def __str__(self) -> str:
        return self.alt_text or self.image.name

    @property
    def files(self) -> list:
        """The stored files of this photo (the JPEG is missing on photos added before
        it existed)."""
        return [f for f in (self.image, self.thumbnail, self.share_image) if f.name]

    @property
    def share_url(self) -> str:
        """Where link previews, feeds and marketplace files take the photo from."""
        return (self.share_image or self.image).url


class Certification(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("jenis"), max_length=10, choices=CertificationKind.choices)
    number = models.CharField(_("nomor"), max_length=60)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("sertifikasi")
        verbose_name_plural = _("sertifikasi")
        constraints = [
            models.UniqueConstraint(fields=["product", "kind", "number"], name="cert_once"),
            models.CheckConstraint(
                condition=models.Q(issued_on__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(issued_on__lte=models.F("valid_until")),
                name="cert_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.valid_until is None or self.valid_until >= day


class MarketplaceLink(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="marketplace_links")
    marketplace = models.CharField(_("marketplace"), max_length=12, choices=Marketplace.choices)
    url = models.URLField(_("tautan toko/produk"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["marketplace", "id"]
        verbose_name = _("tautan marketplace")
        verbose_name_plural = _("tautan marketplace")
        constraints = [
            models.UniqueConstraint(fields=["product", "url"], name="mplink_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_marketplace_display()}: {self.url}"
