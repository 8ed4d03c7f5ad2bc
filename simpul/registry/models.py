import secrets

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from simpul.core.models import Source
from simpul.core.scope import ScopeFields

from .choices import EnterpriseStatus, Gender, LegalForm, SizeClassPermenperin, SizeClassPP7

# No 0/O/1/l/I: keys are read aloud and typed from paper.
_KEY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_public_key() -> str:
    return "".join(secrets.choice(_KEY_ALPHABET) for _ in range(8))


class RegionColumns(models.Model):
    """Village plus its denormalised ancestors, so scoping and counting are one equality
    test on an indexed column instead of a join up the region tree."""

    village = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("desa/kelurahan"),
    )
    province_code = models.CharField(max_length=2, blank=True, db_index=True)
    regency_code = models.CharField(max_length=5, blank=True, db_index=True)
    district_code = models.CharField(max_length=8, blank=True, db_index=True)

    class Meta:
        abstract = True

    def set_village(self, village) -> None:
        self.village = village
        self.set_region_prefix(village.code if village else "")

    def set_region_prefix(self, code: str) -> None:
        """Fill the ancestor columns from a code of any level ('18', '18.71', …). An
        officer's draft starts with its office's area, so it stays inside the officer's
        scope until the village is chosen."""
        self.province_code = code[:2]
        self.regency_code = code[:5] if len(code) >= 5 else ""
        self.district_code = code[:8] if len(code) >= 8 else ""

    @property
    def region_code(self) -> str:
        """The deepest region known for this record."""
        return self.village_id or self.district_code or self.regency_code or self.province_code


class Owner(models.Model):
    full_name = models.CharField(_("nama pemilik"), max_length=150)
    nik_encrypted = models.TextField(_("NIK (terenkripsi)"), blank=True)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True)
    nik_masked = models.CharField(_("NIK"), max_length=16, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owner_profiles",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pemilik")
        verbose_name_plural = _("pemilik")
        constraints = [
            # One person, one owner record: the service checks first, this closes the race.
            models.UniqueConstraint(
                fields=["nik_hash"], condition=~models.Q(nik_hash=""), name="owner_nik_unique"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Sentra(RegionColumns):
    """An industrial centre: at least five units making similar products (PP 29/2018)."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    name = models.CharField(_("nama sentra"), max_length=200)
    commodity = models.CharField(_("komoditas utama"), max_length=200)
    kbli = models.ForeignKey(
        "kbli.Kbli", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    managing_body = models.CharField(_("lembaga pengelola"), max_length=200, blank=True)
    description = models.TextField(_("keterangan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_fields = ScopeFields("province_code", "regency_code", "district_code", "village_id")

    class Meta:
        ordering = ["name"]
        verbose_name = _("sentra")
        verbose_name_plural = _("sentra")

    def __str__(self) -> str:
        return self.name


class Enterprise(RegionColumns):
    """One IKM unit (a business that makes things), with its registration workflow."""

    public_key = models.CharField(max_length=8, unique=True, default=new_public_key)
    name = models.CharField(_("nama usaha"), max_length=200)
    legal_form = models.CharField(
        _("bentuk usaha"),
        max_length=16,
        choices=LegalForm.choices,
        default=LegalForm.PERORANGAN,
    )
    nib = models.CharField(_("NIB"), max_length=13, blank=True, db_index=True)
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True)
    owner = models.ForeignKey(
        Owner, null=True, blank=True, on_delete=models.PROTECT, related_name="enterprises"
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    kbli = models.ForeignKey(
        "kbli.Kbli",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("KBLI utama"),
    )
    # Set when the KBLI was suggested from the product text during an import: a guess
    # for an officer to confirm, never a final coding.
    kbli_suggested = models.BooleanField(_("KBLI saran otomatis"), default=False)
    other_kbli = models.ManyToManyField("kbli.Kbli", blank=True, related_name="+")
    products = models.CharField(_("produk utama"), max_length=300, blank=True)
    year_started = models.PositiveSmallIntegerField(_("tahun mulai usaha"), null=True, blank=True)
    workers_male = models.PositiveIntegerField(_("tenaga kerja laki-laki"), default=0)
    workers_female = models.PositiveIntegerField(_("tenaga kerja perempuan"), default=0)
    # Office lists often give only a total; it is kept apart rather than guessed into
    # men or women, and cleared once someone enters the split.
    workers_unspecified = models.PositiveIntegerField(
        _("tenaga kerja belum dirinci L/P"), default=0
    )
    # Money in whole Rupiah (64-bit integers), never floats.
    investment_value = models.BigIntegerField(_("nilai investasi"), default=0)
    business_capital = models.BigIntegerField(_("modal usaha"), default=0)
    production_capacity = models.CharField(_("kapasitas produksi"), max_length=120, blank=True)
    production_value = models.BigIntegerField(_("nilai produksi per tahun"), default=0)
    annual_sales = models.BigIntegerField(_("omzet per tahun"), default=0)
    sentra = models.ForeignKey(
        Sentra, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    business_phone = models.CharField(_("telepon usaha"), max_length=20, blank=True)
    business_email = models.EmailField(_("e-mail usaha"), blank=True)
    publish_contact = models.BooleanField(_("tampilkan kontak di profil publik"), default=False)

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.DRAFT,
        db_index=True,
    )
    status_reason = models.TextField(_("alasan"), blank=True)
    size_class_permenperin = models.CharField(
        max_length=10, choices=SizeClassPermenperin.choices, blank=True, db_index=True
    )
    size_class_pp7 = models.CharField(
        max_length=10, choices=SizeClassPP7.choices, blank=True, db_index=True
    )
    source = models.CharField(_("sumber"), max_length=24, choices=Source.choices)
    registration_step = models.PositiveSmallIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    scope_fields = ScopeFields(
        "province_code", "regency_code", "district_code", "village_id", "owner__user"
    )

    class Meta:
        verbose_name = _("IKM")
        verbose_name_plural = _("IKM")
        indexes = [
            models.Index(fields=["status", "submitted_at", "id"], name="ent_queue"),
            models.Index(fields=["regency_code", "status", "id"], name="ent_regency_status"),
            models.Index(fields=["province_code", "id"], name="ent_province_id"),
            models.Index(fields=["name", "id"], name="ent_name_id"),
            models.Index(fields=["kbli", "id"], name="ent_kbli_id"),
        ]
        constraints = [
            # The verification queue is ordered by submission time; it must exist.
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="submitted_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        return slugify(self.name)[:60] or "ikm"

    @property
    def workers_total(self) -> int:
        return self.workers_male + self.workers_female + self.workers_unspecified
