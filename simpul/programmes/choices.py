from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    TRAINING = "training", _("Pelatihan / bimtek")
    WORKSHOP = "workshop", _("Lokakarya (mis. e-commerce)")
    CERT_HALAL = "cert_halal", _("Fasilitasi sertifikasi halal")
    CERT_SNI = "cert_sni", _("Fasilitasi sertifikasi SNI")
    CERT_HKI = "cert_hki", _("Fasilitasi HKI / merek")
    CERT_BPOM = "cert_bpom", _("Fasilitasi izin edar BPOM")
    MACHINERY = "machinery", _("Restrukturisasi mesin/peralatan")
    EXHIBITION = "exhibition", _("Pameran")
    MENTORING = "mentoring", _("Pendampingan")
    PARTNERSHIP = "partnership", _("Kemitraan")
    OTHER = "other", _("Lainnya")


class ProgrammeStatus(models.TextChoices):
    """Whether the call is open follows from the application window; the status says only
    whether the office has published it and whether it has run its course."""

    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Diumumkan")
    FINISHED = "finished", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Mendaftar")
    ELIGIBLE = "eligible", _("Memenuhi syarat")
    INELIGIBLE = "ineligible", _("Tidak memenuhi syarat")
    CURATION = "curation", _("Dalam kurasi")
    SELECTED = "selected", _("Terpilih")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    REJECTED = "rejected", _("Tidak terpilih")
    PARTICIPATING = "participating", _("Peserta")
    COMPLETED = "completed", _("Selesai")
    DROPPED = "dropped", _("Gugur / mengundurkan diri")


# Statuses that take a place of the quota.
QUOTA_STATUSES = (
    ApplicationStatus.SELECTED,
    ApplicationStatus.PARTICIPATING,
    ApplicationStatus.COMPLETED,
)
# Statuses that count as having received the programme's facility (for double-aid rules).
RECEIVED_STATUSES = (ApplicationStatus.PARTICIPATING, ApplicationStatus.COMPLETED)


class RuleKind(models.TextChoices):
    SIZE_CLASS_PERMENPERIN = "size_permenperin", _("Kelas usaha (Permenperin 64/2016)")
    SIZE_CLASS_PP7 = "size_pp7", _("Kelas usaha (PP 7/2021)")
    KBLI_PREFIX = "kbli_prefix", _("KBLI diawali")
    REGION = "region", _("Lokasi usaha di wilayah")
    VERIFIED = "verified", _("Data IKM terverifikasi")
    NIB_PRESENT = "nib", _("Memiliki NIB")
    CAPITAL_MAX = "capital_max", _("Modal usaha paling banyak")
    WOMEN_OWNED = "women_owned", _("Dimiliki perempuan")
    NO_DOUBLE_AID = "no_double_aid", _("Belum menerima fasilitas sejenis")
    ANSWER = "answer", _("Jawaban pertanyaan")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Teks")
    YES_NO = "yes_no", _("Ya / tidak")
    NUMBER = "number", _("Angka")
    CHOICE = "choice", _("Pilihan")


class OutcomeKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Sertifikat terbit")
    MACHINE = "machine", _("Mesin diterima / penggantian")
    MARKETPLACE_SHOP = "marketplace_shop", _("Toko marketplace dibuka")
    CONTRACT = "contract", _("Kontrak ditandatangani")
    OTHER = "other", _("Lainnya")


class TargetIndicator(models.TextChoices):
    FACILITATED = "facilitated", _("IKM difasilitasi")
    NEW_REGISTERED = "new_registered", _("IKM baru terdaftar")
    VERIFIED = "verified", _("IKM terverifikasi baru")
    GROWTH_PCT = "growth_pct", _("Pertumbuhan jumlah IKM (%)")
