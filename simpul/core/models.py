from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a record or a change came from (provenance)."""

    SELF_REGISTRATION = "self_registration", _("Pendaftaran mandiri")
    OFFICER = "officer", _("Petugas")
    IMPORT = "import", _("Impor data")
    SURVEY = "survey", _("Survei lapangan")
    SYSTEM = "system", _("Sistem")
    PANEL = "panel", _("Panelis kurasi")
    PARTNER = "partner", _("Mitra")


class ChangeRecord(models.Model):
    """One audited event: a change with its before/after values, or an access to personal
    data. Written only by `simpul.core.audit`."""

    entity = models.CharField(_("jenis data"), max_length=40)
    entity_id = models.CharField(_("id data"), max_length=40)
    action = models.CharField(_("tindakan"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("sumber"), max_length=24, choices=Source.choices)
    source_ref = models.CharField(_("rujukan sumber"), max_length=80, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["entity", "entity_id", "-created_at"])]
        verbose_name = _("catatan perubahan")
        verbose_name_plural = _("catatan perubahan")

    def __str__(self) -> str:
        return f"{self.entity}#{self.entity_id} {self.action}"
