from django.db import models
from django.utils.translation import gettext_lazy as _


class Kbli(models.Model):
    """One node of the KBLI 2020 tree: kategori (letter) → golongan pokok (2 digits) →
    golongan (3) → subgolongan (4) → kelompok (5)."""

    class Level(models.TextChoices):
        KATEGORI = "kategori", _("Kategori")
        GOLONGAN_POKOK = "golongan_pokok", _("Golongan pokok")
        GOLONGAN = "golongan", _("Golongan")
        SUBGOLONGAN = "subgolongan", _("Subgolongan")
        KELOMPOK = "kelompok", _("Kelompok")

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    level = models.CharField(_("tingkat"), max_length=16, choices=Level.choices, db_index=True)
    kategori = models.CharField(_("kategori"), max_length=1, db_index=True)
    title = models.CharField(_("judul"), max_length=400)
    description = models.TextField(_("uraian"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "KBLI"
        verbose_name_plural = "KBLI"

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
