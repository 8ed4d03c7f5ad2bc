"""Partnerships (kemitraan, link-and-match): a partner company posts needs, the Dinas
introduces matching IKM, and each introduction is followed to a contract and delivery.

A match copies its enterprise's region columns, so "matches in my jurisdiction" is one
equality test on an indexed column (like products in the catalogue); `receivers` keeps
the copies current when the registry announces a change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.core.scope import ScopeFields
from simpul.registry.models import new_public_key

from .choices import MatchStatus, NeedPeriod, NeedStatus, PartnerKind

USER = settings.AUTH_USER_MODEL


class Partner(models.Model):
    """A large industry, BUMN, buyer or exporter that buys from IKM."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    name = models.CharField(_("nama mitra"), max_length=200)
    kind = models.CharField(_("jenis mitra"), max_length=12, choices=PartnerKind.choices)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lokasi (provinsi atau kabupaten/kota)"),
    )
    website = models.URLField(_("situs web"), max_length=200, blank=True)
    # The office that registered the partner; it and the offices above it manage it.
    created_by = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("kantor pendaftar"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        indexes = [models.Index(fields=["created_by", "name", "id"], name="partner_office_name")]

    def __str__(self) -> str:
        return self.name


class PartnerMember(models.Model):
    """A contact person of a partner: a user with the role "partner"."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="partner_memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kontak mitra")
        verbose_name_plural = _("kontak mitra")
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="partner_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.partner}"


class PartnerNeed(models.Model):
    """What a partner wants to buy: a product or KBLI, a volume, a region, certificates."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="needs")
    title = models.CharField(_("judul kebutuhan"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    # KBLI prefixes "10,1076": a candidate's KBLI must start with one of them.
    kbli_prefixes = models.CharField(_("awalan KBLI"), max_length=60, blank=True)
    keywords = models.CharField(_("kata kunci produk"), max_length=200, blank=True)
    volume = models.PositiveIntegerField(_("volume"))
    unit = models.CharField(_("satuan"), max_length=30)
    period = models.CharField(_("periode"), max_length=8, choices=NeedPeriod.choices)
    # None = anywhere; otherwise a province or a regency/city.
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah pemasok"),
    )
    # CertificationKind values, e.g. ["halal", "sni"].
    certifications = models.JSONField(_("sertifikat wajib"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    needed_by = models.DateField(_("dibutuhkan paling lambat"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kebutuhan mitra")
        verbose_name_plural = _("kebutuhan mitra")
        indexes = [models.Index(fields=["status", "region"], name="need_status_region")]

    def __str__(self) -> str:
        return self.title

    @property
    def prefix_list(self) -> list[str]:
        return [p for p in self.kbli_prefixes.split(",") if p]

    @property
    def is_open(self) -> bool:
        return self.status == NeedStatus.OPEN


class Match(models.Model):
    """One enterprise introduced to one need, followed to a contract and delivery."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    need = models.ForeignKey(PartnerNeed, on_delete=models.PROTECT, related_name="matches")
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="partner_matches"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.PositiveIntegerField(_("skor kecocokan"), default=0)
    # [{"text": "...", "good": true}, …] as ranked when the match was made.
    reasons = models.JSONField(_("alasan kecocokan"), default=list, blank=True)
    contract_value = models.BigIntegerField(_("nilai kontrak (Rp)"), null=True, blank=True)
    introduced_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    introduced_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Copies of the enterprise's region (see the module docstring).
    province_code = models.CharField(max_length=2, blank=True, db_index=True)
    regency_code = models.CharField(max_length=5, blank=True, db_index=True)
    district_code = models.CharField(max_length=8, blank=True)

    scope_fields = ScopeFields(
        "province_code",
        "regency_code",
        "district_code",
        "enterprise__village",
        owner_user="enterprise__owner__user",
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("pencocokan")
        verbose_name_plural = _("pencocokan")
        constraints = [
            models.UniqueConstraint(fields=["need", "enterprise"], name="match_once_per_need"),
            models.CheckConstraint(
                condition=models.Q(contract_value__isnull=True) | models.Q(contract_value__gt=0),
                name="match_contract_value_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["regency_code", "status"], name="match_regency_status"),
            models.Index(fields=["province_code", "status"], name="match_province_status"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.need}"

    def copy_region(self, enterprise) -> None:
        self.province_code = enterprise.province_code
        self.regency_code = enterprise.regency_code
        self.district_code = enterprise.district_code

    @property
    def url(self) -> str:
        return reverse("partnerships:match", args=[self.public_key])
