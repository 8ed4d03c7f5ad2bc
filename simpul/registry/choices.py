from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Terverifikasi")
    NEEDS_REVISION = "needs_revision", _("Perlu perbaikan")
    REJECTED = "rejected", _("Ditolak")


class LegalForm(models.TextChoices):
    PERORANGAN = "perorangan", _("Perorangan")
    UD = "ud", "UD"
    CV = "cv", "CV"
    PT = "pt", "PT"
    PT_PERORANGAN = "pt_perorangan", _("PT Perorangan")
    KOPERASI = "koperasi", _("Koperasi")
    FIRMA = "firma", _("Firma")
    LAINNYA = "lainnya", _("Lainnya")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class SizeClassPermenperin(models.TextChoices):
    """Permenperin 64/2016 (workers and investment excluding land and buildings)."""

    KECIL = "kecil", _("Industri kecil")
    MENENGAH = "menengah", _("Industri menengah")
    BESAR = "besar", _("Industri besar")


class SizeClassPP7(models.TextChoices):
    """PP 7/2021 (modal usaha excluding land and buildings, or yearly sales)."""

    MIKRO = "mikro", _("Usaha mikro")
    KECIL = "kecil", _("Usaha kecil")
    MENENGAH = "menengah", _("Usaha menengah")
    BESAR = "besar", _("Usaha besar")
