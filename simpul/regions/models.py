from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An administrative area with its Kemendagri code. The code itself encodes the tree
    (`18` → `18.71` → `18.71.01` → `18.71.01.1001`), which is what jurisdiction scoping uses."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/Kota")
        DISTRICT = 3, _("Kecamatan")
        VILLAGE = 4, _("Desa/Kelurahan")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120, db_index=True)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return self.name

    @property
    def is_kota(self) -> bool:
        """Regency codes 71–99 are cities (kota), 01–69 regencies (kabupaten)."""
        return self.level == self.Level.REGENCY and int(self.code[3:5]) >= 70

    @property
    def is_kelurahan(self) -> bool:
        """Village codes 1xxx are urban kelurahan, 2xxx rural desa."""
        return self.level == self.Level.VILLAGE and self.code[9] == "1"
