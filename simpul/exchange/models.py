"""Import batches: an uploaded file, its mapping, one row per data row with the outcome
of the preview, and after the commit one record per enterprise written."""

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.core.scope import ScopeFields
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.models import RegionColumns

from .choices import BatchStatus, ErrorPolicy, MatchRule, RowAction


def _new_key() -> str:
    return secrets.token_urlsafe(9)


def private_storage() -> FileSystemStorage:
    # Uploaded lists hold NIKs and phone numbers: they live outside MEDIA_ROOT, so no
    # web server configuration can ever serve them.
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT)


class ImportMapping(models.Model):
    """A column mapping an office saved, offered again for files of the same shape."""

    office = models.ForeignKey(
        "accounts.Office", on_delete=models.CASCADE, related_name="import_mappings"
    )
    name = models.CharField(_("nama pemetaan"), max_length=120)
    shape = models.CharField(max_length=64, db_index=True)
    columns = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("pemetaan kolom")
        verbose_name_plural = _("pemetaan kolom")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="mapping_office_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ImportBatch(RegionColumns):
    """One uploaded file on its way into the registry. Its region columns hold the
    office's jurisdiction, so batches are scoped like every other record."""

    key = models.CharField(max_length=16, unique=True, default=_new_key)
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(storage=private_storage, upload_to="imports/%Y/%m/", max_length=300)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    file_size = models.BigIntegerField(default=0)
    file_format = models.CharField(max_length=8)
    sheets = models.JSONField(default=list)
    sheet = models.CharField(_("sheet"), max_length=120, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    columns = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    status = models.CharField(
        max_length=16, choices=BatchStatus.choices, default=BatchStatus.UPLOADED, db_index=True
    )
    error_policy = models.CharField(
        max_length=8, choices=ErrorPolicy.choices, default=ErrorPolicy.SKIP
    )
    new_status = models.CharField(
        _("status IKM baru"),
        max_length=16,
        choices=[
            (EnterpriseStatus.DRAFT, _("Draf (diperiksa petugas dulu)")),
            (EnterpriseStatus.VERIFIED, _("Terverifikasi (data resmi Dinas)")),
        ],
        default=EnterpriseStatus.DRAFT,
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_new = models.PositiveIntegerField(default=0)
    rows_update = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    rows_error = models.PositiveIntegerField(default=0)
    rows_warning = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    previewed_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    rolled_back_at = models.DateTimeField(null=True, blank=True)

    scope_fields = ScopeFields("province_code", "regency_code", "district_code", "village_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("batch impor")
        verbose_name_plural = _("batch impor")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d-%m-%Y})"

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_running(self) -> bool:
        return self.status in {BatchStatus.PREVIEWING, BatchStatus.COMMITTING}


class ImportRow(models.Model):
    """The preview's verdict on one data row, next to the original cells."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()  # as Excel shows it
    action = models.CharField(max_length=12, choices=RowAction.choices)
    original = models.JSONField(default=dict)
    # Parsed values ready to write; a NIK only as ciphertext, blind index and mask.
    data = models.JSONField(default=dict)
    # The NIK cell as uploaded, encrypted; `original` holds it masked (engine/sealed.py).
    sealed_nik = models.TextField(blank=True)
    errors = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    target_id = models.BigIntegerField(null=True, blank=True)  # matched enterprise
    match_rule = models.CharField(max_length=16, choices=MatchRule.choices, blank=True)
    duplicate_of = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="import_row_unique")
        ]
        indexes = [models.Index(fields=["batch", "action", "row_number"], name="import_row_action")]

    def __str__(self) -> str:
        return f"{self.batch_id}#{self.row_number} {self.action}"


class ImportedRecord(models.Model):
    """What a commit did to one enterprise: the link from the record to its batch and
    row, and the values it replaced, so the batch can be rolled back."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    row_number = models.PositiveIntegerField()
    action = models.CharField(max_length=12, choices=RowAction.choices)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_records",
    )
    owner_created = models.BooleanField(default=False)
    before = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["row_number"]
        indexes = [models.Index(fields=["batch", "row_number"], name="imported_batch_row")]

    def __str__(self) -> str:
        return f"{self.batch_id}#{self.row_number} → {self.enterprise_id}"
