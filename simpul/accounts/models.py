from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Office(models.Model):
    """Kemenperin (national) or a Dinas of a province or regency/city. Its region is its
    jurisdiction; no region means the whole nation."""

    class Kind(models.TextChoices):
        KEMENPERIN = "kemenperin", _("Kementerian Perindustrian")
        PROVINCE = "provinsi", _("Dinas provinsi")
        REGENCY = "kabkota", _("Dinas kabupaten/kota")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="offices"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("kantor")
        verbose_name_plural = _("kantor")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="kemenperin", region__isnull=True)
                | (~Q(kind="kemenperin") & Q(region__isnull=False)),
                name="office_region_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def jurisdiction_code(self) -> str:
        """Region-code prefix of everything this office may see; '' is national."""
        return self.region_id or ""


OFFICE_ROLES = ("office_admin", "officer", "analyst")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email=None, password=None, **extra):
        email = self.normalize_email(email) if email else None
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address or a phone number."""

    class Role(models.TextChoices):
        OFFICE_ADMIN = "office_admin", _("Admin kantor")
        OFFICER = "officer", _("Petugas")
        ANALYST = "analyst", _("Analis")
        OWNER = "owner", _("Pelaku IKM")
        # People outside the offices: a curation panel member (bank, OJK, university)
        # and a partner company's contact. Neither belongs to an office nor sees the
        # registry; each sees only what their own assignment opens to them.
        PANELIST = "panelist", _("Panelis kurasi")
        PARTNER = "partner", _("Mitra industri")

    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, unique=True, null=True, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.OWNER)
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("akses admin Django"), default=False)
    date_joined = models.DateTimeField(_("bergabung"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["owner", "panelist", "partner"]) | Q(office__isnull=False),
                name="staff_role_needs_office",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or "?"

    @property
    def is_office_staff(self) -> bool:
        return self.role in OFFICE_ROLES and self.office_id is not None

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER

    @property
    def is_panelist(self) -> bool:
        return self.role == self.Role.PANELIST

    @property
    def is_partner(self) -> bool:
        return self.role == self.Role.PARTNER
