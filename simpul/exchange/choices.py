from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Diunggah, kolom belum dicocokkan")
    PREVIEWING = "previewing", _("Sedang diperiksa")
    PREVIEWED = "previewed", _("Siap diimpor")
    COMMITTING = "committing", _("Sedang diimpor")
    COMMITTED = "committed", _("Selesai diimpor")
    FAILED = "failed", _("Gagal")
    ROLLED_BACK = "rolled_back", _("Dibatalkan (rollback)")


class ErrorPolicy(models.TextChoices):
    SKIP = "skip", _("Lewati baris yang salah, impor sisanya")
    STOP = "stop", _("Hentikan bila ada satu saja baris yang salah")


class RowAction(models.TextChoices):
    NEW = "new", _("Baru")
    UPDATE = "update", _("Diperbarui")
    UNCHANGED = "unchanged", _("Sudah ada, tidak berubah")
    DUPLICATE = "duplicate", _("Ganda dalam berkas")
    ERROR = "error", _("Salah")


class MatchRule(models.TextChoices):
    CODE = "code", _("Kode IKM")
    NIB = "nib", _("NIB")
    NIK = "nik", _("NIK pemilik dan nama usaha")
    NAME_VILLAGE = "name_village", _("Nama usaha dan desa/kelurahan")
